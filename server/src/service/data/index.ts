/**
 * The language facts: instructions, flags, RUN --mount types and keys, parser directives and
 * predefined ARGs, with O(1) lookups built once at module load. Hover, completion, diagnostics
 * and snippets all read these entries; nothing here does I/O.
 *
 * Adding a fact: edit its entry under instructions/ (or mounts.ts, directives.ts,
 * predefinedArgs.ts), keep every text in our own words, set `minSyntax` only from the
 * reference or the Dockerfile release notes, then extend test/service/data.test.ts.
 */
import type {
  DirectiveData,
  FlagData,
  InstructionData,
  InstructionForm,
  MountOptionData,
  MountTypeData,
  PredefinedArgData,
  VariableContext,
} from './types';
import { INSTRUCTIONS } from './instructions';
import { MOUNT_TYPES } from './mounts';
import { DIRECTIVES } from './directives';
import { PREDEFINED_ARGS } from './predefinedArgs';

export * from './types';
export * from './instructions';
export { REFERENCE } from './instructions/shared';
export { MOUNT_TYPES } from './mounts';
export { DIRECTIVES } from './directives';
export { PREDEFINED_ARGS } from './predefinedArgs';
export { BUILDKIT_STEP_KEYWORDS } from './buildSteps';
export { ADD_UNPACKS_SUFFIXES, ADD_KEEPS_ARCHIVE_SUFFIXES, archiveSuffix } from './archives';

const instructionsByKeyword = new Map<string, InstructionData>(INSTRUCTIONS.map((i) => [i.keyword, i]));

const flagsByKeyword = new Map<string, Map<string, FlagData>>(
  INSTRUCTIONS.map((i) => [i.keyword, new Map(i.flags.map((f) => [f.name, f]))]),
);

const mountTypesByName = new Map<string, MountTypeData>(MOUNT_TYPES.map((m) => [m.type, m]));

// Keys are matched in lowercase, as BuildKit lowercases them; each alias points at its entry.
const mountOptionsByType = new Map<string, Map<string, MountOptionData>>(
  MOUNT_TYPES.map((m) => {
    const byKey = new Map<string, MountOptionData>();
    for (const option of m.options) {
      for (const key of [option.name, ...(option.aliases ?? [])]) byKey.set(key.toLowerCase(), option);
    }
    return [m.type, byKey];
  }),
);

const directivesByName = new Map<string, DirectiveData>(DIRECTIVES.map((d) => [d.name, d]));

const predefinedArgsByName = new Map<string, PredefinedArgData>(PREDEFINED_ARGS.map((a) => [a.name, a]));

/** The instruction for a keyword, in any case (`from`, `From`, `FROM`). */
export function getInstruction(keyword: string): InstructionData | undefined {
  return instructionsByKeyword.get(keyword.toUpperCase());
}

/** A flag of an instruction; the name may carry its dashes (`--from`) and is case-sensitive like BuildKit's. */
export function getFlag(keyword: string, flagName: string): FlagData | undefined {
  return flagsByKeyword.get(keyword.toUpperCase())?.get(flagName.replace(/^-+/, ''));
}

/** A RUN --mount type by name, in any case. */
export function getMountType(type: string): MountTypeData | undefined {
  return mountTypesByName.get(type.toLowerCase());
}

/** The option entry of a mount key, following aliases (`dst` gives the `target` entry). */
export function getMountOption(type: string, key: string): MountOptionData | undefined {
  return mountOptionsByType.get(type.toLowerCase())?.get(key.toLowerCase());
}

/** A parser directive by name, in any case (`# Syntax=` is the same as `# syntax=`). */
export function getDirective(name: string): DirectiveData | undefined {
  return directivesByName.get(name.toLowerCase());
}

/** A predefined ARG by its exact name (`HTTP_PROXY` and `http_proxy` are separate entries). */
export function getPredefinedArg(name: string): PredefinedArgData | undefined {
  return predefinedArgsByName.get(name);
}

/** True when the instruction's arguments may take the form (`exec`, `heredoc`, ...); false for unknown keywords. */
export function acceptsForm(keyword: string, form: InstructionForm): boolean {
  return getInstruction(keyword)?.forms.includes(form) ?? false;
}

/** True when the instruction has flags of its own (FROM, RUN, COPY, ADD, HEALTHCHECK). */
export function takesFlags(keyword: string): boolean {
  return (getInstruction(keyword)?.flags.length ?? 0) > 0;
}

/** The predefined ARG `name` when the builder defines it in `context` with no declaration at all. */
export function automaticArg(name: string, context: VariableContext): PredefinedArgData | undefined {
  const arg = predefinedArgsByName.get(name);
  return arg && arg.definedIn === context ? arg : undefined;
}
