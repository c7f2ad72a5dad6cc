import type { InstructionData } from '../types';
export declare const EXPOSE: InstructionData;
