/**
 * A build's record: what the client saw a build do (ANALYZE_BUILD_REQUEST), put on the lines of
 * the Dockerfile through the step plan. One composition of small parts, so that sizes (from the
 * image history), causes (against the previous record) and inputs (build args, hashed sources,
 * base images) each join as one more step here.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { AnalyzeBuildParams, BuildPlan, BuildRecord, BuilderKind, ObservedStep, PlanStep, StepRecord } from './protocol';
import { buildPlan, matchSteps, placeFailure, type DockerfileModel } from './service';

/** The record of one build of the model's Dockerfile. */
export function analyzeBuild(model: DockerfileModel, params: AnalyzeBuildParams, id = recordId(params.startedAt)): BuildRecord {
  const plan = buildPlan(model, params.target, params.buildArgs);
  const matched = matchSteps(plan, params.observed);
  const ran = stepsRun(plan, matched, params.builder);
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
    steps: ran.map(({ step, observed }) => stepRecord(plan, step, observed)),
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
}

/** The plan steps of the stages the builder ran (BuildKit: the stages the target needs; legacy: every stage up to it). */
function stepsRun(plan: BuildPlan, matched: readonly (ObservedStep | null)[], builder: BuilderKind): RanStep[] {
  const built = new Set(plan.builtStages);
  const ran: RanStep[] = [];
  plan.steps.forEach((step, i) => {
    // Global ARGs are no step of any stage: the legacy builder prints them, nothing is built by them.
    if (step.stage < 0) return;
    if (builder === 'legacy' ? step.stage <= plan.targetStage : built.has(step.stage)) ran.push({ step, observed: matched[i] });
  });
  return ran;
}

function stepRecord(plan: BuildPlan, step: PlanStep, observed: ObservedStep | null): StepRecord {
  const stage = plan.stages[step.stage];
  return {
    line: step.line + 1,
    endLine: step.endLine + 1,
    stage: stage.name ?? String(stage.index),
    instruction: step.text,
    keyword: step.keyword,
    cached: observed ? observed.cached : null,
    durationMs: observed?.durationMs ?? null,
    sizeBytes: null,
    output: step.output,
    error: observed?.error ?? null,
    cause: null,
    inputs: { args: {}, files: null, base: null },
    rebuildsWhen: step.rebuildsWhen,
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
