import type { InstructionData } from '../types';
export declare const RUN: InstructionData;
