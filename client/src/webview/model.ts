/**
 * What the layer panel shows, computed from a build record before any DOM is touched: rows grouped
 * by stage with their bar lengths, the first cause, the largest layers and the builds to compare.
 * Pure and browser-safe, so node:test checks it and the webview renders it.
 */
import type { BuildRecord, StepRecord } from '../../../server/src/protocol/build';
import {
  type StepState, causeLabel, formatBytes, formatDuration, formatRatio, formatTime, isRootCause, noLayerText, rebuildsWhenText, stateWord, stepState,
} from '../layers/format';
import type { HistoryItem } from './messages';

/** How many changed files a cause lists before "and N more". */
export const MAX_FILES = 5;
/** How many layers the "largest layers" list shows. */
export const MAX_LARGEST = 5;

export interface CauseView {
  label: string;
  detail: string;
  files: string[];
  moreFiles: number;
  /** The 1-based line of the step whose miss caused this one (parent-rebuilt), else null. */
  causeLine: number | null;
  /** A cause that starts a cascade (not parent-rebuilt). */
  root: boolean;
  /** The first root cause of the build: the answer to "why did it rebuild?". */
  first: boolean;
}

export interface StepRow {
  line: number;
  endLine: number;
  instruction: string;
  state: StepState;
  stateText: string;
  durationText: string;
  /** Bar length, relative to the longest step; null when no time was measured. */
  durationFraction: number | null;
  sizeText: string;
  /** Bar length, relative to the largest layer; null when there is no layer or no size. */
  sizeFraction: number | null;
  /** Set when the step adds no layer: says why. */
  noLayer: string | null;
  cause: CauseView | null;
  rebuildsWhen: string | null;
  error: string | null;
}

export interface StageGroup {
  name: string;
  /** False when the final image does not contain the stage (its steps add no layer to it). */
  inImage: boolean;
  rows: StepRow[];
}

export interface BuildChoice {
  id: string;
  label: string;
  ratioText: string;
  durationText: string;
}

export interface PanelModel {
  title: string;
  facts: { label: string; value: string }[];
  /** Cache hits as a fraction for the ratio bar, or null. */
  hitRatio: number | null;
  failure: { line: number; message: string } | null;
  firstCause: { line: number; instruction: string; label: string; detail: string } | null;
  stages: StageGroup[];
  largest: { line: number; instruction: string; sizeText: string; fraction: number }[];
  builds: BuildChoice[];
  currentId: string;
  baselineId: string | null;
}

/** The last path segment of a path or URI. */
function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut >= 0 ? path.slice(cut + 1) : path;
}

function fraction(value: number | null, max: number): number | null {
  if (value === null || !Number.isFinite(value) || max <= 0) return null;
  return Math.min(1, Math.max(0, value / max));
}

function causeView(step: StepRecord, firstLine: number | null): CauseView | null {
  if (step.cause === null || step.cached !== false) return null;
  const files = step.cause.files.slice(0, MAX_FILES);
  return {
    label: causeLabel(step.cause.kind),
    detail: step.cause.detail,
    files,
    moreFiles: step.cause.files.length - files.length,
    causeLine: step.cause.kind === 'parent-rebuilt' ? step.cause.causeLine : null,
    root: isRootCause(step.cause),
    first: step.line === firstLine,
  };
}

/** The panel's content for a record, its history (newest first) and the baseline it was compared with. */
export function panelModel(record: BuildRecord, history: readonly HistoryItem[], baselineId: string | null): PanelModel {
  const maxDuration = Math.max(0, ...record.steps.map((s) => s.durationMs ?? 0));
  const maxSize = Math.max(0, ...record.steps.map((s) => (s.output === 'layer' ? s.sizeBytes ?? 0 : 0)));
  const first = record.steps.find((s) => s.cached === false && isRootCause(s.cause)) ?? null;

  const stages: StageGroup[] = [];
  for (const step of record.steps) {
    let group = stages[stages.length - 1];
    if (!group || group.name !== step.stage) {
      group = { name: step.stage, inImage: true, rows: [] };
      stages.push(group);
    }
    if (step.output === 'not-in-image') group.inImage = false;
    const state = stepState(step);
    const hasLayer = step.output === 'layer';
    group.rows.push({
      line: step.line,
      endLine: step.endLine,
      instruction: step.instruction,
      state,
      stateText: stateWord(state),
      durationText: step.durationMs === null ? '' : formatDuration(step.durationMs),
      durationFraction: fraction(step.durationMs, maxDuration),
      sizeText: hasLayer && step.sizeBytes !== null ? formatBytes(step.sizeBytes) : '',
      sizeFraction: hasLayer ? fraction(step.sizeBytes, maxSize) : null,
      noLayer: noLayerText(step),
      cause: causeView(step, first?.line ?? null),
      rebuildsWhen: rebuildsWhenText(step.rebuildsWhen),
      error: step.error,
    });
  }

  // Counted as the record's ratio counts: without FROM, whose cached flag BuildKit does not keep steady.
  const ran = record.steps.filter((s) => s.cached !== null && s.keyword !== 'FROM');
  const facts = [
    { label: 'Image', value: record.image.tag || '(untagged)' },
    { label: 'Image size', value: record.image.sizeBytes === null ? 'n/a' : formatBytes(record.image.sizeBytes) },
    { label: 'Cache hits', value: `${formatRatio(record.cacheHitRatio)} (${ran.filter((s) => s.cached).length} of ${ran.length} steps)` },
    { label: 'Build time', value: formatDuration(record.durationMs) },
    { label: 'Started', value: formatTime(record.startedAt) },
  ];
  if (record.noCache) facts.push({ label: 'Cache', value: 'not used (--no-cache)' });

  const largest = record.steps
    .filter((s) => s.output === 'layer' && s.sizeBytes !== null && s.sizeBytes > 0)
    .sort((a, b) => (b.sizeBytes as number) - (a.sizeBytes as number) || a.line - b.line)
    .slice(0, MAX_LARGEST)
    .map((s) => ({ line: s.line, instruction: s.instruction, sizeText: formatBytes(s.sizeBytes as number), fraction: fraction(s.sizeBytes, maxSize) ?? 0 }));

  const builds = history.map((item) => ({
    id: item.id,
    label: formatTime(item.startedAt),
    ratioText: formatRatio(item.cacheHitRatio),
    durationText: formatDuration(item.durationMs),
  }));

  return {
    title: `${baseName(record.dockerfile)}${record.target ? ` (target ${record.target})` : ''}`,
    facts,
    hitRatio: record.cacheHitRatio,
    failure: record.failure ? { line: record.failure.line, message: record.failure.message } : null,
    firstCause: first?.cause ? { line: first.line, instruction: first.instruction, label: causeLabel(first.cause.kind), detail: first.cause.detail } : null,
    stages,
    largest,
    builds,
    currentId: record.id,
    baselineId,
  };
}
