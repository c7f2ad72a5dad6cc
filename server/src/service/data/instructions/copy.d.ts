import type { InstructionData } from '../types';
export declare const COPY: InstructionData;
