/**
 * Layer sizes per Dockerfile line: the built image's `docker history` rows matched to the plan's
 * steps of the stages the image contains.
 *
 * What the engine writes (recorded in test/client/fixtures/history/README.md): one row per
 * instruction after FROM, metadata-only ones too, newest first, in both builders; the base
 * image's own rows come last. An ONBUILD line writes a row in the legacy builder and none in
 * BuildKit; its trigger writes one in the child stage, right after FROM. So the rows are matched
 * from the newest end, step by step backwards, each pair checked by its keyword (and for RUN,
 * COPY and ADD by its text where both sides can be compared); the rows left over are the base
 * image's. When the keywords do not line up the count is off somewhere, and every size is
 * unknown rather than shifted onto the wrong line.
 */
import type { HistoryEntry, PlanStep } from '../../protocol';
import { getInstruction } from '../data';

/** The layer a step produced, as far as the history tells. */
export interface LayerSize {
  /**
   * `layer`: it wrote the row whose size is `sizeBytes` (0 is a real empty layer); `none`: no
   * layer (FROM, a metadata-only step); `not-in-image`: its stage is not in the image; `unknown`:
   * the history could not be matched to it.
   */
  layer: 'layer' | 'none' | 'not-in-image' | 'unknown';
  sizeBytes: number | null;
  /** The matched row's index in the history (0 = newest), or null. */
  row: number | null;
}

/** The history matched to the plan. */
export interface LayerMatch {
  /** One per plan step, in the plan's order. */
  steps: LayerSize[];
  /** How many of the oldest rows are the base image's, and their bytes; null when unmatched. */
  baseRows: number | null;
  baseBytes: number | null;
  /** Why nothing could be matched, one sentence; null when the rows lined up. */
  problem: string | null;
}

/** A history row read back into the instruction that wrote it. */
interface RowInstruction {
  keyword: string;
  /** BuildKit: the text after the keyword without ` # buildkit`; legacy: after `#(nop) KEYWORD`, or the shell command of a RUN. */
  body: string;
  legacy: boolean;
}

/** Runs of white space as one space, ends trimmed, in one pass (the text may be hostile). */
function collapse(text: string): string {
  let out = '';
  let space = false;
  for (const c of text) {
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') space = out !== '';
    else {
      if (space) out += ' ';
      out += c;
      space = false;
    }
  }
  return out;
}

/** The first word and what follows it. */
function splitWord(text: string): [string, string] {
  const at = text.indexOf(' ');
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

/** Which instruction wrote a row, from its CreatedBy text. */
export function readRow(createdBy: string): RowInstruction {
  const text = collapse(createdBy);
  const [first, rest] = splitWord(text);
  // BuildKit writes the instruction itself (`RUN ... # buildkit`, `WORKDIR /srv`).
  if (first !== '' && first === first.toUpperCase() && getInstruction(first) !== undefined) {
    const body = rest.endsWith(' # buildkit') ? rest.slice(0, -' # buildkit'.length) : rest === '# buildkit' ? '' : rest;
    return { keyword: first, body, legacy: false };
  }
  // The legacy builder: `/bin/sh -c #(nop)  ENV A=1` for what runs no command, the command otherwise.
  const nop = text.indexOf(' #(nop) ');
  if (nop >= 0 && nop < 64 && text.slice(0, nop).endsWith(' -c')) {
    const [keyword, body] = splitWord(text.slice(nop + ' #(nop) '.length));
    return { keyword: keyword.toUpperCase(), body, legacy: true };
  }
  return { keyword: 'RUN', body: text, legacy: true };
}

/** The step's arguments after its keyword and its `--flag`s, collapsed; null when there is no text to compare. */
function stepArgs(step: PlanStep): string | null {
  let rest = splitWord(collapse(step.text))[1];
  while (rest.startsWith('--')) rest = splitWord(rest)[1];
  // Exec and heredoc forms are written differently in the history; in COPY and ADD paths the
  // builder may have expanded variables (a RUN's command reaches the shell, and the row, unexpanded).
  if (rest === '' || rest.startsWith('[') || rest.includes('<<') || (step.keyword !== 'RUN' && rest.includes('$'))) return null;
  return rest;
}

/** Whether a row's text says the same as the step's (true), something else (false), or cannot be compared (null). */
function sameText(step: PlanStep, row: RowInstruction): boolean | null {
  const args = stepArgs(step);
  if (args === null) return null;
  if (step.keyword === 'RUN') {
    // Both builders prefix the command (`|1 A=1 /bin/sh -c `, a SHELL's own); the command ends the row.
    return row.body === args || row.body.endsWith(` ${args}`);
  }
  if (step.keyword !== 'COPY' && step.keyword !== 'ADD') return null;
  if (!row.legacy) {
    // BuildKit keeps `--chown` and `--chmod` in the row and drops `--from` and `--link`.
    let body = row.body;
    while (body.startsWith('--')) body = splitWord(body)[1];
    return body === args;
  }
  // Legacy: `file:<hash> in <dest> `: only the destination is the step's own text.
  const at = row.body.lastIndexOf(' in ');
  if (at < 0) return null;
  const dest = args.slice(args.lastIndexOf(' ') + 1);
  return row.body.slice(at + ' in '.length) === dest;
}

const NONE: LayerSize = { layer: 'none', sizeBytes: null, row: null };
const UNKNOWN: LayerSize = { layer: 'unknown', sizeBytes: null, row: null };

/** Builder order within the image: stage by stage, a stage's ONBUILD triggers first, then its lines. */
function chainOrder(steps: readonly PlanStep[], indices: number[]): number[] {
  return indices.sort((a, b) => {
    const x = steps[a];
    const y = steps[b];
    return x.stage - y.stage || Number(y.trigger) - Number(x.trigger) || (x.trigger ? a - b : x.line - y.line);
  });
}

/**
 * Matches the history rows (newest first, as docker prints them) to the plan's steps and gives
 * each step its layer size; steps of stages the image does not contain are `not-in-image`.
 */
export function matchHistory(steps: readonly PlanStep[], history: readonly HistoryEntry[]): LayerMatch {
  const out: LayerSize[] = steps.map((step) => (step.output === 'not-in-image' ? { layer: 'not-in-image', sizeBytes: null, row: null } : NONE));
  // FROM writes no row of its own (its rows are the base image's); nor does a global ARG.
  const writing = chainOrder(
    steps,
    steps.flatMap((step, i) => (step.output !== 'not-in-image' && step.keyword !== 'FROM' && step.stage >= 0 ? [i] : [])),
  );
  let row = 0;
  const fail = (problem: string): LayerMatch => ({
    steps: steps.map((step, i) => (out[i].layer === 'not-in-image' || step.keyword === 'FROM' || step.stage < 0 ? out[i] : UNKNOWN)),
    baseRows: null,
    baseBytes: null,
    problem,
  });
  for (let k = writing.length - 1; k >= 0; k--) {
    const i = writing[k];
    const step = steps[i];
    const entry = history[row];
    const read = entry === undefined ? null : readRow(entry.createdBy);
    // BuildKit keeps an ONBUILD line in the image config only; the legacy builder writes a row.
    if (step.keyword === 'ONBUILD' && !step.trigger && read?.keyword !== 'ONBUILD') continue;
    if (entry === undefined || read === null) return fail(`the image history has ${history.length} rows, fewer than the ${writing.length} instructions that write one`);
    if (read.keyword !== step.keyword) {
      return fail(`history row ${row + 1} (newest first) was written by ${read.keyword}, but the line ${step.line + 1} there is ${step.keyword}: the image was not built from this Dockerfile as it is now`);
    }
    row++;
    if (sameText(step, read) === false) out[i] = UNKNOWN;
    else if (step.output === 'layer' || entry.sizeBytes > 0) out[i] = { layer: 'layer', sizeBytes: entry.sizeBytes, row: row - 1 };
    else out[i] = { layer: 'none', sizeBytes: null, row: row - 1 };
  }
  let baseBytes = 0;
  for (let r = row; r < history.length; r++) baseBytes += history[r].sizeBytes;
  return { steps: out, baseRows: history.length - row, baseBytes, problem: null };
}
