import type { InstructionData } from '../types';
export declare const FROM: InstructionData;
