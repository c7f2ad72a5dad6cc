/**
 * The semantic model: what a Dockerfile means, built once per document version on top of
 * dockerfile-ast. Handlers read it; nothing here re-parses text.
 */
import type { Instruction as AstInstruction } from 'dockerfile-ast';
import type { Position, Range } from 'vscode-languageserver-types';

/** A parser directive on the first lines (`# syntax=...`, `# escape=...`, `# check=...`). */
export interface ParserDirective {
  /** Lower-cased name. */
  name: string;
  value: string;
  range: Range;
  nameRange: Range;
  valueRange: Range;
}

/** A `--name=value` flag of an instruction. */
export interface FlagModel {
  /** Name without dashes, as written. */
  name: string;
  /** Null for a bare `--name`. */
  value: string | null;
  range: Range;
  nameRange: Range;
  valueRange: Range | null;
  /** Comma-separated `key=value` options; filled for RUN --mount (and any value with `=`). */
  options: FlagOptionModel[];
}

/** One `key=value` (or bare `key`) item inside a flag value such as `--mount`. */
export interface FlagOptionModel {
  name: string;
  value: string | null;
  range: Range;
  nameRange: Range;
  valueRange: Range | null;
}

/** A RUN --mount flag read as a mount: its type (default bind) and options. */
export interface MountModel {
  flag: FlagModel;
  /** The `type=` value, or "bind" when absent. */
  type: string;
  typeRange: Range | null;
  options: FlagOptionModel[];
}

/** A heredoc (`<<EOF ... EOF`) attached to RUN, COPY or ADD. */
export interface HeredocModel {
  /** Delimiter word without quotes or `-`. */
  name: string;
  /** The `<<EOF` marker as written. */
  markerRange: Range;
  nameRange: Range;
  /** The body between the marker line and the closing delimiter; null when empty. */
  contentRange: Range | null;
  /** The closing delimiter line; null when the heredoc is unterminated. */
  endRange: Range | null;
  /** True for `<<-EOF` (leading tabs stripped). */
  stripTabs: boolean;
  /** True when the delimiter was quoted, so variables in the body are not expanded. */
  quoted: boolean;
  /** Body text as written. */
  content: string;
}

/** One word of an instruction's arguments (after flags). */
export interface ArgumentModel {
  value: string;
  range: Range;
}

/** A `name=value` pair of ENV, ARG or LABEL. */
export interface PropertyModel {
  name: string;
  /** Null for `ARG name` without a default. */
  value: string | null;
  nameRange: Range;
  valueRange: Range | null;
  range: Range;
  /** True for the legacy `ENV name value` form without `=`. */
  legacyForm: boolean;
}

/** A variable reference: `$X`, `${X}`, `${X:-default}` and the other modifiers. */
export interface VariableRefModel {
  name: string;
  /** The whole reference, `${X:-default}`. */
  range: Range;
  nameRange: Range;
  /** `-`, `+`, `:-`, `:+`, `?`, `:?`, `#`, `%` ...; null for none. */
  modifier: string | null;
  /** The word after the modifier, e.g. the default value. */
  modifierValue: string | null;
}

/** A part of an instruction dockerfile-ast failed to read (it threw); the part is modelled as empty. */
export interface ParserFault {
  /** Which part: "heredocs", "flags", "arguments", "properties", "trigger", ... */
  part: string;
  /** The parser's error message. */
  message: string;
}

/** The written form of an instruction's arguments. */
export type ArgumentForm = 'exec' | 'shell' | 'none';

/** One instruction, with everything handlers need precomputed. */
export interface InstructionModel {
  /** Upper-cased keyword ("RUN"); unknown keywords are kept as written, upper-cased. */
  keyword: string;
  /** The keyword as written (casing preserved). */
  keywordText: string;
  keywordRange: Range;
  /** The whole instruction, continuation lines and heredoc bodies included. */
  range: Range;
  flags: FlagModel[];
  /** Arguments after the flags, split on whitespace (quotes kept). */
  args: ArgumentModel[];
  /** The argument text after the flags, as written (continuations removed). */
  argsText: string;
  /** Exec (JSON array) or shell form, for RUN CMD ENTRYPOINT SHELL COPY ADD VOLUME HEALTHCHECK. */
  form: ArgumentForm;
  /** Decoded strings of the JSON array when form is 'exec'. */
  execArgs: string[] | null;
  heredocs: HeredocModel[];
  /** ENV, ARG and LABEL pairs. */
  properties: PropertyModel[];
  mounts: MountModel[];
  variables: VariableRefModel[];
  /** The stage this instruction belongs to; -1 before the first FROM. */
  stageIndex: number;
  /** For ONBUILD: the trigger instruction, modelled the same way. */
  trigger: InstructionModel | null;
  /** The ONBUILD this instruction is the trigger of. */
  parent: InstructionModel | null;
  /** The dockerfile-ast node, for the rare fact the model does not carry. */
  node: AstInstruction;
  /** Reads every part and returns those the parser failed on (empty for nearly every instruction). */
  parserFaults(): ParserFault[];
}

/** An image reference split into parts. `registry` is null for Docker Hub shorthand. */
export interface ImageRefModel {
  text: string;
  range: Range;
  registry: string | null;
  /** Repository path without registry, e.g. "library/alpine" is written "alpine". */
  repository: string;
  tag: string | null;
  digest: string | null;
  /** True when the text contains variables that must be resolved first. */
  hasVariables: boolean;
}

/** A build stage: one FROM and the instructions up to the next. */
export interface StageModel {
  index: number;
  /** The name after AS (as written), or null. */
  name: string | null;
  nameRange: Range | null;
  from: InstructionModel;
  /** The base as written after FROM (flags excluded). */
  baseText: string;
  baseRange: Range | null;
  /** The base after resolving global ARGs. */
  resolvedBase: string;
  /** When the base is an earlier stage (by name or index): its index. */
  parentStage: number | null;
  /** When the base is an image: its parts (after resolving variables). */
  image: ImageRefModel | null;
  instructions: InstructionModel[];
  /** Range from the FROM to the last instruction of the stage. */
  range: Range;
}

/** Where a variable was defined. */
export type VariableKind = 'ARG' | 'ENV' | 'predefined';

/** One definition of a variable by ARG or ENV (or the builder). */
export interface VariableDefModel {
  name: string;
  kind: VariableKind;
  /** The default or value as written; null for `ARG X` without a default. */
  rawValue: string | null;
  /** The value after expanding the variables visible at that point; null when unknown. */
  value: string | null;
  /** -1 for the global scope (before the first FROM). */
  stageIndex: number;
  /** The defining instruction (null for predefined ARGs). */
  instruction: InstructionModel | null;
  nameRange: Range | null;
}

/** What a variable means at one line: its value and where that came from. */
export interface VariableResolution {
  name: string;
  /** The definition in effect, or null when the name is not defined there. */
  definition: VariableDefModel | null;
  /** For `ARG X` in a stage without a default: the global ARG that gives its default. */
  globalDefault: VariableDefModel | null;
  /** The value in effect, or null when none is known statically. */
  value: string | null;
  /** True when the builder defines the name at this point without a declaration (data/predefinedArgs.ts). */
  predefined: boolean;
}

/** The whole document's model. */
export interface DockerfileModel {
  /** Document text and line starts, for offset math. */
  text: string;
  lineCount: number;
  escapeChar: string;
  directives: ParserDirective[];
  /** Top-level instructions in order (ONBUILD triggers hang off their ONBUILD). */
  instructions: InstructionModel[];
  stages: StageModel[];
  /** ARGs before the first FROM. */
  globalArgs: VariableDefModel[];
  /** Every ARG/ENV definition in document order. */
  definitions: VariableDefModel[];
  /** Faults of the parser outside any one instruction (a region it could not parse); usually empty. */
  parserFaults: ParserFault[];
  /** Offset of a position in `text`. */
  offsetAt(position: Position): number;
  /** The text inside a range. */
  textAt(range: Range): string;
  /** The instruction whose range contains the position (ONBUILD triggers are returned as the ONBUILD). */
  instructionAt(position: Position): InstructionModel | undefined;
  /** The stage containing the line, or undefined before the first FROM. */
  stageAtLine(line: number): StageModel | undefined;
  /** A stage by name (case-insensitive, as BuildKit compares) or by index text. */
  stageByRef(ref: string): StageModel | undefined;
  /** What the variable means when used by the instruction. */
  resolveVariable(name: string, at: InstructionModel): VariableResolution;
  /** Expands `$X`/`${X...}` in text with the variables visible to the instruction. */
  expand(text: string, at: InstructionModel): string;
}
