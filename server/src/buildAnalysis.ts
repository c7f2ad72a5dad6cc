/**
 * A build's record: what the client (or the CLI) saw a build do, put on the lines of the
 * Dockerfile through the step plan, then compared with the previous record. One composition of
 * small parts: the plan and the match of printed steps (service/cache/plan.ts, match.ts), layer
 * sizes from the image history (history.ts), what each step read (inputs.ts, with its context
 * sources hashed here, buildContext.ts) and why each rebuilt step missed (causes.ts).
 */
import { randomBytes } from 'node:crypto';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBuildContext, type BuildContextFiles } from './buildContext';
import { loadProjectContext } from './projectContext';
import type { AnalyzeBuildParams, BaseImage, BuildPlan, Invalidation, BuildRecord, BuilderKind, ObservedStep, PlanStep, StepInputs, StepRecord } from './protocol';
import { buildPlan, explainRebuilds, matchHistory, matchSteps, placeFailure, stepReads, type DockerfileModel, type LayerSize, type StepReads } from './service';

/** How much to read beyond what the params carry. */
export interface AnalyzeOptions {
  /** Hash COPY/ADD sources in the context (default true); `layers` of an existing image has no build to compare. */
  hashContext?: boolean;
}

/** The record of one build of the model's Dockerfile. */
export async function analyzeBuild(model: DockerfileModel, params: AnalyzeBuildParams, id = recordId(params.startedAt), options: AnalyzeOptions = {}): Promise<BuildRecord> {
  const plan = buildPlan(model, params.target, params.buildArgs);
  const matched = matchSteps(plan, params.observed);
  const sizes = params.history ? matchHistory(plan.steps, params.history).steps : null;
  const ran = stepsRun(plan, matched, params.builder);
  const reads = stepReads(model, ran.map(({ step }) => step), params.buildArgs);
  const files = options.hashContext === false ? ran.map(() => null) : await hashSources(params, reads);
  const steps = ran.map(({ step, observed, index }, i) =>
    // A step a failed build listed but never finished (the build stopped first) made no cache decision.
    stepRecord(plan, step, params.succeeded || !observed || observed.cached || observed.completed || observed.error !== null ? observed : null, sizes?.[index] ?? null, reads[i].rebuildsWhen, {
      args: reads[i].args,
      files: files[i],
      base: baseOf(plan, step, params.baseImages),
    }),
  );
  const causes = explainRebuilds(params.previous, steps, { noCache: params.noCache });
  steps.forEach((step, i) => {
    step.cause = causes[i];
    // BuildKit's FROM vertex only resolves the image, and its cached flag flips between identical
    // builds: a FROM that missed for no reason of its own made no cache decision worth showing.
    if (step.keyword === 'FROM' && step.cached === false && step.cause === null) step.cached = null;
  });
  return {
    version: 1,
    id,
    dockerfile: dockerfilePath(params.uri),
    target: params.target,
    startedAt: params.startedAt,
    durationMs: params.durationMs,
    builder: params.builder,
    noCache: params.noCache,
    succeeded: params.succeeded,
    buildArgs: params.buildArgs,
    image: params.image,
    cacheHitRatio: cacheHitRatio(ran),
    steps,
    failure: params.succeeded
      ? null
      : placeFailure(plan, params.observed, matched, { dockerfile: params.uri, error: params.error ?? null, errorLocation: params.errorLocation ?? null }),
  };
}

/** A unique id that sorts by time: the start time and a random suffix. */
export function recordId(startedAt: string): string {
  return `${startedAt}-${randomBytes(4).toString('hex')}`;
}

interface RanStep {
  step: PlanStep;
  observed: ObservedStep | null;
  /** Its index in plan.steps. */
  index: number;
}

/** The plan steps of the stages the builder ran (BuildKit: the stages the target needs; legacy: every stage up to it). */
function stepsRun(plan: BuildPlan, matched: readonly (ObservedStep | null)[], builder: BuilderKind): RanStep[] {
  const built = new Set(plan.builtStages);
  const ran: RanStep[] = [];
  plan.steps.forEach((step, i) => {
    // Global ARGs are no step of any stage: the legacy builder prints them, nothing is built by them.
    if (step.stage < 0) return;
    if (builder === 'legacy' ? step.stage <= plan.targetStage : built.has(step.stage)) ran.push({ step, observed: matched[i], index: i });
  });
  return ran;
}

function stepRecord(plan: BuildPlan, step: PlanStep, observed: ObservedStep | null, size: LayerSize | null, rebuildsWhen: Invalidation[], inputs: StepInputs): StepRecord {
  const stage = plan.stages[step.stage];
  return {
    line: step.line + 1,
    endLine: step.endLine + 1,
    stage: stage.name ?? String(stage.index),
    instruction: step.text,
    keyword: step.keyword,
    cached: observed ? observed.cached : null,
    durationMs: observed?.durationMs ?? null,
    sizeBytes: size?.layer === 'layer' ? size.sizeBytes : null,
    output: step.output,
    error: observed?.error ?? null,
    cause: null,
    inputs,
    rebuildsWhen,
  };
}

/**
 * Cached steps over the steps the builder finished, each builder step counted once. FROM is left
 * out: BuildKit never reports it cached, so a build that changed nothing would not score 1.
 */
function cacheHitRatio(ran: readonly RanStep[]): number | null {
  const counted = new Set<ObservedStep>();
  for (const { step, observed } of ran) if (observed && step.keyword !== 'FROM' && (observed.cached || observed.completed)) counted.add(observed);
  if (counted.size === 0) return null;
  let cached = 0;
  for (const observed of counted) if (observed.cached) cached++;
  return cached / counted.size;
}

function dockerfilePath(uri: string): string {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  } catch {
    return uri;
  }
}

/**
 * The digests of each step's context sources (null where it takes none or they cannot be
 * hashed). The context is walked once, with the ignore file BuildKit would apply.
 */
async function hashSources(params: AnalyzeBuildParams, reads: readonly StepReads[]): Promise<StepInputs['files'][]> {
  if (!reads.some((read) => read.sources !== null)) return reads.map(() => null);
  const dockerfile = dockerfilePath(params.uri);
  let context: BuildContextFiles;
  try {
    const project = await loadProjectContext({ dockerfile, buildContext: relative(dirname(dockerfile), params.context) || '.', config: null });
    context = await openBuildContext(params.context, project.dockerignore);
  } catch {
    return reads.map(() => null);
  }
  if (context.problem !== null) return reads.map(() => null);
  const out: StepInputs['files'][] = [];
  for (const read of reads) out.push(read.sources === null ? null : (await context.hashSources(read.sources)).files);
  return out;
}

/** What the engine resolved a FROM of an image to, from what the client looked up. */
function baseOf(plan: BuildPlan, step: PlanStep, images: readonly BaseImage[]): BaseImage | null {
  if (step.keyword !== 'FROM' || step.trigger) return null;
  const stage = plan.stages[step.stage];
  if (!stage || stage.parentStage !== null || stage.base.toLowerCase() === 'scratch') return null;
  return images.find((image) => image.ref === stage.base) ?? null;
}
