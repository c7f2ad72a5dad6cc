/**
 * Small helpers shared by rules: "did you mean" suggestions, casing and edits. Pure and
 * allocation-light: rules call them per finding, not per line.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { InstructionModel } from '../model';
/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
export declare function editDistance(a: string, b: string, max?: number): number;
/**
 * The closest candidate by edit distance, when close enough to be a likely typo: at most a
 * third of the word's length (and at least 1, at most 3). Case-insensitive unless told.
 */
export declare function closest(word: string, candidates: Iterable<string>, caseSensitive?: boolean): string | undefined;
/** ` (did you mean "X"?)` or the empty string. */
export declare function didYouMean(suggestion: string | undefined, quote?: string): string;
/** Writes `word` in the casing style of `model` (all lower, all upper, or as given). */
export declare function matchCase(word: string, model: string): string;
/** True when the text is all upper case or all lower case. */
export declare function isSelfConsistentCasing(text: string): boolean;
/** One edit replacing a range. */
export declare function replace(range: Range, newText: string): TextEdit;
/** True when the range lies inside another (inclusive). */
export declare function contains(outer: Range, inner: Range): boolean;
/** The instruction and its ONBUILD trigger, the two places flags and arguments live. */
export declare function withTriggers(instructions: InstructionModel[]): InstructionModel[];
