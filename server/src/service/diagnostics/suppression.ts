/**
 * Suppression comments. Four kinds, all plain comment lines:
 * - `# check=skip=<Rule>[,<Rule>]` (BuildKit's): as the parser directive on the first lines it
 *   silences BuildKit checks for the file; directly above an instruction, for that instruction;
 * - `# dockerfile-studio ignore=<rule>[,<rule>]` directly above an instruction (other comment
 *   lines may sit in between) silences those rules on that instruction;
 * - `# dockerfile-studio ignore-file=<rule>[,<rule>]` anywhere silences them for the file;
 * - hadolint's, which silence the rules whose `hadolint` list has the codes, with hadolint's
 *   reach: `# hadolint ignore=DL3008,DL3009` on the line right above an instruction (no blank
 *   or comment line between, as hadolint applies it to the next line only), `# hadolint stage
 *   ignore=...` from the next instruction to the end of its stage, and `# hadolint global
 *   ignore=...` anywhere for the file.
 */
import type { DockerfileModel, InstructionModel } from '../model';
import type { Rule } from './types';

/** The comment that silences rules on the next instruction (the quick fix inserts it). */
export const IGNORE_NEXT = 'dockerfile-studio ignore';
/** The comment that silences rules for the whole file. */
export const IGNORE_FILE = 'dockerfile-studio ignore-file';

/** What one set of pragmas silences. */
interface Silenced {
  /** Rule ids, lower-cased. */
  ids: Set<string>;
  /** hadolint codes, upper-cased. */
  hadolint: Set<string>;
  /** BuildKit check names, lower-cased; `all` silences every check. */
  checks: Set<string>;
}

/** The pragmas of one document, ready for per-diagnostic lookups. */
export interface Suppressions {
  /** True when the rule is off for the whole file (BuildKit's file-wide skip is handled by the engine). */
  silencedInFile(rule: Rule): boolean;
  /** True when a pragma above the instruction that starts on `line` (or a stage pragma) silences the rule. */
  silencedAt(rule: Rule, instructionStartLine: number): boolean;
  /** True when any instruction-level pragma exists (lets the engine skip lookups). */
  readonly hasInstructionPragmas: boolean;
}

// One pass over the text finds every pragma comment; ordinary comments never match.
const PRAGMA =
  /^[ \t]*#[ \t]*(dockerfile-studio[ \t]+ignore-file|dockerfile-studio[ \t]+ignore|hadolint[ \t]+global[ \t]+ignore|hadolint[ \t]+stage[ \t]+ignore|hadolint[ \t]+ignore|check[ \t]*=[ \t]*skip)[ \t]*=[ \t]*([^\r\n]*)/gm;

/** Lines from `start` to `end` (inclusive) where a stage pragma silences hadolint codes. */
interface StageSpan {
  start: number;
  end: number;
  hadolint: Set<string>;
}

/** Reads every suppression pragma of the document. */
export function readSuppressions(model: DockerfileModel): Suppressions {
  const file: Silenced = empty();
  const byInstruction = new Map<number, Silenced>();
  const spans: StageSpan[] = [];
  const text = model.text;
  let lineStarts: number[] | null = null;
  PRAGMA.lastIndex = 0;
  for (let match = PRAGMA.exec(text); match; match = PRAGMA.exec(text)) {
    const kind = match[1].replace(/[ \t]+/g, ' ').replace(/ ?= ?skip$/, '=skip');
    const names = splitNames(match[2]);
    if (kind === IGNORE_FILE) add(file.ids, names, lower);
    else if (kind === 'hadolint global ignore') add(file.hadolint, names, upper);
    else {
      lineStarts ??= computeLineStarts(text);
      const line = lineOf(lineStarts, match.index);
      const stagePragma = kind === 'hadolint stage ignore';
      // A stage pragma reaches past blank lines, as hadolint's does mid-stage.
      const target = nextInstruction(model.instructions, line, lineStarts, text, !stagePragma);
      if (!target) continue;
      const key = target.range.start.line;
      if (stagePragma) {
        const stage = model.stages[target.stageIndex];
        const span: StageSpan = { start: key, end: stage ? stage.range.end.line : key, hadolint: new Set() };
        add(span.hadolint, names, upper);
        spans.push(span);
        continue;
      }
      // hadolint applies its pragma to the line right below it, and nothing further.
      if (kind === 'hadolint ignore' && key !== line + 1) continue;
      let silenced = byInstruction.get(key);
      if (!silenced) byInstruction.set(key, (silenced = empty()));
      if (kind === IGNORE_NEXT) add(silenced.ids, names, lower);
      else if (kind === 'hadolint ignore') add(silenced.hadolint, names, upper);
      else add(silenced.checks, names, lower);
    }
  }
  const matches = (rule: Rule, s: Silenced) =>
    s.ids.has(rule.id.toLowerCase()) ||
    (rule.hadolint?.some((code) => s.hadolint.has(code.toUpperCase())) ?? false) ||
    (rule.buildkit !== undefined && (s.checks.has('all') || s.checks.has(rule.id.toLowerCase())));
  return {
    silencedInFile: (rule) => matches(rule, file),
    silencedAt: (rule, line) => {
      const silenced = byInstruction.get(line);
      if (silenced !== undefined && matches(rule, silenced)) return true;
      const codes = rule.hadolint;
      return codes !== undefined && spans.some((span) => span.start <= line && line <= span.end && codes.some((code) => span.hadolint.has(code.toUpperCase())));
    },
    hasInstructionPragmas: byInstruction.size > 0 || spans.length > 0,
  };
}

/** `A, B,C // why` -> [A, B, C]: names run up to the first space after a name or a `;`. */
export function splitNames(list: string): string[] {
  const head = list.split(';')[0];
  const names: string[] = [];
  for (const part of head.split(',')) {
    const name = part.trim().split(/\s+/)[0];
    if (name) names.push(name);
    // A word after a name without a comma ends the list (`skip=A // reason`).
    if (/\S\s+\S/.test(part.trim())) break;
  }
  return names;
}

function empty(): Silenced {
  return { ids: new Set(), hadolint: new Set(), checks: new Set() };
}

const lower = (s: string) => s.toLowerCase();
const upper = (s: string) => s.toUpperCase();

function add(set: Set<string>, names: string[], norm: (s: string) => string): void {
  for (const name of names) set.add(norm(name));
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The instruction below the comment on `line`; with `onlyComments`, when only comment lines lie between. */
function nextInstruction(
  instructions: InstructionModel[],
  line: number,
  starts: number[],
  text: string,
  onlyComments: boolean,
): InstructionModel | undefined {
  let lo = 0;
  let hi = instructions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (instructions[mid].range.start.line <= line) lo = mid + 1;
    else hi = mid;
  }
  const target = instructions[lo];
  if (!target) return undefined;
  // A pragma inside an instruction (a heredoc body, a continuation) targets nothing.
  if (lo > 0 && instructions[lo - 1].range.end.line >= line) return undefined;
  for (let l = line + 1; onlyComments && l < target.range.start.line; l++) {
    const content = text.slice(starts[l], l + 1 < starts.length ? starts[l + 1] : text.length);
    if (!/^[ \t]*#/.test(content)) return undefined;
  }
  return target;
}
