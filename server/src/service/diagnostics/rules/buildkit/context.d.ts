import type { Rule } from '../../types';
export declare const copyIgnoredFile: Rule;
export declare const invalidDefinitionDescription: Rule;
/** The rules of this file, in run order. */
export declare const CONTEXT_CHECKS: Rule[];
