import type { Rule } from '../../types';
export declare const stageNameCasing: Rule;
export declare const fromAsCasing: Rule;
export declare const consistentInstructionCasing: Rule;
/** The rules of this file, in run order. */
export declare const CASING_RULES: Rule[];
