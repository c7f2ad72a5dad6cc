/**
 * The layer report of a build record in three forms: `text` (a per-line table for a terminal),
 * `json` (the shape CI scripts read, fixed by issue 10) and `markdown` (a GitHub Actions job
 * summary). Every string from the Dockerfile or the build context goes out cut to length with
 * its control characters shown; in markdown it is escaped so that a hostile line can neither
 * break the table nor become HTML.
 */
import type { BuildRecord, StepRecord } from '../../protocol';
import { excerpt, showControls } from '../safeText';

/** The forms a report can take. */
export type ReportFormat = 'text' | 'json' | 'markdown';

/** The longest instruction text a table shows; the JSON report keeps it whole. */
const INSTRUCTION_WIDTH = 60;
/** Stage names and file lists are the repository's too. */
const NAME_WIDTH = 24;
const FILES_SHOWN = 5;

/** Line breaks and tabs as single spaces (heredocs, joined continuations), controls shown, cut to `max`. */
function oneLine(text: string, max: number): string {
  let flat = '';
  let space = false;
  for (const c of text) {
    if (c === '\n' || c === '\r' || c === '\t' || c === ' ') space = flat !== '';
    else {
      if (space) flat += ' ';
      flat += c;
      space = false;
    }
    // Enough is kept to cut at `max` without walking a megabyte-long line to its end.
    if (flat.length > max + 1) break;
  }
  return excerpt(showControls(flat), max);
}

/** A byte count as docker prints sizes (powers of 1000), three significant digits: `38 B`, `32.8 kB`, `1.98 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** A duration: `41 ms`, `1.9 s`, `2m 05s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

const lines = (step: StepRecord) => (step.endLine > step.line ? `${step.line}-${step.endLine}` : String(step.line));

function cacheState(step: StepRecord): string {
  if (step.error !== null) return 'failed';
  return step.cached === null ? '-' : step.cached ? 'cached' : 'rebuilt';
}

function size(step: StepRecord): string {
  if (step.output === 'not-in-image') return 'not in image';
  return step.sizeBytes === null ? '-' : formatBytes(step.sizeBytes);
}

/** The cause in words, its changed files named (the first few). */
function causeText(step: StepRecord): string {
  const cause = step.cause;
  if (cause === null) return '';
  let text = `${cause.kind}: ${cause.detail}`;
  if (cause.files.length > 0) {
    const shown = cause.files.slice(0, FILES_SHOWN).join(', ');
    text += ` (${shown}${cause.files.length > FILES_SHOWN ? `, and ${cause.files.length - FILES_SHOWN} more` : ''})`;
  }
  return text;
}

const ratio = (record: BuildRecord) => (record.cacheHitRatio === null ? 'no steps ran' : `${Math.round(record.cacheHitRatio * 100)}%`);

/** The summary facts, as [label, value] pairs, values unescaped. */
function summary(record: BuildRecord): [string, string][] {
  const image = record.image;
  const facts: [string, string][] = [
    ['Image', `${image.tag}${image.id ? ` (${image.id.replace('sha256:', '').slice(0, 12)})` : ''}`],
    ['Size', image.sizeBytes === null ? 'unknown' : formatBytes(image.sizeBytes)],
    ['Cache hits', ratio(record)],
    ['Build', `${record.succeeded ? 'succeeded' : 'failed'} in ${formatDuration(record.durationMs)}${record.noCache ? ' (--no-cache)' : ''}`],
  ];
  if (record.target !== null) facts.splice(1, 0, ['Target', record.target]);
  if (record.failure) facts.push(['Failed', `line ${record.failure.line}: ${record.failure.message}`]);
  return facts;
}

function textReport(record: BuildRecord): string {
  const header = ['LINE', 'STAGE', 'INSTRUCTION', 'CACHE', 'TIME', 'SIZE', 'CAUSE'];
  const rows = record.steps.map((s) => [
    lines(s),
    oneLine(s.stage, NAME_WIDTH),
    oneLine(s.instruction, INSTRUCTION_WIDTH),
    cacheState(s),
    s.durationMs === null ? '-' : formatDuration(s.durationMs),
    size(s),
    oneLine(causeText(s), 200),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  // Numbers line up on the right, words on the left; the last column is not padded.
  const right = new Set([0, 4, 5]);
  const render = (cells: string[]) =>
    cells
      .map((cell, c) => (c === cells.length - 1 ? cell : right.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  const facts = summary(record).map(([label, value]) => `${label}: ${oneLine(value, 300)}`);
  return `${facts.join('\n')}\n\n${[header, ...rows].map(render).join('\n')}\n`;
}

/** Text made inert in a GitHub-flavoured markdown table cell: no HTML, no cell break, no markup. */
export function markdownCell(text: string, max: number): string {
  let out = '';
  for (const c of oneLine(text, max)) {
    if (c === '&') out += '&amp;';
    else if (c === '<') out += '&lt;';
    else if (c === '>') out += '&gt;';
    // Emphasis, code, links and strike-through need these; `|` would end the cell.
    else if ('\\`*_[]|~'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

function markdownReport(record: BuildRecord): string {
  const out: string[] = [`### Layer report: ${markdownCell(record.image.tag, 200)}`, ''];
  for (const [label, value] of summary(record)) out.push(`- **${label}:** ${markdownCell(value, 300)}`);
  out.push('', '| Line | Stage | Instruction | Cache | Time | Size | Cause |', '| ---: | --- | --- | --- | ---: | ---: | --- |');
  for (const s of record.steps) {
    const cells = [
      lines(s),
      markdownCell(s.stage, NAME_WIDTH),
      markdownCell(s.instruction, INSTRUCTION_WIDTH * 2),
      cacheState(s),
      s.durationMs === null ? '-' : formatDuration(s.durationMs),
      size(s),
      markdownCell(causeText(s), 300),
    ];
    out.push(`| ${cells.join(' | ')} |`);
  }
  return `${out.join('\n')}\n`;
}

/** The JSON report: exactly issue 10's shape, whole texts, 1-based lines. */
function jsonReport(record: BuildRecord): string {
  const report = {
    image: { tag: record.image.tag, id: record.image.id, sizeBytes: record.image.sizeBytes },
    cacheHitRatio: record.cacheHitRatio,
    steps: record.steps.map((s) => ({
      line: s.line,
      endLine: s.endLine,
      stage: s.stage,
      instruction: s.instruction,
      cached: s.cached,
      durationMs: s.durationMs,
      sizeBytes: s.sizeBytes,
      cause: s.cause === null ? null : { kind: s.cause.kind, detail: s.cause.detail, files: s.cause.files },
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The layer report of a build record in the given form (text ends with a newline). */
export function formatReport(record: BuildRecord, format: ReportFormat): string {
  if (format === 'json') return jsonReport(record);
  return format === 'markdown' ? markdownReport(record) : textReport(record);
}
