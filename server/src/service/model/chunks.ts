/**
 * Incremental parsing. The document is kept as chunks of whole instructions; after an edit only
 * the chunks the edit touched are parsed again (dockerfile-ast on that region's text) and the
 * others are reused, moved up or down when lines were added or removed. A chunk boundary always
 * sits at the start of an instruction whose predecessor is complete (no open continuation, no
 * unterminated heredoc), so parsing a region alone gives what parsing the whole file gives.
 * Parser calls are guarded (astGuard.ts): a document with a parser fault outside any one
 * instruction is parsed whole again at every edit, so its faults are never lost with a chunk.
 */
import { DockerfileParser, type Instruction as AstInstruction } from 'dockerfile-ast';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LazyInstruction } from './instruction';
import { faultMessage, guarded } from './astGuard';
import type { ParserFault } from './types';
// Before anything is parsed: every node reads its argument words once (see the file).
import './astArguments';

/**
 * A chunk closes once it spans this many lines: dockerfile-ast parses roughly 20-50 lines per
 * millisecond, so re-parsing one chunk stays around a millisecond or two.
 */
const CHUNK_LINES = 40;

/** A run of whole instructions and the document lines it covers. */
export interface Chunk {
  /** First line (the first chunk starts at 0, the others at their first instruction). */
  startLine: number;
  /** One past the last line covered (the next chunk's start, or the line count). */
  endLine: number;
  instructions: LazyInstruction[];
}

/** What an incremental re-parse needs from the previous version. */
export interface ParseState {
  text: string;
  escapeChar: string;
  /** Line of the first instruction (directive edits above it re-parse everything). */
  firstInstructionLine: number;
  /** Line breaks in `text`, kept so an edit counts only the ones in the changed part. */
  newlines: number;
  chunks: Chunk[];
  /** Parser faults outside any one instruction (see DockerfileModel.parserFaults). */
  faults: ParserFault[];
}

/**
 * Where a line ends in an escaped escape character (`\\` before the line break, blanks allowed):
 * BuildKit's continuation pattern wants the escape NOT preceded by another, so such a line ends
 * the instruction, while dockerfile-ast reads it as a continuation. Returns the offsets of those
 * last escape characters (one linear pass, walking back over trailing blanks once per line).
 */
function escapedEscapeEnds(text: string, escapeChar: string): number[] {
  const found: number[] = [];
  for (let nl = text.indexOf('\n'); ; nl = text.indexOf('\n', nl + 1)) {
    const end = nl < 0 ? text.length : nl;
    let i = end - 1;
    while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i--;
    if (i >= 1 && text[i] === escapeChar && text[i - 1] === escapeChar) found.push(i);
    if (nl < 0) return found;
  }
}

/**
 * dockerfile-ast's parse with BuildKit's line continuation rule: the scanner sees the text with
 * each escaped escape at a line end replaced by a letter (so the line ends the instruction),
 * then the nodes' document gets the real text back (same length, same offsets), so every value
 * read later is what was written.
 */
function parseDockerfile(text: string, knownEscape?: string): ReturnType<typeof DockerfileParser.parse> {
  // dockerfile-ast's directive scan starts again at every `#` of a first line no line break ends,
  // reading to the end each time (50,000 `#` took 12 s): the scanner gets a final line break, and
  // the document its real text back, as for the masking below.
  const unended = !text.includes('\n') && !text.includes('\r');
  const scanned = unended ? `${text}\n` : text;
  // The whole file's escape character comes from its own directive: parse first, then look.
  const plain = knownEscape === undefined ? DockerfileParser.parse(scanned) : null;
  const escapeChar = knownEscape ?? plain!.getEscapeCharacter();
  const ends = text.includes(escapeChar + escapeChar) ? escapedEscapeEnds(text, escapeChar) : [];
  if (ends.length === 0 && !unended) return plain ?? DockerfileParser.parse(text);
  let masked = '';
  let from = 0;
  for (const at of ends) {
    masked += text.slice(from, at) + 'x';
    from = at + 1;
  }
  masked += text.slice(from);
  const ast = plain !== null && ends.length === 0 ? plain : DockerfileParser.parse(unended ? `${masked}\n` : masked);
  const document = (ast as unknown as { document: { update(changes: { text: string }[], version: number): void } }).document;
  document.update([{ text }], 1);
  return ast;
}

/** Parses the whole text. */
export function parseAll(text: string): ParseState {
  const faults: ParserFault[] = [];
  const document = TextDocument.create('file:///region', 'dockerfile', 0, text);
  const lineCount = document.lineCount;
  const { nodes, escapeChar } = parseNodes(text, faults);
  const instructions = modelNodes(nodes, document, 0, faults);
  return {
    text,
    escapeChar,
    faults,
    firstInstructionLine: instructions[0]?.range.start.line ?? lineCount,
    newlines: newlinesIn(text, 0, text.length),
    // The first chunk holds the header and one instruction: edits there re-parse everything.
    chunks: [
      ...toChunks(instructions.slice(0, 1), 0, instructions[1]?.range.start.line ?? lineCount),
      ...(instructions.length > 1 ? toChunks(instructions.slice(1), instructions[1].range.start.line, lineCount) : []),
    ],
  };
}

/** Parses the text again, reusing the chunks of `previous` that the edit did not touch. */
export function reparse(previous: ParseState, text: string): ParseState {
  if (previous.text === text) return previous;
  const old = previous.text;
  const prefix = commonPrefix(old, text);
  const suffix = commonSuffix(old, text, Math.min(old.length, text.length) - prefix);

  // Only the prefix and the changed middle are scanned; the suffix's line breaks are unchanged.
  const firstChangedLine = newlinesIn(old, 0, prefix);
  const oldMiddle = newlinesIn(old, prefix, old.length - suffix);
  const lastChangedLine = firstChangedLine + oldMiddle;
  const lineDelta = newlinesIn(text, prefix, text.length - suffix) - oldMiddle;
  const newlines = previous.newlines + lineDelta;
  const chunks = previous.chunks;
  // Edits in the directive header or before the first chunk boundary: parse everything again.
  if (chunks.length < 2 || firstChangedLine <= previous.firstInstructionLine || previous.faults.length > 0) return parseAll(text);

  const first = chunks.findIndex((c) => c.endLine > firstChangedLine);
  let last = chunks.findIndex((c) => c.endLine > lastChangedLine);
  if (last < 0) last = chunks.length - 1;
  if (first <= 0) return parseAll(text);

  const lineCount = newlines + 1;
  for (;;) {
    const startLine = chunks[first].startLine;
    const endLine = last + 1 < chunks.length ? chunks[last + 1].startLine + lineDelta : lineCount;
    const region = parseRegion(text, startLine, endLine, previous.escapeChar);
    if (!region) return parseAll(text);
    if (region.open && last + 1 < chunks.length) {
      last++;
      continue;
    }
    const reused = [
      ...chunks.slice(0, first),
      ...toChunks(region.instructions, startLine, endLine),
      ...chunks.slice(last + 1).map((c) => moveChunk(c, lineDelta)),
    ];
    return { text, escapeChar: previous.escapeChar, firstInstructionLine: previous.firstInstructionLine, newlines, chunks: reused, faults: [] };
  }
}

/** The parser's instruction nodes and escape character; on a fault, what could be read. */
function parseNodes(text: string, faults: ParserFault[], knownEscape?: string): { nodes: AstInstruction[]; escapeChar: string } {
  const ast = guarded(faults, 'document', () => parseDockerfile(text, knownEscape), null);
  if (!ast) return { nodes: [], escapeChar: '\\' };
  return {
    nodes: guarded(faults, 'instructions', () => ast.getInstructions(), []),
    escapeChar: guarded(faults, 'escape directive', () => ast.getEscapeCharacter(), '\\'),
  };
}

/** The model of each node; a node the model cannot even read the keyword and range of is left out. */
function modelNodes(nodes: AstInstruction[], document: TextDocument, lineOffset: number, faults: ParserFault[]): LazyInstruction[] {
  const instructions: LazyInstruction[] = [];
  for (const node of nodes) {
    try {
      instructions.push(new LazyInstruction(node, document, lineOffset, -1, null));
    } catch (error) {
      faults.push({ part: 'instruction', message: faultMessage(error) });
    }
  }
  return instructions;
}

/**
 * Parses lines [startLine, endLine) alone; `open` when its last instruction runs past the end.
 * Null on a parser fault outside any one instruction: the caller parses the whole text instead.
 */
function parseRegion(
  full: string,
  startLine: number,
  endLine: number,
  escapeChar: string,
): { instructions: LazyInstruction[]; open: boolean } | null {
  const start = offsetOfLine(full, startLine, 0, 0);
  const body = full.slice(start, offsetOfLine(full, endLine, startLine, start));
  // The escape directive must be restated; the bare `#` line ends the directive header so that a
  // first line that looks like a directive stays what it is in the whole file: an instruction.
  const header = `# escape=${escapeChar}\n#\n`;
  const text = header + body;
  const document = TextDocument.create('file:///region', 'dockerfile', 0, text);
  const faults: ParserFault[] = [];
  const { nodes } = parseNodes(text, faults, escapeChar);
  const instructions = modelNodes(nodes, document, startLine - 2, faults);
  return faults.length > 0 ? null : { instructions, open: isOpenAtEnd(nodes, body, escapeChar) };
}

/** True when the region's text ends inside a continuation or an unterminated heredoc. */
function isOpenAtEnd(nodes: AstInstruction[], body: string, escapeChar: string): boolean {
  const lines = body.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    // trimEnd, not /\s+$/ (quadratic on a long run of spaces).
    const line = lines[i].trimEnd();
    if (line === '' || line.trimStart().startsWith('#')) continue;
    if (line.endsWith(escapeChar) && !line.endsWith(escapeChar + escapeChar)) return true;
    break;
  }
  const lastNode = nodes[nodes.length - 1] as unknown as { getHeredocs?(): { getDelimiterRange(): unknown }[] } | undefined;
  // A fault reading them counts as none, as the instruction's own model counts it (instruction.ts).
  return guarded([], 'heredocs', () => (lastNode?.getHeredocs?.() ?? []).some((h) => h.getDelimiterRange() === null), false);
}

/** Groups instructions into chunks covering [startLine, endLine). */
function toChunks(instructions: LazyInstruction[], startLine: number, endLine: number): Chunk[] {
  if (instructions.length === 0) return [{ startLine, endLine, instructions }];
  const chunks: Chunk[] = [{ startLine, endLine, instructions: [] }];
  for (const instruction of instructions) {
    let current = chunks[chunks.length - 1];
    const line = instruction.range.start.line;
    if (current.instructions.length > 0 && line - current.startLine >= CHUNK_LINES) {
      current.endLine = line;
      current = { startLine: line, endLine, instructions: [] };
      chunks.push(current);
    }
    current.instructions.push(instruction);
  }
  return chunks;
}

function moveChunk(chunk: Chunk, delta: number): Chunk {
  if (delta === 0) return chunk;
  for (const instruction of chunk.instructions) instruction.moveBy(delta);
  return { startLine: chunk.startLine + delta, endLine: chunk.endLine + delta, instructions: chunk.instructions };
}

/** Block size for comparing texts: whole blocks compare natively, far faster than per character. */
const BLOCK = 2048;

/** Length of the common start of two texts. */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i + BLOCK <= max && a.substring(i, i + BLOCK) === b.substring(i, i + BLOCK)) i += BLOCK;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common end of two texts, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  while (n + BLOCK <= max && a.substring(a.length - n - BLOCK, a.length - n) === b.substring(b.length - n - BLOCK, b.length - n)) n += BLOCK;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/** Offset of the start of `line`, scanning from a known (line, offset); the text's end if past it. */
function offsetOfLine(text: string, line: number, fromLine: number, fromOffset: number): number {
  let offset = fromOffset;
  for (let current = fromLine; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset;
}

/** The number of `\n` in text[start, end). */
function newlinesIn(text: string, start: number, end: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
