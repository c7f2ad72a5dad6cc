import type { InstructionData } from '../types';
export declare const VOLUME: InstructionData;
