/**
 * Instruction-local rules, cached. The model keeps an instruction object across edits that do
 * not touch it, so the raw findings of every `checkInstruction` rule are kept per instruction
 * object and reused while the instruction stays on the same line and its group's key is the same
 * (which local rules run, the escape character, the .dockerignore, and for a rule with a context
 * key, that key). After a one-character edit only the re-parsed instruction is checked again.
 * Severity and suppression are applied by the engine at each lint, since settings change
 * without the text changing.
 */
import type { Range } from 'vscode-languageserver-types';
import type { DockerfileModel, InstructionModel } from '../model';
import type { FindingExtra, ImageEnvLookup, Rule } from './types';
/** What local rules read besides the model: the ignore file and the base images' environments. */
export interface LocalInputs {
    dockerignore: string | null;
    imageEnv?: ImageEnvLookup;
}
/** One raw finding of a local rule; `crash` marks a rule that threw on the instruction. */
export interface LocalFinding {
    /** Index of the rule in the list the lint ran. */
    rule: number;
    range: Range;
    message: string;
    extra?: FindingExtra;
    crash?: unknown;
}
interface Entry {
    line: number;
    /** Per group (by position): the key its findings were computed under, and the findings. */
    keys: number[];
    findings: LocalFinding[][];
}
/**
 * The raw findings of the local rules per instruction object, kept across the lints of a
 * document's versions. The service owns one; a lint given none starts empty and checks everything.
 */
export declare class LocalFindingsCache {
    readonly entries: WeakMap<InstructionModel, Entry>;
    private readonly keyIds;
    private nextKeyId;
    /** The small number standing for a cache key. */
    keyId(key: string): number;
}
/**
 * Runs the local rules (`rules[i]` for each index in `local`) over every top-level instruction,
 * reusing cached findings; returns the findings per instruction in document order. It pauses
 * (yields) after each instruction (a cold one can take a millisecond) so a caller can let other
 * work in; a pause costs ~0.1 µs.
 */
export declare function lintLocal(model: DockerfileModel, rules: readonly Rule[], local: readonly number[], inputs: LocalInputs, cache: LocalFindingsCache): Generator<void, {
    instruction: InstructionModel;
    findings: LocalFinding[];
}[], void>;
export {};
