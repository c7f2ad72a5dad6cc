import type { Rule } from '../../types';
export declare const baseImageUntagged: Rule;
export declare const baseImageLatest: Rule;
export declare const useCopy: Rule;
export declare const lastUserRoot: Rule;
export declare const relativeCopyDest: Rule;
export declare const copyWholeStage: Rule;
export declare const IMAGE_RULES: Rule[];
