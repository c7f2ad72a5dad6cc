/**
 * The step plan: what a build of one target runs, instruction by instruction, numbered the way
 * both builders print it, so that what a build printed can be put back on its lines.
 *
 * BuildKit (`[stage i/n]`): it builds the target and the stages the target needs (its FROM
 * chain, `COPY --from` and `RUN --mount from=` sources, also those of ONBUILD triggers it runs)
 * and skips the rest. Per stage it numbers the FROM of an image (not of a stage or `scratch`),
 * then the parent stage's ONBUILD triggers, then RUN, COPY, ADD and WORKDIR; the total leaves
 * the triggers out (BuildKit 0.13 prints `[child 3/2]`). The stage is printed as its lower-cased
 * name or `stage-N`, and not at all when the file has one stage.
 *
 * The legacy builder (`Step i/n`): every stage up to the target, every instruction counted, the
 * global ARGs first; ONBUILD triggers run inside the FROM step and get no number of their own.
 *
 * Stages resolve as the model resolves them (names without case, by index, global ARG defaults
 * in FROM); build args given for global ARGs are substituted in FROM the way BuildKit's meta
 * args are (a later global default sees an earlier overridden value).
 */
import type { BuildPlan, PlanStage, PlanStep } from '../../protocol';
import { getInstruction, getPredefinedArg, PREDEFINED_ARGS } from '../data';
import { expandWord, instructionStageRefs, type DockerfileModel, type InstructionModel } from '../model';

/** An instruction BuildKit makes a numbered step of (besides the FROM of an image). */
const buildkitStep = (keyword: string) => getInstruction(keyword)?.buildkitStep === true;
/** An instruction that writes a filesystem layer. */
const writesLayer = (keyword: string) => getInstruction(keyword)?.writesLayer === true;
/** The platform ARGs' values in the global scope, for FROM lines that use them undeclared. */
const GLOBAL_VALUES = new Map(PREDEFINED_ARGS.flatMap((a) => (a.globalValue === undefined ? [] : [[a.name, a.globalValue] as const])));

/** The plan of a build of `target` (a stage name, `stage-N` or an index; null: the last stage). */
export function buildPlan(model: DockerfileModel, target: string | null, buildArgs: Readonly<Record<string, string>> = {}): BuildPlan {
  const stages = planStages(model, buildArgs);
  const targetStage = findTarget(model, target);
  const builtStages = buildkitStages(model, stages, targetStage);
  const built = new Set(builtStages);
  const chain = stageChain(stages, targetStage);
  const included = new Set(builtStages);
  for (let i = 0; i <= targetStage; i++) included.add(i);

  const globalArgs = model.instructions.filter((instruction) => instruction.stageIndex < 0 && instruction.keyword === 'ARG');
  let legacyTotal = globalArgs.length;
  for (let i = 0; i <= targetStage; i++) legacyTotal += 1 + model.stages[i].instructions.length;
  let legacyIndex = 0;
  const legacy = (runs: boolean) => (runs ? { index: ++legacyIndex, total: legacyTotal } : null);

  const steps: PlanStep[] = globalArgs.map((instruction) => ({
    ...located(model, instruction, instruction),
    stage: -1,
    trigger: false,
    buildkit: null,
    legacy: legacy(true),
    output: 'metadata',
  }));
  const label = (index: number) => (model.stages.length === 1 ? '' : (model.stages[index].name?.toLowerCase() ?? `stage-${index}`));
  for (const stage of model.stages) {
    if (!included.has(stage.index)) continue;
    const planned = stages[stage.index];
    const inLegacy = stage.index <= targetStage;
    const bk = built.has(stage.index);
    const imageFrom = planned.parentStage === null && planned.base.toLowerCase() !== 'scratch';
    const total = (imageFrom ? 1 : 0) + stage.instructions.filter((instruction) => buildkitStep(instruction.keyword)).length;
    let index = 0;
    const buildkit = (counted: boolean) => (bk && counted ? { stage: label(stage.index), index: ++index, total } : null);
    const output = (keyword: string): PlanStep['output'] => (!chain.has(stage.index) ? 'not-in-image' : writesLayer(keyword) ? 'layer' : 'metadata');
    const step = (instruction: InstructionModel, shown: InstructionModel, trigger: boolean, counted: boolean): PlanStep => ({
      ...located(model, instruction, shown),
      stage: stage.index,
      trigger,
      buildkit: buildkit(counted),
      legacy: legacy(inLegacy && !trigger),
      output: output(shown.keyword),
    });
    steps.push(step(stage.from, stage.from, false, imageFrom));
    if (planned.parentStage !== null) {
      for (const onbuild of model.stages[planned.parentStage].instructions) {
        if (onbuild.trigger) steps.push(step(onbuild, onbuild.trigger, true, buildkitStep(onbuild.trigger.keyword)));
      }
    }
    for (const instruction of stage.instructions) steps.push(step(instruction, instruction, false, buildkitStep(instruction.keyword)));
  }
  return {
    target,
    targetStage,
    stages,
    builtStages,
    steps,
    buildArgs: declaredArgs(model, included),
    exposedPorts: exposedPorts(model, stages, targetStage),
  };
}

/** The lines, keyword and printed text of a step: `at` gives the lines, `shown` the rest (a trigger's ONBUILD and trigger). */
function located(model: DockerfileModel, at: InstructionModel, shown: InstructionModel): Pick<PlanStep, 'line' | 'endLine' | 'keyword' | 'text'> {
  return { line: at.range.start.line, endLine: at.range.end.line, keyword: shown.keyword, text: printedText(model, shown) };
}

/**
 * The instruction as the builders print it: from the keyword to the end of the line holding the
 * first heredoc marker (bodies are not printed), escaped newlines removed with the comment and
 * empty lines between them, the spaces around them kept (`RUN echo one \` + `  two` prints
 * `RUN echo one   two`).
 */
export function printedText(model: DockerfileModel, instruction: InstructionModel): string {
  const start = model.offsetAt(instruction.keywordRange.start);
  let end = model.offsetAt(instruction.range.end);
  const heredoc = instruction.heredocs[0];
  if (heredoc) {
    const newline = model.text.indexOf('\n', model.offsetAt(heredoc.markerRange.end));
    if (newline >= 0 && newline < end) end = newline;
  }
  const escape = model.escapeChar;
  let text = '';
  let first = true;
  for (const raw of model.text.slice(start, end).split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const trimmed = line.trim();
    if (!first && (trimmed === '' || trimmed.startsWith('#'))) continue;
    first = false;
    const right = line.trimEnd();
    text += right.endsWith(escape) ? right.slice(0, -1) : line;
  }
  return text.trim();
}

/** The stages with their bases resolved (build args for global ARGs substituted) and their parent stages. */
function planStages(model: DockerfileModel, buildArgs: Readonly<Record<string, string>>): PlanStage[] {
  const given = new Map(Object.entries(buildArgs).filter(([, value]) => typeof value === 'string'));
  const globals = model.globalArgs.some((def) => given.has(def.name)) ? globalValues(model, given) : null;
  return model.stages.map((stage) => {
    let base = stage.resolvedBase;
    let parentStage = stage.parentStage;
    if (globals && stage.baseText.includes('$')) {
      base = expandWord(stage.baseText, model.escapeChar, (name) => globals.get(name) ?? GLOBAL_VALUES.get(name));
      const parent = model.stageByRef(base);
      parentStage = parent && parent.index < stage.index ? parent.index : null;
    }
    return { index: stage.index, name: stage.name, base, parentStage, line: stage.from.range.start.line, endLine: stage.range.end.line };
  });
}

/** The global ARGs' values as FROM lines see them when a build gives some of them. */
function globalValues(model: DockerfileModel, given: Map<string, string>): Map<string, string> {
  const values = new Map<string, string>();
  for (const def of model.globalArgs) {
    const value = given.get(def.name) ?? (def.rawValue === null ? undefined : expandWord(def.rawValue, model.escapeChar, (name) => values.get(name) ?? GLOBAL_VALUES.get(name)));
    if (value === undefined) values.delete(def.name);
    else values.set(def.name, value);
  }
  return values;
}

/** The stage a target names: a name (without case), `stage-N` or an index; else the last stage. */
function findTarget(model: DockerfileModel, target: string | null): number {
  const last = model.stages.length - 1;
  if (target === null || target === '') return last;
  const lower = target.toLowerCase();
  const named = model.stages.find((stage) => stage.name !== null && stage.name.toLowerCase() === lower);
  if (named) return named.index;
  const digits = lower.startsWith('stage-') ? lower.slice('stage-'.length) : lower;
  const index = /^\d{1,6}$/.test(digits) ? Number(digits) : -1;
  return index >= 0 && index <= last ? index : last;
}

/** The stages BuildKit builds for the target: the target and what it needs, in index order. */
function buildkitStages(model: DockerfileModel, stages: PlanStage[], targetStage: number): number[] {
  if (targetStage < 0) return [];
  const needed = new Set<number>([targetStage]);
  const queue = [targetStage];
  const need = (index: number | null | undefined) => {
    if (index === null || index === undefined || needed.has(index)) return;
    needed.add(index);
    queue.push(index);
  };
  while (queue.length > 0) {
    const index = queue.pop()!;
    const parent = stages[index].parentStage;
    need(parent);
    const instructions = [...model.stages[index].instructions];
    // A parent's ONBUILD triggers run here, with their `--from` sources.
    if (parent !== null) for (const onbuild of model.stages[parent].instructions) if (onbuild.trigger) instructions.push(onbuild.trigger);
    for (const instruction of instructions) for (const ref of instructionStageRefs(model, instruction)) need(ref.stage?.index);
  }
  return [...needed].sort((a, b) => a - b);
}

/** The target and its FROM ancestors. */
function stageChain(stages: PlanStage[], targetStage: number): Set<number> {
  const chain = new Set<number>();
  for (let index: number | null = targetStage; index !== null && index >= 0 && !chain.has(index); index = stages[index].parentStage) chain.add(index);
  return chain;
}

/** ARGs a build can set: global ones and those of the stages either builder runs, first declaration first. */
function declaredArgs(model: DockerfileModel, included: Set<number>): BuildPlan['buildArgs'] {
  const found = new Map<string, { name: string; defaultValue: string | null; line: number }>();
  for (const def of model.definitions) {
    if (def.kind !== 'ARG' || !def.instruction || (def.stageIndex >= 0 && !included.has(def.stageIndex))) continue;
    // The builder sets the platform ARGs and reads its own; only the proxies are the user's to give.
    const predefined = getPredefinedArg(def.name);
    if (predefined && predefined.definedIn !== 'run') continue;
    const value = def.value ?? def.rawValue;
    const seen = found.get(def.name);
    if (!seen) found.set(def.name, { name: def.name, defaultValue: value, line: def.instruction.range.start.line });
    else if (seen.defaultValue === null && value !== null) seen.defaultValue = value;
  }
  return [...found.values()];
}

/** EXPOSEd ports (`8080`, `53/udp`) of the target and its FROM ancestors, base first, without variables. */
function exposedPorts(model: DockerfileModel, stages: PlanStage[], targetStage: number): string[] {
  const chain = [...stageChain(stages, targetStage)].reverse();
  const ports = new Set<string>();
  for (const index of chain) {
    for (const instruction of model.stages[index].instructions) {
      if (instruction.keyword !== 'EXPOSE') continue;
      for (const arg of instruction.args) if (/^\d{1,5}(\/(tcp|udp|sctp))?$/i.test(arg.value)) ports.add(arg.value.toLowerCase());
    }
  }
  return [...ports];
}
