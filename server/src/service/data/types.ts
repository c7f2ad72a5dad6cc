/**
 * Shapes of the language facts. Every entry is written once, here in data/, and rendered by
 * hover (markdown or plain text), listed by completion, and checked against by diagnostics.
 *
 * Text fields use a small markdown subset that reads well as plain text too:
 * `code`, **bold**, fenced ```dockerfile blocks, "- " bullet lines and pipe tables.
 */

/** The documentation every fact carries. */
export interface DocEntry {
  /** One or two sentences: what it is and what it is for. */
  summary: string;
  /** Syntax forms, one per line of a code block, e.g. `COPY [--chown=<user>] <src>... <dest>`. */
  syntax?: string[];
  /** What happens when the image is built versus when a container starts. */
  buildVsRun?: string;
  /** How it affects the layer cache (what makes the step rebuild). */
  cache?: string;
  /** Extra titled sections, e.g. the CMD/ENTRYPOINT combination table. */
  sections?: DocSection[];
  /** A short Dockerfile example (no surrounding fence). */
  example?: string;
  /** Mistakes people make, each one sentence or two. */
  pitfalls?: string[];
  /** Minimum `# syntax=docker/dockerfile:<version>` where it matters, e.g. "1.4". */
  minSyntax?: string;
  /** Link to the Dockerfile reference section. */
  link: string;
}

/** An extra titled section of documentation. */
export interface DocSection {
  title: string;
  body: string;
}

/** How a flag's (or mount key's) value is read. */
export type ValueKind =
  | 'none' // a bare switch, e.g. `--link` (may still take `=true|false`)
  | 'boolean'
  | 'string'
  | 'integer'
  | 'octal' // file modes, e.g. 0755
  | 'duration' // Go durations: 30s, 1m30s
  | 'platform' // os/arch[/variant]
  | 'enum' // one of `values`
  | 'stage' // a stage name, stage index or image reference
  | 'mount' // comma-separated key=value list, see MOUNT_TYPES
  | 'user' // user[:group], names or ids
  | 'url'
  | 'checksum' // sha256:<hex>
  | 'path'
  | 'pattern'; // a file pattern, like .dockerignore lines

/** A flag of an instruction, e.g. COPY --from. */
export interface FlagData extends DocEntry {
  /** Name without the leading dashes. */
  name: string;
  valueKind: ValueKind;
  /** Allowed values for 'enum' kinds. */
  values?: string[];
  /** Default when the flag is absent, as text. */
  defaultValue?: string;
  /** True when the flag may be given more than once (RUN --mount, COPY --exclude). */
  repeatable?: boolean;
}

/** The value form of an instruction's arguments. */
export type InstructionForm = 'exec' | 'shell' | 'heredoc' | 'keyValue' | 'plain';

/** One of the 18 Dockerfile instructions. */
export interface InstructionData extends DocEntry {
  keyword: string;
  flags: FlagData[];
  /** Forms the arguments may take; the model reads exec form and heredocs only where listed. */
  forms: InstructionForm[];
  /** True when the builder expands `$VAR` in the arguments itself (RUN, CMD and ENTRYPOINT leave it to the shell). */
  expandsVariables: boolean;
  /** True when only the last one in a stage takes effect. */
  onlyLastApplies?: boolean;
  /** Minimum and maximum number of arguments (max undefined = no limit). */
  minArgs: number;
  maxArgs?: number;
  /** Set when the instruction is deprecated; says what to use instead. */
  deprecated?: string;
  /** False for instructions that cannot be an ONBUILD trigger (FROM, ONBUILD, MAINTAINER). */
  allowedInOnbuild: boolean;
  /** True when BuildKit runs it as a numbered step of its stage (`[stage i/n]`); the others only change the config. */
  buildkitStep?: boolean;
  /** True when it writes a filesystem layer; the others change the image config only. */
  writesLayer?: boolean;
  /** Completion snippet body in VS Code snippet syntax, without the keyword. */
  snippet?: string;
}

/** A key of a RUN --mount option list, e.g. `target` or `sharing`. */
export interface MountOptionData extends DocEntry {
  name: string;
  /** Other spellings BuildKit accepts, e.g. `dst` and `destination` for `target`. */
  aliases?: string[];
  valueKind: ValueKind;
  values?: string[];
  defaultValue?: string;
  /**
   * Expected on every mount of the type; completion lists it first and marks it. BuildKit itself
   * falls back to the working directory for a missing bind/cache/tmpfs target.
   */
  required?: boolean;
}

/** A RUN --mount type: bind, cache, tmpfs, secret or ssh. */
export interface MountTypeData extends DocEntry {
  type: string;
  options: MountOptionData[];
}

/** A parser directive on the first lines: syntax, escape, check. */
export interface DirectiveData extends DocEntry {
  name: string;
  /** The only values the builder accepts, when it accepts only a few. */
  values?: string[];
  defaultValue?: string;
  /** A value completion offers, when any value is accepted. */
  exampleValue?: string;
  /** For `# check=`: its `key=value` parts, separated by `;`. */
  keys?: DirectiveKeyData[];
}

/** A `key=value` part of a directive, e.g. `skip=` of `# check=`. */
export interface DirectiveKeyData {
  name: string;
  summary: string;
  /** The values it accepts; absent for lists of check names. */
  values?: string[];
}

/**
 * Where the builder defines a predefined ARG without any declaration:
 * - `global`: in the global scope (FROM lines and global ARG defaults); a stage sees it only
 *   after re-declaring `ARG NAME`, which then takes the automatic value (platform ARGs, TARGETSTAGE);
 * - `run`: in the environment of RUN commands, when the build passes it (proxy ARGs);
 * - `builder`: nowhere; BuildKit reads it from `--build-arg` as a setting, and it is a variable
 *   only where `ARG NAME` declares it (BUILDKIT_*, SOURCE_DATE_EPOCH).
 */
export type PredefinedArgScope = 'global' | 'run' | 'builder';

/** Where a variable reference is evaluated: see PredefinedArgScope; `stage` is any other instruction of a stage. */
export type VariableContext = 'global' | 'run' | 'stage';

/** An ARG the builder defines or accepts without a declaration. */
export interface PredefinedArgData extends DocEntry {
  name: string;
  definedIn: PredefinedArgScope;
  /** A typical value, e.g. "linux/amd64". */
  exampleValue?: string;
  /** Set when the value fits flags of this kind, e.g. `platform` for `FROM --platform=$BUILDPLATFORM`. */
  valueKind?: ValueKind;
  /**
   * For the automatic platform ARGs: the value they have in the global scope (FROM lines and
   * global ARG defaults) on a linux/amd64 machine building for itself, the usual case; checks
   * that expand FROM use it, as BuildKit does with the real platform.
   */
  globalValue?: string;
}
