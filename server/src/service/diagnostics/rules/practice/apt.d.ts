import type { Rule } from '../../types';
import { type Invocation } from './packages';
import { resolveWord } from './scripts';
export declare const aptGetYes: Rule;
export declare const aptNoInstallRecommends: Rule;
/** The operands of an install that name packages without a version (local files aside), variables resolved. */
export declare function unpinned(model: Parameters<typeof resolveWord>[0], invocation: Invocation, pinned: (value: string) => boolean): string[];
export declare const aptPin: Rule;
/** A short, readable list of names. */
export declare function list(names: string[]): string;
/** True when an `rm` in the command removes one of the directories (or what is inside). */
export declare function removes(args: {
    value: string;
}[], dirs: string[]): boolean;
export declare const aptListsCleanup: Rule;
export declare const useAptGet: Rule;
export declare const APT_RULES: Rule[];
