/**
 * The reference index: every stage reference and every variable reference of a model, resolved
 * once to what it means, and every definition, grouped into symbols. Hover, definition, find
 * references, highlight, rename and the stage rules all read it, so they cannot disagree.
 *
 * Stages follow BuildKit: a stage name is compared without case; `COPY --from` and a mount's
 * `from=` resolve against every stage of the file (BuildKit registers all stages before it reads
 * them, so a later stage and the instruction's own stage count; the rules report those); a
 * number there is a stage index; any other value is an image. `FROM <stage>` is the model's
 * `parentStage` (earlier stages only). A value with `$` is neither: it is known only at build time.
 *
 * Variables resolve with `model.resolveVariable`, and definitions group into symbols that must be
 * renamed together:
 * - a global ARG, with every stage `ARG X` that has no default (it imports the global's value);
 * - a stage ARG with a default of its own (a `--build-arg` still sets it, the global's default
 *   does not), together with the other ARGs of that name in that stage;
 * - a stage ENV, with its re-definitions in that stage; uses in child stages (`FROM <stage>`)
 *   resolve to it and belong to it, as do a parent's ARGs used in a child;
 * - a predefined ARG (`TARGETARCH`, `HTTP_PROXY` ...), with the declarations without a default
 *   that import the builder's value when no global ARG of that name exists.
 *
 * ONBUILD triggers: their stage references count by name (BuildKit runs a stage's triggers when
 * a later stage of the same file builds FROM it, and resolves `--from` there by name); their
 * variable references resolve at the ONBUILD line, as the rest of the model resolves them.
 *
 * Heredocs: a COPY/ADD body is expanded by BuildKit unless the delimiter is quoted, so a quoted
 * body holds no references. A RUN body is a script for the shell, which reads ARG and ENV values
 * from its environment: its `$X` are references, except in a quoted body that the shell itself
 * reads as a heredoc (`RUN cat <<'EOF' > file`); a quoted body that is the whole command
 * (`RUN <<'EOF'`) is handed to the shell as its script, so the shell expands it all the same.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import { getPredefinedArg } from '../data';
import type { DockerfileModel, HeredocModel, InstructionModel, StageModel, VariableDefModel, VariableRefModel } from './types';

/** A stage, as defined by `FROM ... AS name` and referred to by name or index. */
export interface StageSymbol {
  kind: 'stage';
  stage: StageModel;
}

/** Where a variable symbol's definitions live (see the file comment). */
export type VariableScope = 'global' | 'stage-arg' | 'env' | 'predefined';

/** A variable: the definitions that share one meaning, and the uses that resolve to them. */
export interface VariableSymbol {
  kind: 'variable';
  name: string;
  scope: VariableScope;
  /** The stage of a `stage-arg` or `env` symbol; -1 for `global` and `predefined`. */
  stageIndex: number;
  /** The ARG/ENV definitions of the symbol, in document order (empty for a bare predefined ARG). */
  definitions: VariableDefModel[];
}

/** A stage or a variable. */
export type ReferenceSymbol = StageSymbol | VariableSymbol;

/** One occurrence of a symbol in the document: a definition or a use. */
export interface SymbolReference {
  symbol: ReferenceSymbol;
  /** The name as written (what a rename replaces). */
  range: Range;
  /** Where the cursor finds it: the whole `${X:-...}` for a variable use, else `range`. */
  hitRange: Range;
  role: 'definition' | 'use';
  instruction: InstructionModel;
  /** What this occurrence resolves to: the ARG/ENV in effect or the stage; null for a predefined ARG. */
  target: VariableDefModel | StageModel | null;
  /** A stage named by its index (`COPY --from=0`): it stays right when the stage is renamed. */
  byIndex: boolean;
  /** A FROM whose base names the stage only after variables are expanded (`FROM ${BASE}`). */
  viaVariable: boolean;
}

/** A `COPY --from` or mount `from=` value and what it names: a stage, or null for an image (or a value with variables). */
export interface StageRef {
  value: string;
  range: Range;
  via: 'copy' | 'mount';
  stage: StageModel | null;
}

/** The index of one model version. */
export interface ReferenceIndex {
  /** The symbol under the cursor, on a definition or on a reference. */
  symbolAt(position: Position): ReferenceSymbol | null;
  /** The occurrence under the cursor (the innermost one in `${A:-$B}`). */
  referenceAt(position: Position): SymbolReference | null;
  /** Every occurrence of the symbol in document order; definitions only with `includeDeclaration`. A stage symbol may be written `{ kind: 'stage', stage }`. */
  referencesTo(symbol: ReferenceSymbol, options?: { includeDeclaration?: boolean }): SymbolReference[];
  /** The `--from` / `from=` values of one instruction (an ONBUILD trigger is its own instruction). */
  stageRefs(instruction: InstructionModel): StageRef[];
  /** The variable references the builder or the shell expands in one instruction. */
  variableRefs(instruction: InstructionModel): VariableRefModel[];
  /** The instructions that refer to the stage (FROM, COPY --from, mount from=), in document order. */
  stageUsers(stage: StageModel): InstructionModel[];
}

const indexes = new WeakMap<DockerfileModel, ReferenceIndex>();

/** The reference index of a model, built on first use and kept with the model. */
export function referencesOf(model: DockerfileModel): ReferenceIndex {
  let index = indexes.get(model);
  if (!index) indexes.set(model, (index = buildIndex(model)));
  return index;
}

const NUMBER = /^\d+$/;

function buildIndex(model: DockerfileModel): ReferenceIndex {
  const stageSymbols = model.stages.map((stage): StageSymbol => ({ kind: 'stage', stage }));
  const variableSymbols = new Map<string, VariableSymbol>();
  const symbolOfDef = new Map<VariableDefModel, VariableSymbol>();
  const defsOf = new Map<InstructionModel, VariableDefModel[]>();
  const globalNames = new Set(model.globalArgs.map((d) => d.name));

  const variableSymbol = (key: string, name: string, scope: VariableScope, stageIndex: number): VariableSymbol => {
    let symbol = variableSymbols.get(key);
    if (!symbol) variableSymbols.set(key, (symbol = { kind: 'variable', name, scope, stageIndex, definitions: [] }));
    return symbol;
  };
  const predefinedSymbol = (name: string) => variableSymbol(`p:${name}`, name, 'predefined', -1);

  for (const def of model.definitions) {
    let symbol: VariableSymbol;
    if (def.kind === 'ENV') symbol = variableSymbol(`e:${def.stageIndex}:${def.name}`, def.name, 'env', def.stageIndex);
    else if (def.stageIndex < 0 || (def.rawValue === null && globalNames.has(def.name))) symbol = variableSymbol(`g:${def.name}`, def.name, 'global', -1);
    else if (def.rawValue === null && isPredefinedImport(def)) symbol = predefinedSymbol(def.name);
    else symbol = variableSymbol(`a:${def.stageIndex}:${def.name}`, def.name, 'stage-arg', def.stageIndex);
    symbol.definitions.push(def);
    symbolOfDef.set(def, symbol);
    if (def.instruction) {
      const list = defsOf.get(def.instruction);
      if (list) list.push(def);
      else defsOf.set(def.instruction, [def]);
    }
  }

  const all: SymbolReference[] = [];
  const byInstruction = new Map<InstructionModel, SymbolReference[]>();
  const stageRefsOf = new Map<InstructionModel, StageRef[]>();
  const variableRefsOf = new Map<InstructionModel, VariableRefModel[]>();

  const visit = (instruction: InstructionModel) => {
    const found: SymbolReference[] = [];
    const add = (symbol: ReferenceSymbol, range: Range, role: SymbolReference['role'], target: SymbolReference['target'], extra: Partial<SymbolReference> = {}) =>
      found.push({ symbol, range, hitRange: range, role, instruction, target, byIndex: false, viaVariable: false, ...extra });

    const stage = instruction.keyword === 'FROM' ? model.stages[instruction.stageIndex] : undefined;
    if (stage && stage.from === instruction) {
      if (stage.parentStage !== null && stage.baseRange) {
        const parent = model.stages[stage.parentStage];
        add(stageSymbols[parent.index], stage.baseRange, 'use', parent, { viaVariable: stage.baseText.includes('$'), byIndex: NUMBER.test(stage.baseText) });
      }
      if (stage.name !== null && stage.nameRange) add(stageSymbols[stage.index], stage.nameRange, 'definition', stage);
    }
    const refs = instructionStageRefs(model, instruction);
    stageRefsOf.set(instruction, refs);
    for (const ref of refs) {
      if (ref.stage) add(stageSymbols[ref.stage.index], ref.range, 'use', ref.stage, { byIndex: NUMBER.test(ref.value) });
    }
    for (const def of defsOf.get(instruction) ?? []) {
      if (def.nameRange) add(symbolOfDef.get(def)!, def.nameRange, 'definition', def);
    }
    const variables = expandedVariableRefs(model, instruction);
    variableRefsOf.set(instruction, variables);
    for (const ref of variables) {
      const resolution = model.resolveVariable(ref.name, instruction);
      const def = resolution.definition;
      const symbol = def ? symbolOfDef.get(def) : resolution.predefined ? predefinedSymbol(ref.name) : undefined;
      if (symbol) add(symbol, ref.nameRange, 'use', def, { hitRange: ref.range });
    }
    found.sort((a, b) => compare(a.range.start, b.range.start));
    byInstruction.set(instruction, found);
    // One instruction can hold hundreds of thousands of references (`ENV K=v K=v ...`): a spread
    // would pass each as an argument and overflow the stack.
    for (const reference of found) all.push(reference);
  };
  for (const instruction of model.instructions) {
    visit(instruction);
    if (instruction.trigger) visit(instruction.trigger);
  }

  const bySymbol = new Map<ReferenceSymbol, SymbolReference[]>();
  for (const reference of all) {
    const list = bySymbol.get(reference.symbol);
    if (list) list.push(reference);
    else bySymbol.set(reference.symbol, [reference]);
  }

  const referenceAt = (position: Position): SymbolReference | null => {
    let instruction = model.instructionAt(position);
    if (!instruction) return null;
    if (instruction.trigger && contains(instruction.trigger.range, position)) instruction = instruction.trigger;
    // References nest (`${A:-$B}`) and come in text order: the last hit is the innermost.
    return byInstruction.get(instruction)?.findLast((r) => contains(r.hitRange, position)) ?? null;
  };

  return {
    referenceAt,
    symbolAt: (position) => referenceAt(position)?.symbol ?? null,
    referencesTo(symbol, options = {}) {
      // A stage symbol may be made by the caller (`{ kind: 'stage', stage }`): look it up by stage.
      const key = symbol.kind === 'stage' ? stageSymbols[symbol.stage.index] : symbol;
      const list = (key && bySymbol.get(key)) ?? [];
      return options.includeDeclaration ? [...list] : list.filter((r) => r.role === 'use');
    },
    stageRefs: (instruction) => stageRefsOf.get(instruction) ?? instructionStageRefs(model, instruction),
    variableRefs: (instruction) => variableRefsOf.get(instruction) ?? expandedVariableRefs(model, instruction),
    stageUsers(stage) {
      const users: InstructionModel[] = [];
      for (const r of bySymbol.get(stageSymbols[stage.index]) ?? []) {
        if (r.role === 'use' && users[users.length - 1] !== r.instruction) users.push(r.instruction);
      }
      return users;
    },
  };
}

/** A stage `ARG X` without default that takes the builder's (or the build's) value of a predefined X. */
function isPredefinedImport(def: VariableDefModel): boolean {
  return getPredefinedArg(def.name) !== undefined;
}

/** The `--from` of COPY and the `from=` of RUN mounts (flag names are case-sensitive, mount keys are not). */
/**
 * The `--from` / `from=` values of one instruction, each with the stage it names. The index
 * holds them for every instruction; a rule that reads one instruction at a time calls this, so
 * an edit does not build the whole index (resolving every variable) for it.
 */
export function instructionStageRefs(model: DockerfileModel, instruction: InstructionModel): StageRef[] {
  const refs: StageRef[] = [];
  const add = (value: string | null, range: Range | null, via: StageRef['via']) => {
    if (!value || !range) return;
    // A value with variables is known only at build time.
    refs.push({ value, range, via, stage: value.includes('$') ? null : (model.stageByRef(value) ?? null) });
  };
  if (instruction.keyword === 'COPY') {
    for (const flag of instruction.flags) if (flag.name === 'from') add(flag.value, flag.valueRange, 'copy');
  } else if (instruction.keyword === 'RUN') {
    for (const mount of instruction.mounts) {
      for (const option of mount.options) if (option.name.toLowerCase() === 'from') add(option.value, option.valueRange, 'mount');
    }
  }
  return refs;
}

/**
 * The instruction's variable references, without those in heredoc bodies nobody expands (a
 * quoted delimiter, except a RUN whose whole command is the heredoc). The index and the rules
 * that read one instruction at a time (UndefinedVar, unsupported-substitution) share it.
 */
export function expandedVariableRefs(model: DockerfileModel, instruction: InstructionModel): VariableRefModel[] {
  const refs = instruction.variables;
  const literal = instruction.heredocs.filter((h) => h.contentRange && h.quoted && !expandedAnyway(model, instruction, h));
  if (literal.length === 0) return refs;
  return refs.filter((ref) => !literal.some((h) => contains(h.contentRange, ref.range.start)));
}

/** A quoted RUN heredoc that is the whole command: BuildKit hands its body to the shell as the script. */
function expandedAnyway(model: DockerfileModel, instruction: InstructionModel, heredoc: HeredocModel): boolean {
  return instruction.keyword === 'RUN' && instruction.heredocs.length === 1 && instruction.argsText.trim() === model.textAt(heredoc.markerRange);
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function contains(range: Range | null | undefined, position: Position): boolean {
  if (!range) return false;
  return compare(range.start, position) <= 0 && compare(position, range.end) <= 0;
}
