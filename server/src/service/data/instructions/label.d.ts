import type { InstructionData } from '../types';
export declare const LABEL: InstructionData;
