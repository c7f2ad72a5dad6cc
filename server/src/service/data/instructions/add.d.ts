import type { InstructionData } from '../types';
export declare const ADD: InstructionData;
