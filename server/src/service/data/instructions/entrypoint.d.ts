import type { InstructionData } from '../types';
export declare const ENTRYPOINT: InstructionData;
