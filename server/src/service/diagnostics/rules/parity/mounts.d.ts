import type { Rule } from '../../types';
export declare const unknownMountOption: Rule;
export declare const invalidMountOptionValue: Rule;
export declare const missingMountOption: Rule;
/** The rules of this file, in run order. */
export declare const MOUNT_RULES: Rule[];
