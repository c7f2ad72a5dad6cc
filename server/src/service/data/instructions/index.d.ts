/** All 18 instructions, in the order the Dockerfile reference lists them in its overview. */
import type { InstructionData } from '../types';
export declare const INSTRUCTIONS: readonly InstructionData[];
