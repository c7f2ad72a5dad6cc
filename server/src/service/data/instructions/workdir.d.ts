import type { InstructionData } from '../types';
export declare const WORKDIR: InstructionData;
