/**
 * Variable scopes as BuildKit applies them: global ARGs (before the first FROM) are visible to
 * FROM lines; inside a stage an ARG is visible from its declaration to the end of the stage and
 * takes its default from a global ARG of the same name when it has none; ENV and ARG are
 * inherited by stages built FROM this stage (BuildKit adds both to the stage's state, which the
 * child starts from), and ENV always wins over an ARG of the same name.
 */
import { PREDEFINED_ARGS, automaticArg, type VariableContext } from '../data';
import type { InstructionModel, StageModel, VariableDefModel, VariableResolution } from './types';

/** The automatic platform ARGs' values in the global scope (declared there or not). */
const GLOBAL_VALUES = new Map(PREDEFINED_ARGS.flatMap((a) => (a.globalValue === undefined ? [] : [[a.name, a.globalValue] as const])));

/** Definitions grouped by scope, in document order, and by name within each scope. */
export interface Scopes {
  global: VariableDefModel[];
  /** Indexed by stage index. */
  stages: VariableDefModel[][];
  stageList: StageModel[];
  /** The same definitions by name (a lookup scans only its own name's definitions). */
  globalByName: Map<string, VariableDefModel[]>;
  stagesByName: Map<string, VariableDefModel[]>[];
}

/** Empty scopes over a stage list that the builder fills. */
export function createScopes(stageList: StageModel[]): Scopes {
  return { global: [], stages: [], stageList, globalByName: new Map(), stagesByName: [] };
}

/** Opens the scope of the next stage. */
export function addStageScope(scopes: Scopes): void {
  scopes.stages.push([]);
  scopes.stagesByName.push(new Map());
}

/** Records a definition in its scope (global when `stageIndex` is -1). */
export function addDefinition(scopes: Scopes, def: VariableDefModel): void {
  const global = def.stageIndex < 0;
  (global ? scopes.global : scopes.stages[def.stageIndex]).push(def);
  const byName = global ? scopes.globalByName : scopes.stagesByName[def.stageIndex];
  const list = byName.get(def.name);
  if (list) list.push(def);
  else byName.set(def.name, [def]);
}

const NONE: VariableDefModel[] = [];

/** The line at which an instruction's variables are evaluated (an ONBUILD trigger: its ONBUILD). */
function lineOf(at: InstructionModel): number {
  return (at.parent ?? at).range.start.line;
}

function lastBefore(defs: VariableDefModel[], name: string, line: number, kind?: 'ARG' | 'ENV'): VariableDefModel | null {
  for (let i = defs.length - 1; i >= 0; i--) {
    const def = defs[i];
    if (def.name === name && (kind === undefined || def.kind === kind) && def.instruction!.range.start.line < line) {
      return def;
    }
  }
  return null;
}

/** The ENV (or ARG) in effect from the stage's ancestors (whole parent stages, nearest first). */
function inherited(scopes: Scopes, stage: StageModel, name: string, kind: 'ARG' | 'ENV'): VariableDefModel | null {
  const seen = new Set<number>();
  let parent = stage.parentStage;
  while (parent !== null && !seen.has(parent)) {
    seen.add(parent);
    const found = lastBefore(scopes.stagesByName[parent]?.get(name) ?? NONE, name, Number.MAX_SAFE_INTEGER, kind);
    if (found) return found;
    parent = scopes.stageList[parent]?.parentStage ?? null;
  }
  return null;
}

/** Where the builder evaluates the instruction's variables, as data/predefinedArgs.ts names it. */
function contextOf(at: InstructionModel): VariableContext {
  if (at.stageIndex < 0 || at.keyword === 'FROM') return 'global';
  return at.keyword === 'RUN' ? 'run' : 'stage';
}

/** Resolves a name for an instruction (FROM lines resolve in the global scope). */
export function resolveIn(scopes: Scopes, name: string, at: InstructionModel): VariableResolution {
  const line = lineOf(at);
  const predefined = automaticArg(name, contextOf(at)) !== undefined;
  const globalDef = (before: number) => lastBefore(scopes.globalByName.get(name) ?? NONE, name, before, 'ARG');
  if (at.stageIndex < 0 || at.keyword === 'FROM') {
    const def = globalDef(line);
    return { name, definition: def, globalDefault: null, value: def?.value ?? null, predefined };
  }
  const stage = scopes.stageList[at.stageIndex];
  const own = scopes.stagesByName[at.stageIndex]?.get(name) ?? NONE;
  const env = lastBefore(own, name, line, 'ENV') ?? (stage ? inherited(scopes, stage, name, 'ENV') : null);
  if (env) return { name, definition: env, globalDefault: null, value: env.value, predefined };
  const arg = lastBefore(own, name, line, 'ARG') ?? (stage ? inherited(scopes, stage, name, 'ARG') : null);
  if (arg) {
    const globalDefault = arg.rawValue === null ? globalDef(scopes.stageList[arg.stageIndex].from.range.start.line) : null;
    return { name, definition: arg, globalDefault, value: arg.value, predefined };
  }
  return { name, definition: null, globalDefault: null, value: null, predefined };
}

/** The value a lookup during expansion sees: undefined when the name is not set there. */
export function lookupValue(scopes: Scopes, name: string, at: InstructionModel): string | undefined {
  const resolution = resolveIn(scopes, name, at);
  if (resolution.definition !== null && resolution.value !== null) return resolution.value;
  // BuildKit sets the platform ARGs in the global scope, so `ARG FLAVOR=$TARGETARCH` then
  // `FROM $FLAVOR` has a value; inside a stage they stay empty until the stage declares them.
  if (at.stageIndex < 0 || at.keyword === 'FROM') return GLOBAL_VALUES.get(name);
  return undefined;
}
