/**
 * Folds build events into what the user is shown: each step's state, the failed step with its last
 * log lines, the one-line summary, and terminal lines for progress formats that are not text.
 */
import type { ObservedStep } from '../../../server/src/protocol';
import type { BuildEvent, StepInfo } from './events';

/** How many log lines of a step are kept (and shown in a failed step's diagnostic). */
export const KEPT_LOG_LINES = 12;

/** One step's state so far. */
export interface StepState {
  info: StepInfo;
  /** Order of first appearance, the `#N` shown for rawjson steps. */
  number: number;
  started: boolean;
  cached: boolean;
  completed: boolean;
  durationMs: number | null;
  error: string | null;
  logs: string[];
}

/** Everything known about a build. */
export interface BuildState {
  steps: Map<string, StepState>;
  /** The first error message, whether or not it belongs to a step. */
  error: string | null;
  /** The step whose error failed the build. */
  failedStep: string | null;
  errorLocation: { file: string; line: number } | null;
  imageId: string | null;
  /** The legacy builder's step container running now, if any. */
  container: string | null;
}

/** A fresh, empty state. */
export function newBuildState(): BuildState {
  return { steps: new Map(), error: null, failedStep: null, errorLocation: null, imageId: null, container: null };
}

/** Applies one event to the state (in place) and returns it. */
export function applyEvent(state: BuildState, event: BuildEvent): BuildState {
  const step = 'id' in event && event.id !== null ? state.steps.get(event.id) : undefined;
  switch (event.type) {
    case 'step':
      if (!state.steps.has(event.step.id)) {
        state.steps.set(event.step.id, {
          info: event.step,
          number: state.steps.size + 1,
          started: false,
          cached: false,
          completed: false,
          durationMs: null,
          error: null,
          logs: [],
        });
      }
      break;
    case 'started':
      if (step) step.started = true;
      break;
    case 'cached':
      if (step) step.cached = true;
      break;
    case 'completed':
      if (step) {
        step.completed = true;
        step.durationMs = event.durationMs;
      }
      break;
    case 'error':
      // BuildKit marks dependent steps "canceled" after the real failure; keep the first.
      if (step) {
        step.error = event.message;
        if (state.failedStep === null && event.message !== 'canceled' && !/context canceled/.test(event.message)) state.failedStep = step.info.id;
      }
      state.error ??= event.message;
      break;
    case 'log':
      if (step) {
        step.logs.push(event.text);
        if (step.logs.length > KEPT_LOG_LINES) step.logs.shift();
      }
      break;
    case 'errorLocation':
      state.errorLocation ??= { file: event.file, line: event.line };
      break;
    case 'image':
      state.imageId = event.id;
      break;
    case 'container':
      state.container = event.id;
      break;
    case 'output':
      break;
  }
  return state;
}

/** The Dockerfile steps of a build (internal ones left out) as the server's analysis reads them, in order of appearance. */
export function observedSteps(state: BuildState): ObservedStep[] {
  const observed: ObservedStep[] = [];
  for (const step of state.steps.values()) {
    const { info } = step;
    if (info.internal) continue;
    observed.push({
      name: info.name,
      stage: info.stage,
      index: info.index,
      total: info.total,
      numbering: info.numbering,
      keyword: info.keyword,
      text: info.text,
      cached: step.cached,
      completed: step.completed,
      durationMs: step.durationMs,
      error: step.error,
      logs: [...step.logs],
    });
  }
  return observed;
}

/** Counts of the Dockerfile steps (internal steps excluded). */
export function stepCounts(state: BuildState): { total: number; cached: number; built: number; failed: number } {
  let total = 0;
  let cached = 0;
  let built = 0;
  let failed = 0;
  for (const step of state.steps.values()) {
    if (step.info.internal) continue;
    total++;
    if (step.error !== null) failed++;
    else if (step.cached) cached++;
    else if (step.completed) built++;
  }
  return { total, cached, built, failed };
}

/** The one line printed when a build ends. */
export function summaryLine(state: BuildState, outcome: { exitCode: number | null; cancelled: boolean; durationMs: number; tag: string }): string {
  const counts = stepCounts(state);
  const seconds = (outcome.durationMs / 1000).toFixed(1);
  const steps = `${counts.total} steps, ${counts.cached} cached, ${counts.built} built`;
  if (outcome.cancelled) return `Build cancelled after ${seconds}s (${steps}).`;
  if (outcome.exitCode === 0) return `Built ${outcome.tag} in ${seconds}s: ${steps}.`;
  const failed = state.failedStep ? state.steps.get(state.failedStep) : undefined;
  const where = failed ? ` at ${failed.info.name}` : '';
  return `Build failed${where} after ${seconds}s (${steps}): ${state.error ?? `exit code ${outcome.exitCode}`}`;
}

/** Renders one event as terminal lines in the style of plain progress (used for rawjson, which is not text). */
export function renderEvent(state: BuildState, event: BuildEvent): string[] {
  const step = 'id' in event && event.id !== null ? state.steps.get(event.id) : undefined;
  const tag = step ? `#${step.number} ` : '';
  switch (event.type) {
    case 'step':
      return [`${`#${state.steps.get(event.step.id)?.number ?? '?'}`} ${event.step.name}`];
    case 'cached':
      return [`${tag}CACHED`];
    case 'completed':
      return step?.cached || step?.error ? [] : [`${tag}DONE ${((event.durationMs ?? 0) / 1000).toFixed(1)}s`];
    case 'error':
      // An error without a step is BuildKit's summary, which also arrives as output lines.
      return step ? [`${tag}ERROR: ${event.message}`] : [];
    case 'log':
      return [`${tag}${event.text}`];
    case 'output':
      return [event.text];
    default:
      return [];
  }
}
