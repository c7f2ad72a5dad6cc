/** Package hygiene for apk and the language package managers: pip, npm, yarn, gem and go. */
import type { Rule } from '../../types';
export declare const pipPin: Rule;
export declare const npmPin: Rule;
export declare const gemPin: Rule;
export declare const goPin: Rule;
export declare const apkPin: Rule;
export declare const apkNoCache: Rule;
export declare const pipNoCacheDir: Rule;
export declare const yarnCacheClean: Rule;
export declare const LANGUAGE_RULES: Rule[];
