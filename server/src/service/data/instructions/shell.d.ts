import type { InstructionData } from '../types';
export declare const SHELL: InstructionData;
