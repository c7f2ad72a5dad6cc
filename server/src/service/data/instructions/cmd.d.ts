import type { InstructionData } from '../types';
export declare const CMD: InstructionData;
