import { type FlagData } from '../../../data';
import type { FlagModel, InstructionModel } from '../../../model';
import type { Rule } from '../../types';
export declare const unknownFlag: Rule;
export declare const duplicateFlag: Rule;
export declare const invalidFlagValue: Rule;
/** What is wrong with a flag's value, or null. */
export declare function flagValueProblem(data: FlagData, flag: FlagModel): string | null;
/** What is wrong with a value of the given kind, or null; shared with mount options. */
export declare function valueProblem(kind: FlagData['valueKind'], value: string, values: string[] | undefined, name: string): string | null;
/** Milliseconds of a Go duration string (`1m30s`), or null when Go's parser would refuse it. */
export declare function parseGoDuration(text: string): number | null;
/** The flags before a bare `--`, which ends BuildKit's flag list (later words are arguments). */
export declare function flagsBeforeTerminator(instruction: InstructionModel): FlagModel[];
/** True when the instruction reads flags (the model fills `flags` only for these). */
export declare function readsFlags(instruction: InstructionModel): boolean;
/** The rules of this file, in run order. */
export declare const FLAG_RULES: Rule[];
