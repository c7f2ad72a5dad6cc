/**
 * Package-manager invocations read from RUN commands: which manager, which subcommand, its
 * options and its operands (package names), for apt-get/apt, apk, yum/dnf/microdnf, zypper,
 * pip/pipx, npm, yarn, gem and go.
 */
import type { DockerfileModel, InstructionModel } from '../../../model';
import type { ShellWord } from '../../../shell';
import { type RunCommand } from './scripts';
/** One package-manager call. */
export interface Invocation {
    manager: string;
    /** `install`, `add`, `module install`, `group install` ... ('' when none). */
    subcommand: string;
    /** Every option word (`-y`, `--no-cache`, `--opt=value`), wherever it stands. */
    options: ShellWord[];
    /** Operands after the subcommand, values of options excluded. */
    operands: ShellWord[];
    /** The word to insert new options after (the subcommand word, or the command name). */
    anchor: ShellWord;
    at: RunCommand;
}
/** The package-manager calls of one RUN, read once per command list (kept across edits). */
export declare function runInvocations(model: DockerfileModel, run: InstructionModel): Invocation[];
/** Every package-manager call in the document's RUNs, in order. */
export declare function invocations(model: DockerfileModel): Invocation[];
/**
 * True when an option is given: a long name (`--yes`, or `--name=value`) or a short letter,
 * alone or combined (`-y`, `-qy`).
 */
export declare function hasOption(invocation: Invocation, longNames: string[], shortLetters?: string): boolean;
/** The value of `--name=value` or `--name value` (the word after it), or null. */
export declare function optionValue(invocation: Invocation, names: string[]): string | null;
/** True when the operand is a local file or folder rather than a package name. */
export declare function isLocalPath(value: string): boolean;
