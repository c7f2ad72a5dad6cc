import type { InstructionData } from '../types';
export declare const ARG: InstructionData;
