import type { Rule } from '../../types';
export declare const jsonArgsRecommended: Rule;
export declare const maintainerDeprecated: Rule;
export declare const multipleInstructionsDisallowed: Rule;
export declare const legacyKeyValueFormat: Rule;
export declare const workdirRelativePath: Rule;
export declare const noEmptyContinuation: Rule;
export declare const exposeProtoCasing: Rule;
export declare const exposeInvalidFormat: Rule;
/** The rules of this file, in run order. */
export declare const INSTRUCTION_CHECKS: Rule[];
