/**
 * The shell side of RUN for the practice rules: every RUN (ONBUILD triggers included) read into
 * simple commands once per model, with document ranges, heredoc bodies read as the scripts they
 * are, and words resolved through the Dockerfile's ARG/ENV before a rule judges them.
 */
import type { Range } from 'vscode-languageserver-types';
import type { DockerfileModel, InstructionModel, StageModel } from '../../../model';
import { type ShellCommand, type ShellScript, type ShellWord } from '../../../shell';
/** One script of a RUN: its shell-form line, a heredoc body, or its exec form. */
export interface RunScript {
    run: InstructionModel;
    script: ShellScript;
    source: 'shell' | 'heredoc' | 'exec';
    /** Document range of script offsets (exec form: the whole argument range). */
    rangeOf(start: number, end: number): Range;
}
/** A command with where it came from. */
export interface RunCommand {
    command: ShellCommand;
    script: RunScript;
    run: InstructionModel;
    range: Range;
}
/** Every RUN of the document in order, ONBUILD RUN triggers included. */
export declare function runInstructions(model: DockerfileModel): InstructionModel[];
/** The scripts of one RUN, read once. */
export declare function runScripts(model: DockerfileModel, run: InstructionModel): RunScript[];
/** Every command of one RUN with its document range. */
export declare function runCommands(model: DockerfileModel, run: InstructionModel): RunCommand[];
/** Every command of every RUN. */
export declare function allCommands(model: DockerfileModel): RunCommand[];
/**
 * A word's value with the Dockerfile's ARG/ENV substituted, split into words; null when it uses
 * a variable (or command substitution) whose value is not known statically.
 */
export declare function resolveWord(model: DockerfileModel, run: InstructionModel, word: ShellWord): string[] | null;
/** The targets of the RUN's cache and tmpfs mounts (trailing slashes removed). */
export declare function cacheMountTargets(run: InstructionModel): string[];
/** True when a cache or tmpfs mount covers one of the directories (the mount may be a parent). */
export declare function cacheMounted(run: InstructionModel, dirs: string[]): boolean;
/** True when the file already uses BuildKit-only syntax, so a cache mount is a natural suggestion. */
export declare function usesBuildKit(model: DockerfileModel): boolean;
/**
 * True when a stage's files can end up in a shipped image: the last stage, a stage another FROM
 * builds on, or code before any FROM. Caches left in a builder stage cost nothing.
 */
export declare function isShippedStage(model: DockerfileModel, stageIndex: number): boolean;
/** True for a RUN inside ONBUILD (it runs in every image built from this one). */
export declare function isTrigger(run: InstructionModel): boolean;
/** The stage and its ancestors by FROM, nearest first. */
export declare function stageChain(model: DockerfileModel, stage: StageModel | undefined): StageModel[];
/** True when `command` appears after `after` in the same RUN (later script or later offset). */
export declare function laterInRun(all: RunCommand[], after: RunCommand, test: (c: RunCommand) => boolean): boolean;
