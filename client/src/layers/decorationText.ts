/**
 * What the editor decorations say: the text after an instruction and the hover over it. Pure (no
 * vscode), so the exact words are tested; everything from the record is escaped for markdown.
 */
import type { BuildRecord, StepRecord } from '../../../server/src/protocol/build';
import {
  causeLabel, formatBytes, formatDuration, formatRatio, formatTime, listSome, noLayerText, rebuildsWhenText, stateWord, stepState, stepSummary,
} from './format';

/** How many changed files a hover names before "and N more". */
const HOVER_FILES = 10;

/** Escapes text for markdown: punctuation that could start syntax, and HTML's angle brackets. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|~<>&$]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`)).replace(/\r?\n/g, ' ');
}

/** The text after an instruction line; `stale` when it was edited since the build. */
export function afterText(steps: readonly StepRecord[], stale: boolean): string {
  const summary = steps.map(stepSummary).join(' | ');
  return stale ? `edited since the build · was: ${summary}` : summary;
}

function stepLines(step: StepRecord): string[] {
  const state = stepState(step);
  const lines: string[] = [];
  const facts: string[] = [stateWord(state)[0].toUpperCase() + stateWord(state).slice(1)];
  if (step.durationMs !== null) facts[0] += ` in ${formatDuration(step.durationMs)}`;
  const noLayer = noLayerText(step);
  if (noLayer) facts.push(noLayer);
  else if (step.sizeBytes !== null) facts.push(`layer of ${formatBytes(step.sizeBytes)}`);
  lines.push(escapeMarkdown(facts.join(' · ')));
  if (step.error !== null) lines.push(`**Error:** ${escapeMarkdown(step.error)}`);
  if (step.cause && step.cached === false) {
    const where = step.cause.kind === 'parent-rebuilt' && step.cause.causeLine !== null ? ` (line ${step.cause.causeLine})` : '';
    lines.push(`**Why:** ${escapeMarkdown(`${causeLabel(step.cause.kind)}${where}. ${step.cause.detail}`)}`);
    if (step.cause.files.length > 0) lines.push(`**Changed files:** ${escapeMarkdown(listSome(step.cause.files, HOVER_FILES))}`);
  }
  const rebuilds = rebuildsWhenText(step.rebuildsWhen);
  if (rebuilds) lines.push(`*${escapeMarkdown(rebuilds)}*`);
  return lines;
}

/** The hover of an instruction line: each step on it, why it rebuilt, and which build this was. */
export function hoverMarkdown(steps: readonly StepRecord[], record: BuildRecord, stale: boolean): string {
  const blocks: string[] = [];
  for (const step of steps) {
    const where = step.endLine > step.line ? `lines ${step.line}-${step.endLine}` : `line ${step.line}`;
    blocks.push([`**Layer cache**: ${escapeMarkdown(`${where}, stage ${step.stage}`)}`, ...stepLines(step)].join('\n\n'));
  }
  if (stale) blocks.push('*This instruction was edited since the build: build again to see its cache state.*');
  const image = record.image.sizeBytes === null ? record.image.tag : `${record.image.tag}, ${formatBytes(record.image.sizeBytes)}`;
  blocks.push(escapeMarkdown(`Build of ${formatTime(record.startedAt)} (${record.succeeded ? image : 'failed'}, ${formatRatio(record.cacheHitRatio)} cached)`));
  return blocks.join('\n\n---\n\n');
}
