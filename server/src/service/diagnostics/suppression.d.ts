/**
 * Suppression comments. Four kinds, all plain comment lines:
 * - `# check=skip=<Rule>[,<Rule>]` (BuildKit's): as the parser directive on the first lines it
 *   silences BuildKit checks for the file; directly above an instruction, for that instruction;
 * - `# dockerfile-studio ignore=<rule>[,<rule>]` directly above an instruction (other comment
 *   lines may sit in between) silences those rules on that instruction;
 * - `# dockerfile-studio ignore-file=<rule>[,<rule>]` anywhere silences them for the file;
 * - `# hadolint ignore=DL3008,DL3009` above an instruction and `# hadolint global ignore=...`
 *   anywhere silence the rules whose `hadolint` list has those codes.
 */
import type { DockerfileModel } from '../model';
import type { Rule } from './types';
/** The comment that silences rules on the next instruction (the quick fix inserts it). */
export declare const IGNORE_NEXT = "dockerfile-studio ignore";
/** The comment that silences rules for the whole file. */
export declare const IGNORE_FILE = "dockerfile-studio ignore-file";
/** The pragmas of one document, ready for per-diagnostic lookups. */
export interface Suppressions {
    /** True when the rule is off for the whole file (BuildKit's file-wide skip is handled by the engine). */
    silencedInFile(rule: Rule): boolean;
    /** True when a pragma above the instruction that starts on `line` silences the rule. */
    silencedAt(rule: Rule, instructionStartLine: number): boolean;
    /** True when any instruction-level pragma exists (lets the engine skip lookups). */
    readonly hasInstructionPragmas: boolean;
}
/** Reads every suppression pragma of the document. */
export declare function readSuppressions(model: DockerfileModel): Suppressions;
/** `A, B,C // why` -> [A, B, C]: names run up to the first space after a name or a `;`. */
export declare function splitNames(list: string): string[];
