import type { InstructionData } from '../types';
export declare const USER: InstructionData;
