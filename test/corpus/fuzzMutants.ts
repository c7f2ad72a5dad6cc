/**
 * Seeded mutations of Dockerfiles for the fuzz test (fuzz.test.ts) and the fuzz benchmark
 * (test/bench/fuzz.mjs, which bundles this file on the fly): lines deleted and duplicated,
 * quotes, escapes, heredoc openers, variable openers, brackets, NUL and broken encodings
 * inserted, thousands of flags, megabyte lines, deep nesting, and every escape character and
 * line ending. Everything is drawn from one seeded generator, so a run replays exactly.
 */

/** A seeded generator of numbers in [0, 1) (mulberry32). */
export type Random = () => number;

/** mulberry32: small, fast and good enough to pick mutations; the same seed gives the same run. */
export function random(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `items`, drawn with `next`. */
export function pick<T>(next: Random, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)];
}

/** An integer in [0, n). */
const below = (next: Random, n: number) => Math.floor(next() * n);

/**
 * Bytes that are not UTF-8, as an editor shows them after decoding (U+FFFD), and the lone
 * surrogates a JavaScript string can hold when a client decodes them some other way.
 */
const BROKEN_ENCODING = [new TextDecoder().decode(new Uint8Array([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82])), '\ud800', '\udfff', 'a\udc00b', '\ud83d'];

/** Small pieces typed or pasted into the middle of a line. */
export const PIECES: readonly string[] = [
  '"', "'", '\\', '`', '<<EOF', '<<-EOF\n', '<<"EOF"', '\nEOF\n', '${', '$', '}', '${A:-', '${A%%*', '[', ']', '["', '{', '(', '$(', ')',
  '\0', '\0\0\0', ...BROKEN_ENCODING, '\n', '\r', '\r\n', '\\\n', '`\n', '#', '# escape=`\n', '=', ' ', '\t', '--', '--mount=', '--from=', ',', ':',
  'FROM', 'ARG A', 'AS', '\u2028', '\ufeff', '\u0007', '\u001b[31m', 'é', '😀',
];

/** The lines of a text and the line ending it mostly uses (LF, CRLF or CR). */
function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const INSTRUCTIONS = ['RUN', 'COPY', 'ADD', 'ENV', 'ARG', 'LABEL', 'FROM', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'ONBUILD RUN', 'EXPOSE', 'USER', 'WORKDIR', 'SHELL', 'STOPSIGNAL', 'VOLUME'];
const FLAGS = ['--mount=type=cache,target=/c', '--from=build', '--chown=1:1', '--chmod=755', '--platform=$BUILDPLATFORM', '--network=none', '--link', '--security=insecure', '--interval=5s', '--x', '-', '--=', '--mount=type=secret,id=${S:-a}'];

/** A line with 10,000 flags on one instruction. */
function manyFlags(next: Random): string {
  const keyword = pick(next, ['RUN', 'COPY', 'ADD', 'FROM', 'HEALTHCHECK']);
  const flags: string[] = [];
  for (let i = 0; i < 10_000; i++) flags.push(`${pick(next, FLAGS)}${next() < 0.3 ? i : ''}`);
  return `${keyword} ${flags.join(' ')} ${keyword === 'FROM' ? 'alpine' : 'a b'}`;
}

/** A line of about a megabyte, in one of the shapes a generated or pasted file takes. */
function megabyteLine(next: Random): string {
  const shapes = [
    () => `RUN echo ${'abcd $A '.repeat(125_000)}`,
    () => `COPY ${'src/'.repeat(250_000)} /dst`,
    () => `ENV ${'K=v '.repeat(330_000)}`,
    () => `# ${'x'.repeat(1_000_000)}`,
    () => `ARG A=${'*a'.repeat(500_000)}`,
    () => `LABEL a="${'\\"'.repeat(500_000)}"`,
    () => `RUN ["${'a", "'.repeat(200_000)}"]`,
    () => `FROM ${'x'.repeat(1_000_000)}`,
    () => `RUN ${'${A%%*a*a*a*b}'.repeat(70_000)}`,
  ];
  return pick(next, shapes)();
}

/** A construct nested 10,000 deep (or opened 10,000 times and never closed). */
function deepNesting(next: Random): string {
  const depth = 10_000;
  const shapes = [
    () => `ENV B=${'${a:-'.repeat(depth)}z${'}'.repeat(depth)}`,
    () => `RUN echo ${'${a:+'.repeat(depth)}`,
    () => `RUN echo ${'"\''.repeat(depth)}`,
    () => `CMD ${'['.repeat(depth)}${']'.repeat(depth)}`,
    () => `RUN ${'$('.repeat(depth)}${')'.repeat(depth)}`,
    () => `RUN ${'{'.repeat(depth)}`,
    () => `ARG A=${'${A#'.repeat(depth)}${'}'.repeat(depth)}`,
    () => `${'ONBUILD '.repeat(depth)}RUN x`,
  ];
  return pick(next, shapes)();
}

/** One named change of a text. */
interface Mutation {
  name: string;
  apply(text: string, next: Random): string;
}

/** An offset in `text`, drawn with `next` (0..length). */
const offset = (text: string, next: Random) => below(next, text.length + 1);

/** Inserts whole lines at a random line boundary. */
function insertLine(text: string, next: Random, line: string): string {
  const lines = splitLines(text);
  lines.splice(below(next, lines.length + 1), 0, line);
  return lines.join('\n');
}

const MUTATIONS: readonly Mutation[] = [
  {
    name: 'delete line',
    apply(text, next) {
      const lines = splitLines(text);
      lines.splice(below(next, lines.length), 1);
      return lines.join('\n');
    },
  },
  {
    name: 'duplicate line',
    apply(text, next) {
      const lines = splitLines(text);
      const at = below(next, lines.length);
      lines.splice(at, 0, lines[at]);
      return lines.join('\n');
    },
  },
  {
    name: 'insert piece',
    apply(text, next) {
      const at = offset(text, next);
      return text.slice(0, at) + pick(next, PIECES) + text.slice(at);
    },
  },
  {
    name: 'delete span',
    apply(text, next) {
      const at = offset(text, next);
      return text.slice(0, at) + text.slice(at + 1 + below(next, 40));
    },
  },
  { name: 'instruction line', apply: (text, next) => insertLine(text, next, `${pick(next, INSTRUCTIONS)} ${pick(next, PIECES)}${pick(next, FLAGS)} ${pick(next, PIECES)}`) },
  { name: 'continuation before comment', apply: (text, next) => insertLine(text, next, 'RUN a \\\n  # c \\\n  b') },
];

/** Mutations that make a text big; one mutant gets at most one. */
const HEAVY: readonly Mutation[] = [
  { name: '10k flags', apply: (text, next) => insertLine(text, next, manyFlags(next)) },
  { name: '1 MB line', apply: (text, next) => insertLine(text, next, megabyteLine(next)) },
  { name: 'deep nesting', apply: (text, next) => insertLine(text, next, deepNesting(next)) },
];

/** The escape-character variants: as is, `# escape=\`` (continuations turned into backticks), `# escape=\\`. */
const ESCAPES: readonly Mutation[] = [
  { name: 'escape as is', apply: (text) => text },
  { name: 'escape=`', apply: (text, next) => `# escape=\`\n${next() < 0.7 ? text.replace(/\\(\r?\n|\r)/g, '`$1') : text}` },
  { name: 'escape=\\', apply: (text) => `# escape=\\\n${text}` },
  { name: 'escape=` after a comment', apply: (text) => `# syntax=docker/dockerfile:1\n# escape=\`\n${text}` },
];

/** The line-ending variants: LF, CRLF, CR, and a mix of the three. */
const LINE_ENDINGS: readonly Mutation[] = [
  { name: 'LF', apply: (text) => splitLines(text).join('\n') },
  { name: 'CRLF', apply: (text) => splitLines(text).join('\r\n') },
  { name: 'CR', apply: (text) => splitLines(text).join('\r') },
  {
    name: 'mixed endings',
    apply(text, next) {
      const lines = splitLines(text);
      return lines.map((line, i) => (i === lines.length - 1 ? line : line + pick(next, ['\n', '\r\n', '\r']))).join('');
    },
  },
];

/** A mutant: the text and the names of the mutations that made it (to replay and report it). */
export interface Mutant {
  text: string;
  steps: string[];
}

/** A mutant of `text`: one to four small mutations, sometimes one heavy one, then an escape and a line-ending variant. */
export function mutate(text: string, next: Random, options: { heavy?: number } = {}): Mutant {
  const steps: string[] = [];
  let out = text;
  const count = 1 + below(next, 4);
  for (let i = 0; i < count; i++) {
    const mutation = pick(next, MUTATIONS);
    out = mutation.apply(out, next);
    steps.push(mutation.name);
  }
  if (next() < (options.heavy ?? 0.15)) {
    const mutation = pick(next, HEAVY);
    out = mutation.apply(out, next);
    steps.push(mutation.name);
  }
  for (const variants of [ESCAPES, LINE_ENDINGS]) {
    const variant = pick(next, variants);
    out = variant.apply(out, next);
    steps.push(variant.name);
  }
  return { text: out, steps };
}

/** A zero-based line and UTF-16 character, as LSP counts them. */
export interface FuzzPosition {
  line: number;
  character: number;
}

/** The start offset of every line, breaking at LF, CRLF and CR as LSP does. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** The position of an offset, given the line starts. */
export function positionAt(starts: readonly number[], at: number): FuzzPosition {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: at - starts[lo] };
}

/** The length of a line without its line ending. */
function lineLength(text: string, starts: readonly number[], line: number): number {
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  if (end > starts[line] && text.charCodeAt(end - 1) === 10) end--;
  if (end > starts[line] && text.charCodeAt(end - 1) === 13) end--;
  return end - starts[line];
}

/**
 * `count` positions: the start, middle and end of random lines, random offsets (inside tokens,
 * on `$`, on quotes) and the end of the document. Never between the CR and LF of a line break.
 */
export function positions(text: string, next: Random, count: number): FuzzPosition[] {
  const starts = lineStarts(text);
  const out: FuzzPosition[] = [{ line: 0, character: 0 }];
  const last = starts.length - 1;
  out.push({ line: last, character: lineLength(text, starts, last) });
  while (out.length < count) {
    const kind = below(next, 4);
    const line = below(next, starts.length);
    const length = lineLength(text, starts, line);
    if (kind === 0) out.push({ line, character: 0 });
    else if (kind === 1) out.push({ line, character: length >> 1 });
    else if (kind === 2) out.push({ line, character: length });
    else {
      // An offset next to something interesting when there is one nearby, else anywhere.
      const at = offset(text, next);
      const near = text.slice(at, at + 200).search(/[$"'`[{\\=-]/);
      const target = near >= 0 ? at + near + below(next, 2) : at;
      const pos = positionAt(starts, Math.min(target, text.length));
      out.push({ line: pos.line, character: Math.min(pos.character, lineLength(text, starts, pos.line)) });
    }
  }
  return out;
}

/** One edit as a client sends it: the replaced range (start and end offsets) and the new text. */
export interface FuzzEdit {
  start: number;
  end: number;
  text: string;
}

/** A typing-like edit: one piece inserted, a few characters deleted, or a line break typed. */
export function edit(text: string, next: Random): FuzzEdit {
  const at = offset(text, next);
  const roll = next();
  if (roll < 0.35 && text.length > 0) return { start: Math.min(at, text.length - 1), end: Math.min(text.length, at + 1 + below(next, 3)), text: '' };
  return { start: at, end: at, text: pick(next, PIECES) };
}

/** The text after an edit. */
export function applyEdit(text: string, change: FuzzEdit): string {
  return text.slice(0, change.start) + change.text + text.slice(change.end);
}

/** Keeps an edit from splitting a CRLF pair or a surrogate pair, which an editor never does. */
export function tidyEdit(text: string, change: FuzzEdit): FuzzEdit {
  const inside = (at: number) =>
    at > 0 && at < text.length && ((text.charCodeAt(at - 1) === 13 && text.charCodeAt(at) === 10) || (isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at))));
  const start = inside(change.start) ? change.start - 1 : change.start;
  const end = inside(change.end) ? change.end + 1 : change.end;
  return { start, end: Math.max(start, end), text: change.text };
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
