/**
 * Puts what a builder reported back on the plan: each observed step onto the plan step it ran,
 * and a failed build's error onto its line.
 *
 * BuildKit steps match by stage and index (`[build 3/6]`), the legacy builder's by `Step i/n`;
 * the keyword must agree. When the count does not line up the text decides: a base image's own
 * ONBUILD triggers run first in its stage and shift the numbers (BuildKit counts them in the
 * index, not in the total, so the shift shows as an index past the plan's last), and BuildKit
 * prints RUN with its build args substituted. BuildKit runs one FROM vertex for every stage
 * built on the same image: the other stages' FROM steps share it.
 */
import type { BuildPlan, BuildRecord, ObservedStep, PlanStep } from '../../protocol';

/** For each plan step (same order as `plan.steps`), the observed step it ran as, or null. */
export function matchSteps(plan: BuildPlan, observed: readonly ObservedStep[]): (ObservedStep | null)[] {
  const matched: (ObservedStep | null)[] = plan.steps.map(() => null);
  const byBuildkit = new Map<string, number>();
  const byLegacy = new Map<number, number>();
  const labels = new Map<string, number>();
  const planMax = new Map<number, number>();
  plan.steps.forEach((step, i) => {
    if (step.buildkit) {
      byBuildkit.set(`${step.stage}:${step.buildkit.index}`, i);
      labels.set(step.buildkit.stage.toLowerCase(), step.stage);
      planMax.set(step.stage, Math.max(planMax.get(step.stage) ?? 0, step.buildkit.index));
    }
    if (step.legacy) byLegacy.set(step.legacy.index, i);
  });
  const stageOf = (step: ObservedStep): number | undefined => {
    // BuildKit leaves the stage out when the file has one; the legacy builder never names one.
    if (step.stage === null) return plan.targetStage;
    return labels.get(step.stage.toLowerCase()) ?? findStage(plan, step.stage);
  };
  // Per stage, how many of a base image's own ONBUILD triggers ran after its FROM.
  const observedMax = new Map<number, number>();
  for (const step of observed) {
    const stage = step.numbering === 'per-stage' && step.index !== null ? stageOf(step) : undefined;
    if (stage !== undefined) observedMax.set(stage, Math.max(observedMax.get(stage) ?? 0, step.index!));
  }
  const take = (i: number | undefined, step: ObservedStep): boolean => {
    if (i === undefined || matched[i] !== null || !sameKeyword(plan.steps[i], step)) return false;
    matched[i] = step;
    return true;
  };

  const unplaced: ObservedStep[] = [];
  for (const step of observed) {
    if (step.index === null) continue;
    let placed = false;
    if (step.numbering === 'file') placed = take(byLegacy.get(step.index), step);
    else {
      const stage = stageOf(step);
      const index = stage === undefined ? null : shifted(step.index, (observedMax.get(stage) ?? 0) - (planMax.get(stage) ?? 0), plan.steps[byBuildkit.get(`${stage}:1`) ?? -1]);
      if (stage !== undefined && index !== null) placed = take(byBuildkit.get(`${stage}:${index}`), step);
    }
    if (!placed) unplaced.push(step);
  }
  for (const step of unplaced) {
    if (step.keyword === null) continue;
    const stage = step.numbering === 'per-stage' ? stageOf(step) : undefined;
    const i = plan.steps.findIndex(
      (candidate, j) => matched[j] === null && (stage === undefined || candidate.stage === stage) && (step.numbering === 'file' ? candidate.legacy : candidate.buildkit) !== null && sameKeyword(candidate, step) && sameText(candidate.text, step.text),
    );
    if (i >= 0) matched[i] = step;
  }
  shareFromSteps(plan, matched);
  return matched;
}

/** The plan's index for an observed index when `extra` image triggers ran after the FROM (null: one of them). */
function shifted(index: number, extra: number, first: PlanStep | undefined): number | null {
  if (extra <= 0 || first?.keyword !== 'FROM' || index === 1) return index;
  return index <= 1 + extra ? null : index - extra;
}

/** A stage an observed label names that the plan has no BuildKit step for (`stage-N`, a name). */
function findStage(plan: BuildPlan, label: string): number | undefined {
  const lower = label.toLowerCase();
  const named = plan.stages.find((stage) => stage.name?.toLowerCase() === lower);
  if (named) return named.index;
  const index = lower.startsWith('stage-') ? Number(lower.slice('stage-'.length)) : NaN;
  return Number.isInteger(index) && index >= 0 && index < plan.stages.length ? index : undefined;
}

/** Gives a FROM step BuildKit ran no vertex for the FROM vertex of another stage on the same image. */
function shareFromSteps(plan: BuildPlan, matched: (ObservedStep | null)[]): void {
  const froms = new Map<string, ObservedStep>();
  plan.steps.forEach((step, i) => {
    const seen = matched[i];
    if (step.keyword === 'FROM' && seen) froms.set(imageKey(plan.stages[step.stage]?.base ?? ''), seen);
  });
  plan.steps.forEach((step, i) => {
    if (step.keyword !== 'FROM' || !step.buildkit || matched[i] !== null) return;
    const shared = froms.get(imageKey(plan.stages[step.stage]?.base ?? ''));
    if (shared && shared.numbering === 'per-stage') matched[i] = shared;
  });
}

/** An image reference without what Docker adds when it prints one (`docker.io/`, `library/`, `:latest`). */
function imageKey(reference: string): string {
  let key = reference.toLowerCase();
  if (key.startsWith('docker.io/')) key = key.slice('docker.io/'.length);
  if (key.startsWith('library/')) key = key.slice('library/'.length);
  if (key.endsWith(':latest')) key = key.slice(0, -':latest'.length);
  return key;
}

function sameKeyword(step: PlanStep, observed: ObservedStep): boolean {
  return observed.keyword === null || observed.keyword === step.keyword;
}

/** The same instruction text, whitespace aside; or the same first 24 characters (BuildKit substitutes build args in RUN). */
function sameText(planned: string, printed: string): boolean {
  const a = squash(planned);
  const b = squash(printed);
  return a === b || (a.length >= 24 && b.startsWith(a.slice(0, 24)));
}

function squash(text: string): string {
  return text.split(/\s+/).filter((word) => word !== '').join(' ');
}

/** What a failed build said about where it failed. */
export interface BuildFailure {
  /** The Dockerfile's path or name, to tell BuildKit's `Dockerfile:9` apart from another file's. */
  dockerfile: string;
  /** The build's first error (a step's or the summary's), or null. */
  error: string | null;
  /** BuildKit's `Dockerfile:9` (1-based line), when it printed one. */
  errorLocation: { file: string; line: number } | null;
}

/**
 * The failed step's place (1-based lines) and message (its error and last log lines): the first
 * step that failed other than by being cancelled, or BuildKit's own `Dockerfile:9`, which is
 * exact and wins. Null when the build did not fail in a step of this Dockerfile.
 */
export function placeFailure(plan: BuildPlan, observed: readonly ObservedStep[], matched: readonly (ObservedStep | null)[], failure: BuildFailure): BuildRecord['failure'] {
  const failed = observed.find((step) => step.error !== null && !cancelled(step.error));
  const step = failed ? plan.steps[matched.indexOf(failed)] : undefined;
  let line = step?.line ?? null;
  let endLine = step?.endLine ?? null;
  const location = failure.errorLocation;
  if (location && location.line >= 1 && baseName(location.file) === baseName(failure.dockerfile)) {
    line = location.line - 1;
    endLine = plan.steps.find((candidate) => candidate.line === line)?.endLine ?? line;
  }
  if (line === null || endLine === null) return null;
  const error = failed?.error ?? failure.error ?? 'the step failed';
  const logs = failed?.logs.filter((text) => text.trim() !== '') ?? [];
  return { line: line + 1, endLine: endLine + 1, message: logs.length > 0 ? `${error}\n${logs.join('\n')}` : error };
}

/** BuildKit marks the steps still running when another one fails as cancelled. */
function cancelled(error: string): boolean {
  return error === 'canceled' || error.includes('context canceled');
}

function baseName(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(slash + 1);
}
