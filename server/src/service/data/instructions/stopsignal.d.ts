import type { InstructionData } from '../types';
export declare const STOPSIGNAL: InstructionData;
