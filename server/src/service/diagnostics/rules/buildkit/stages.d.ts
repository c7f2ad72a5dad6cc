import type { Rule } from '../../types';
export declare const duplicateStageName: Rule;
export declare const reservedStageName: Rule;
export declare const redundantTargetPlatform: Rule;
export declare const fromPlatformFlagConstDisallowed: Rule;
export declare const invalidBaseImagePlatform: Rule;
export declare const undefinedArgInFrom: Rule;
export declare const invalidDefaultArgInFrom: Rule;
/** The rules of this file, in run order. */
export declare const STAGE_CHECKS: Rule[];
