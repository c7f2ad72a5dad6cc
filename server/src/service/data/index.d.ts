/**
 * The language facts: instructions, flags, RUN --mount types and keys, parser directives and
 * predefined ARGs, with O(1) lookups built once at module load. Hover, completion, diagnostics
 * and snippets all read these entries; nothing here does I/O.
 *
 * Adding a fact: edit its entry under instructions/ (or mounts.ts, directives.ts,
 * predefinedArgs.ts), keep every text in our own words, set `minSyntax` only from the
 * reference or the Dockerfile release notes, then extend test/service/data.test.ts.
 */
import type { DirectiveData, FlagData, InstructionData, MountOptionData, MountTypeData, PredefinedArgData } from './types';
export * from './types';
export * from './instructions';
export { REFERENCE } from './instructions/shared';
export { MOUNT_TYPES } from './mounts';
export { DIRECTIVES } from './directives';
export { PREDEFINED_ARGS } from './predefinedArgs';
/** The instruction for a keyword, in any case (`from`, `From`, `FROM`). */
export declare function getInstruction(keyword: string): InstructionData | undefined;
/** A flag of an instruction; the name may carry its dashes (`--from`) and is case-sensitive like BuildKit's. */
export declare function getFlag(keyword: string, flagName: string): FlagData | undefined;
/** A RUN --mount type by name, in any case. */
export declare function getMountType(type: string): MountTypeData | undefined;
/** The option entry of a mount key, following aliases (`dst` gives the `target` entry). */
export declare function getMountOption(type: string, key: string): MountOptionData | undefined;
/** A parser directive by name, in any case (`# Syntax=` is the same as `# syntax=`). */
export declare function getDirective(name: string): DirectiveData | undefined;
/** A predefined ARG by its exact name (`HTTP_PROXY` and `http_proxy` are separate entries). */
export declare function getPredefinedArg(name: string): PredefinedArgData | undefined;
