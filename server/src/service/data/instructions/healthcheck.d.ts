import type { InstructionData } from '../types';
export declare const HEALTHCHECK: InstructionData;
