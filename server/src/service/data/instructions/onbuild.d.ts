import type { InstructionData } from '../types';
export declare const ONBUILD: InstructionData;
