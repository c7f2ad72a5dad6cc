import type { InstructionData } from '../types';
export declare const ENV: InstructionData;
