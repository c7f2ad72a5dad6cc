/**
 * Words and numbers of the layer-cache views: durations, sizes, a step's state, causes and what
 * invalidates a step. Shared by the editor decorations (extension host) and the panel (webview),
 * so it stays browser-safe: no vscode, no Node, no packages (eslint's `layers/browser-safe`).
 */
import type { Cause, CauseKind, Invalidation, StepRecord } from '../../../server/src/protocol/build';

/** What happened to a step, for icons, colours and the first word of its text. */
export type StepState = 'cached' | 'rebuilt' | 'failed' | 'metadata' | 'not-run';

/** The state of a step: failed, cached, rebuilt, metadata only (no builder step), or not run. */
export function stepState(step: Pick<StepRecord, 'cached' | 'error' | 'output'>): StepState {
  if (step.error !== null) return 'failed';
  if (step.cached === true) return 'cached';
  if (step.cached === false) return 'rebuilt';
  return step.output === 'metadata' ? 'metadata' : 'not-run';
}

const STATE_WORDS: Record<StepState, string> = {
  cached: 'cached',
  rebuilt: 'rebuilt',
  failed: 'failed',
  metadata: 'metadata only',
  'not-run': 'not run',
};

/** The state as a word or two: `cached`, `rebuilt`, `metadata only`. */
export function stateWord(state: StepState): string {
  return STATE_WORDS[state];
}

/** A duration for people: `0 ms`, `340 ms`, `3.4 s`, `12 s`, `2 min 5 s`, `1 h 3 min`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 9.95) return `${seconds.toFixed(1)} s`;
  if (seconds < 59.5) return `${Math.round(seconds)} s`;
  const totalSeconds = Math.round(seconds);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes} min ${totalSeconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** `2026-12-08 01:41:07` in local time (the ISO text itself when it does not parse). */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** A size in Docker's decimal units, three significant digits: `0 B`, `512 B`, `12.4 MB`, `1.23 GB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= 999.5 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  const digits = value < 9.995 ? 2 : value < 99.95 ? 1 : 0;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** A cache hit ratio as a percentage (`83%`), or `n/a` when no step ran. */
export function formatRatio(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return 'n/a';
  return `${Math.round(Math.min(1, Math.max(0, ratio)) * 100)}%`;
}

const CAUSE_LABELS: Record<CauseKind, string> = {
  'first-build': 'first build',
  'instruction-changed': 'instruction changed',
  'build-arg-changed': 'build arg changed',
  'files-changed': 'files changed',
  'base-image-changed': 'base image changed',
  'parent-rebuilt': 'an earlier step rebuilt',
  'no-cache': 'built with --no-cache',
  unknown: 'cause unknown',
};

/** A short label for a cause kind: `files changed`, `an earlier step rebuilt`. */
export function causeLabel(kind: CauseKind): string {
  return CAUSE_LABELS[kind] ?? CAUSE_LABELS.unknown;
}

/** True for a cause that starts a cascade (any kind but parent-rebuilt). */
export function isRootCause(cause: Cause | null): cause is Cause {
  return cause !== null && cause.kind !== 'parent-rebuilt';
}

/** At most `max` names joined by commas, and how many more there are: `a, b and 3 more`. */
export function listSome(names: readonly string[], max: number): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** One phrase per invalidation: `its text changes`, `build arg VERSION changes`. */
export function invalidationText(item: Invalidation): string {
  switch (item.kind) {
    case 'text':
      return 'its text changes';
    case 'build-arg':
      return `build arg ${item.subject} changes`;
    case 'files':
      return item.subject ? `files of ${item.subject} change` : 'its files change';
    case 'base-image':
      return item.subject ? `image ${item.subject} changes` : 'the base image changes';
    case 'parent':
      return 'an earlier step rebuilds';
    case 'stage':
      return item.subject ? `stage ${item.subject} rebuilds` : 'the stage it reads rebuilds';
    default:
      return 'something it reads changes';
  }
}

/** The "rebuilds when" sentence of a step: `Rebuilds when its text changes or build arg V changes.`, or null. */
export function rebuildsWhenText(items: readonly Invalidation[]): string | null {
  if (items.length === 0) return null;
  const phrases = items.map(invalidationText);
  const last = phrases.pop();
  return `Rebuilds when ${phrases.length > 0 ? `${phrases.join(', ')} or ${last}` : last}.`;
}

/** What a step adds to the image, when it adds no layer: `metadata only, adds no layer`; else null. */
export function noLayerText(step: Pick<StepRecord, 'output'>): string | null {
  if (step.output === 'metadata') return 'metadata only, adds no layer';
  if (step.output === 'not-in-image') return 'stage not in the image, adds no layer';
  return null;
}

/** The one-line summary after an instruction: `rebuilt · 3.4 s · 45.1 MB · files changed`. */
export function stepSummary(step: StepRecord): string {
  const state = stepState(step);
  const parts: string[] = [stateWord(state)];
  if (state === 'metadata') return 'metadata only, no layer';
  if (step.durationMs !== null) parts.push(formatDuration(step.durationMs));
  if (step.output === 'layer') {
    if (step.sizeBytes !== null) parts.push(formatBytes(step.sizeBytes));
  } else if (state !== 'not-run') {
    parts.push(step.output === 'not-in-image' ? 'not in image' : 'no layer');
  }
  if (state === 'rebuilt' && step.cause) parts.push(causeLabel(step.cause.kind));
  return parts.join(' · ');
}
