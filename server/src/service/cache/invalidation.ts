/**
 * What makes each instruction miss BuildKit's cache, predicted from the model alone, and which
 * build args reach a step's cache key. The facts, read from BuildKit's source (moby/buildkit):
 *
 * - frontend/dockerfile/dockerfile2llb/convert.go, `dispatchArg`: an ARG that ends up with a
 *   value (its `--build-arg`, else its default, else the global ARG of the same name) is added
 *   to the stage's LLB state with `AddEnv`; an ARG with no value is not. `dispatchRun` runs the
 *   command on that state, so the value is in the RUN's environment, used or not. `dispatchEnv`
 *   adds ENV the same way (ENV of the same name replaces the ARG's value there).
 * - convert.go, `dispatchState.init`: a stage built FROM another starts from that stage's
 *   state, so the parent stage's ARGs and ENVs reach its RUNs too. Global ARGs reach nothing but
 *   FROM lines and the stage ARGs that re-declare them (`globalArgs.Get` in `dispatchArg`).
 * - convert.go, `dispatch`: COPY, ADD, ENV, WORKDIR, USER, LABEL, EXPOSE, VOLUME, STOPSIGNAL
 *   expand their words against that environment, so a build arg changes them only through the
 *   words that name it. CMD, ENTRYPOINT, HEALTHCHECK and SHELL are not expanded by the builder.
 * - solver/llbsolver/ops/exec.go, `ExecOp.CacheMap`: the RUN's cache key is a digest of the
 *   whole exec op (arguments, environment, working directory, user, mounts), with the proxy
 *   variables removed (`op.Meta.ProxyEnv = nil`: `--build-arg HTTP_PROXY` alone rebuilds nothing).
 *   `getMountDeps`: a read-only mount other than the root (a `--mount=type=bind,from=...`) is
 *   keyed by the content of the files it selects; the root filesystem (the earlier steps) is not.
 * - solver/llbsolver/ops/file.go, `fileOp.CacheMap`: a COPY/ADD is keyed by the content hash of
 *   the source paths it selects (`NewContentHashFunc`), so `COPY --from=build /out /app` stays
 *   cached when those files are byte-identical, even after stage `build` rebuilt.
 *
 * Tried on the engine here (Docker 26.1, BuildKit 0.13): a new value of an ARG no RUN uses
 * rebuilt the RUN after it but not a COPY before any RUN; `COPY --from=build` stayed CACHED while
 * `build` rebuilt with the same output; an ARG shadowed by ENV and an undeclared
 * `--build-arg HTTP_PROXY` rebuilt nothing.
 */
import type { Invalidation } from '../../protocol';
import { BUILDKIT_STEP_KEYWORDS, getInstruction, PREDEFINED_ARGS } from '../data';
import { excerpt } from '../safeText';
import { expandedVariableRefs, expandWord, type DockerfileModel, type InstructionModel, type StageModel } from '../model';

/** One variable of a stage's environment, as BuildKit's state carries it. */
interface EnvEntry {
  /** Null for an ARG declared without a value: not in the environment, but a build can give it one. */
  value: string | null;
  /** The build args the value came from, with their values (null: declared, no value given). */
  args: ReadonlyMap<string, string | null>;
}
type Env = ReadonlyMap<string, EnvEntry>;

interface StageScope {
  start: Env;
  /** The environment before and after each top-level instruction of the stage. */
  around: Map<InstructionModel, { before: Env; after: Env }>;
  final: Env;
}

// A hostile file can declare thousands of ARGs between thousands of RUNs; every RUN keeps a
// snapshot, so the names tracked per stage are capped to keep that linear. Real files use tens.
const MAX_TRACKED = 256;
const PLATFORM_DEFAULTS = PREDEFINED_ARGS.flatMap((a) => (a.globalValue === undefined ? [] : [[a.name, a.globalValue] as const]));

/** The environment of every stage for one set of build args, worked out once per model. */
class ScopeWalk {
  private readonly stages = new Map<number, StageScope>();
  readonly globals = new Map<string, string>(PLATFORM_DEFAULTS);

  constructor(
    private readonly model: DockerfileModel,
    private readonly buildArgs: Record<string, string>,
  ) {
    for (const def of model.globalArgs) {
      const given = own(buildArgs, def.name);
      if (given !== undefined) this.globals.set(def.name, given);
      else if (def.rawValue !== null) this.globals.set(def.name, expandWord(def.rawValue, model.escapeChar, (n) => this.globals.get(n)));
    }
  }

  stage(index: number, visiting = new Set<number>()): StageScope {
    let scope = this.stages.get(index);
    if (scope) return scope;
    const stage: StageModel | undefined = this.model.stages[index];
    visiting.add(index);
    const parent = stage?.parentStage ?? null;
    const start: Env = parent !== null && !visiting.has(parent) ? this.stage(parent, visiting).final : new Map();
    let env: Env = start;
    const around = new Map<InstructionModel, { before: Env; after: Env }>();
    for (const instruction of stage?.instructions ?? []) {
      const before = env;
      if (instruction.keyword === 'ARG' || instruction.keyword === 'ENV') env = this.define(env, instruction);
      around.set(instruction, { before, after: env });
    }
    scope = { start, around, final: env };
    this.stages.set(index, scope);
    return scope;
  }

  /** The environment after an ARG or ENV (a new map: snapshots taken before stay as they were). */
  private define(env: Env, instruction: InstructionModel): Env {
    const next = new Map(env);
    for (const property of instruction.properties) {
      const name = property.name;
      if (!next.has(name) && next.size >= MAX_TRACKED) continue;
      const used = new Map<string, string | null>();
      const lookup = (n: string) => {
        const entry = next.get(n);
        if (entry) for (const [arg, value] of entry.args) used.set(arg, value);
        return entry?.value ?? undefined;
      };
      if (instruction.keyword === 'ENV') {
        next.set(name, { value: expandWord(property.value ?? '', this.model.escapeChar, lookup), args: used });
        continue;
      }
      const given = own(this.buildArgs, name);
      const value =
        given ?? (property.value !== null ? expandWord(property.value, this.model.escapeChar, lookup) : (this.globals.get(name) ?? null));
      if (value !== null) next.set(name, { value, args: new Map([[name, value]]) });
      else if (!next.has(name)) next.set(name, { value: null, args: new Map([[name, null]]) });
    }
    return next;
  }
}

/** An own property of a record (a build arg named `constructor` must not find Object's). */
function own(record: Record<string, string>, name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
}

const walks = new WeakMap<DockerfileModel, Map<string, ScopeWalk>>();

function walkOf(model: DockerfileModel, buildArgs: Record<string, string>): ScopeWalk {
  let byArgs = walks.get(model);
  if (!byArgs) walks.set(model, (byArgs = new Map()));
  const key = JSON.stringify(Object.entries(buildArgs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  let walk = byArgs.get(key);
  if (!walk) {
    // A plan asks with one set of args, a record with another: two is the working set.
    if (byArgs.size >= 4) byArgs.clear();
    byArgs.set(key, (walk = new ScopeWalk(model, buildArgs)));
  }
  return walk;
}

/** The build args (and their values, null when none) that reach the instruction's cache key. */
function argsReaching(model: DockerfileModel, instruction: InstructionModel, stageIndex: number, walk: ScopeWalk): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const addEntry = (entry: EnvEntry | undefined) => {
    if (entry) for (const [arg, value] of entry.args) out.set(arg, value);
  };
  if (instruction.keyword === 'FROM') {
    for (const ref of instruction.variables) {
      if (model.globalArgs.some((d) => d.name === ref.name)) out.set(ref.name, walk.globals.get(ref.name) ?? null);
    }
    return out;
  }
  if (instruction.keyword === 'ARG' && instruction.stageIndex < 0) {
    // A global ARG: its own value, and the global args its default reads.
    for (const ref of instruction.variables) if (walk.globals.has(ref.name)) out.set(ref.name, walk.globals.get(ref.name)!);
    for (const property of instruction.properties) out.set(property.name, walk.globals.get(property.name) ?? null);
    return out;
  }
  if (stageIndex < 0 || stageIndex >= model.stages.length) return out;
  const scope = walk.stage(stageIndex);
  const place = instruction.parent ? undefined : scope.around.get(instruction);
  const before = place?.before ?? scope.start;
  if (instruction.keyword === 'RUN') {
    for (const entry of before.values()) addEntry(entry);
    return out;
  }
  if (!getInstruction(instruction.keyword)?.expandsVariables) return out;
  for (const ref of expandedVariableRefs(model, instruction)) addEntry(before.get(ref.name));
  if (instruction.keyword === 'ARG') for (const property of instruction.properties) addEntry((place?.after ?? before).get(property.name));
  return out;
}

/**
 * The build args, with their values for this build, that reach the instruction's cache key:
 * every ARG with a value in scope for a RUN, the ones its words name for other instructions.
 * `stageIndex` is the stage that runs it (for an ONBUILD trigger: the child stage).
 */
export function argsInScope(
  model: DockerfileModel,
  instruction: InstructionModel,
  buildArgs: Record<string, string>,
  stageIndex: number = instruction.stageIndex,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of argsReaching(model, instruction, stageIndex, walkOf(model, buildArgs))) if (value !== null) out[name] = value;
  return out;
}

/** A stage's name as written, or its index: how build records and BuildKit's steps name it. */
export function stageLabel(model: DockerfileModel, index: number): string {
  return model.stages[index]?.name ?? String(index);
}

/** The instruction as builders print it: keyword, flags and arguments (heredoc bodies left out). */
function textOf(model: DockerfileModel, instruction: InstructionModel): string {
  return [instruction.keyword, ...instruction.flags.map((f) => model.textAt(f.range)), instruction.argsText].filter((p) => p !== '').join(' ');
}

/** The sources of a COPY or ADD as written (exec form decoded; heredoc markers left out). */
export function sources(model: DockerfileModel, instruction: InstructionModel): string[] {
  const words = instruction.form === 'exec' ? (instruction.execArgs ?? []) : instruction.args.map((a) => model.textAt(a.range));
  return words.slice(0, -1).filter((w) => !w.startsWith('<<'));
}

export function isRemote(source: string): boolean {
  return source.includes('://') || source.startsWith('git@');
}

/** The option of a mount by any of its names, or undefined. */
function option(options: { name: string; value: string | null }[], ...names: string[]): { value: string | null } | undefined {
  return options.find((o) => names.includes(o.name.toLowerCase()));
}

/** What a COPY/ADD or a RUN's mounts read besides the stage it runs in. */
function inputs(model: DockerfileModel, instruction: InstructionModel): Invalidation[] {
  const out: Invalidation[] = [];
  if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
    const from = instruction.flags.find((f) => f.name === 'from')?.value;
    if (from) {
      const stage = model.stageByRef(from);
      out.push(stage ? { kind: 'stage', subject: stageLabel(model, stage.index) } : { kind: 'base-image', subject: excerpt(from) });
      return out;
    }
    const all = sources(model, instruction);
    for (const remote of all.filter(isRemote)) out.push({ kind: 'files', subject: excerpt(remote) });
    const local = all.filter((s) => !isRemote(s));
    if (local.length > 0) out.push({ kind: 'files', subject: excerpt(local.join(' ')) });
    return out;
  }
  for (const mount of instruction.mounts) {
    if (mount.type !== 'bind') continue;
    const from = option(mount.options, 'from')?.value;
    const stage = from ? model.stageByRef(from) : undefined;
    if (stage) out.push({ kind: 'stage', subject: stageLabel(model, stage.index) });
    else if (from) out.push({ kind: 'base-image', subject: excerpt(from) });
    else out.push({ kind: 'files', subject: excerpt(option(mount.options, 'source', 'src')?.value ?? '.') });
  }
  return out;
}

/**
 * What makes the instruction miss the cache, first reason first: its own text; what it reads
 * (`files`: context sources or a remote URL; `stage`: the files it takes from that stage,
 * compared by content; `base-image`: the image of a FROM or a `--from`); each build arg that
 * reaches its cache key; and `parent`: the stage it builds on (for FROM: the parent stage; for
 * a step: its own stage's earlier steps and the ENV, WORKDIR, USER and SHELL before it).
 * Metadata-only instructions (ENV, LABEL, CMD...) get their text and the build args they name.
 * `stageIndex` is the stage that runs it (for an ONBUILD trigger: the child stage).
 */
export function rebuildsWhen(model: DockerfileModel, instruction: InstructionModel, stageIndex: number = instruction.stageIndex): Invalidation[] {
  const out: Invalidation[] = [{ kind: 'text', subject: excerpt(textOf(model, instruction)) }];
  const stage = model.stages[stageIndex];
  if (instruction.keyword === 'FROM' && stage && !instruction.parent) {
    if (stage.parentStage !== null) out.push({ kind: 'parent', subject: stageLabel(model, stage.parentStage) });
    else if (stage.resolvedBase.toLowerCase() !== 'scratch') out.push({ kind: 'base-image', subject: excerpt(stage.resolvedBase) });
    for (const name of argsReaching(model, instruction, stageIndex, walkOf(model, {})).keys()) out.push({ kind: 'build-arg', subject: name });
    // FROM's parent goes last, after the args, like every step's.
    const parent = out.findIndex((i) => i.kind === 'parent');
    if (parent >= 0) out.push(...out.splice(parent, 1));
    return out;
  }
  out.push(...inputs(model, instruction));
  for (const name of argsReaching(model, instruction, stageIndex, walkOf(model, {})).keys()) out.push({ kind: 'build-arg', subject: name });
  if (BUILDKIT_STEP_KEYWORDS.has(instruction.keyword) && stage) out.push({ kind: 'parent', subject: stageLabel(model, stageIndex) });
  return out;
}
