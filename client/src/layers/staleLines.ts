/**
 * Where the instructions of a build record are now, while the Dockerfile is edited after the
 * build: each tracked range follows inserted and removed lines, and an instruction whose own text
 * an edit touched is marked stale (its decoration no longer describes what is on the line).
 * Pure: positions and edits in, ranges out; the decorations feed it the editor's change events.
 */

/** A 0-based position, as in VS Code and LSP. */
export interface Pos {
  line: number;
  character: number;
}

/** One content change, as VS Code reports it: the replaced range (before the edit) and the new text. */
export interface TextEdit {
  start: Pos;
  end: Pos;
  text: string;
}

/** A tracked instruction: its first line (from column 0) to the end of its last line. */
export interface TrackedRange {
  /** The key it was added with (the record's 1-based line). */
  key: number;
  start: Pos;
  end: Pos;
  stale: boolean;
}

function compare(a: Pos, b: Pos): number {
  return a.line - b.line || a.character - b.character;
}

/** Where the inserted text ends, and how a position at or after the replaced range moves. */
function shifter(edit: TextEdit): { insertedEnd: Pos; shift: (p: Pos) => Pos } {
  let newlines = 0;
  let lastBreak = -1;
  for (let i = edit.text.indexOf('\n'); i !== -1; i = edit.text.indexOf('\n', i + 1)) {
    newlines += 1;
    lastBreak = i;
  }
  const insertedEnd: Pos = newlines === 0
    ? { line: edit.start.line, character: edit.start.character + edit.text.length }
    : { line: edit.start.line + newlines, character: edit.text.length - lastBreak - 1 };
  const shift = (p: Pos): Pos => p.line === edit.end.line
    ? { line: insertedEnd.line, character: insertedEnd.character + (p.character - edit.end.character) }
    : { line: p.line + insertedEnd.line - edit.end.line, character: p.character };
  return { insertedEnd, shift };
}

/** Tracks the line ranges of a build's instructions across edits of the document. */
export class StaleLines {
  private readonly ranges: TrackedRange[] = [];

  /** Starts tracking the instruction at 0-based lines `line`..`endLine`; `endLength` is its last line's length. */
  add(key: number, line: number, endLine: number, endLength: number): void {
    this.ranges.push({ key, start: { line, character: 0 }, end: { line: Math.max(line, endLine), character: endLength }, stale: false });
  }

  /** The tracked ranges in the order they were added. */
  all(): readonly TrackedRange[] {
    return this.ranges;
  }

  /** The tracked range added with `key`, if any. */
  get(key: number): TrackedRange | undefined {
    return this.ranges.find((range) => range.key === key);
  }

  /** Marks every instruction stale (when the edits since the build are not known). */
  markAllStale(): void {
    for (const range of this.ranges) range.stale = true;
  }

  /**
   * Applies one edit (a range of the document before it, replaced by `text`). Edits of an event
   * are applied in the order VS Code lists them, each against the result of the previous one.
   */
  apply(edit: TextEdit): void {
    const { insertedEnd, shift } = shifter(edit);
    const isInsert = compare(edit.start, edit.end) === 0;
    for (const range of this.ranges) {
      if (!range.stale && touches(range, edit, isInsert)) range.stale = true;
      // The start sticks to text inserted right before it (Enter at column 0 moves the instruction
      // down); the end does not grow with text typed right after it.
      const start = compare(range.start, edit.start) < 0 ? range.start : compare(range.start, edit.end) >= 0 ? shift(range.start) : edit.start;
      const end = compare(range.end, edit.start) <= 0 ? range.end : compare(range.end, edit.end) >= 0 ? shift(range.end) : insertedEnd;
      // An instruction that no longer starts a line had another line joined onto its front.
      if (start.character !== 0) range.stale = true;
      range.start = { line: start.line, character: 0 };
      range.end = compare(end, range.start) < 0 ? range.start : end;
    }
  }
}

/** Whether an edit changes the text of the instruction (not just the lines around it). */
function touches(range: TrackedRange, edit: TextEdit, isInsert: boolean): boolean {
  if (compare(edit.start, range.end) < 0 && compare(edit.end, range.start) > 0) return true;
  if (isInsert) {
    // Typing at the very start or end changes the instruction unless a line break separates it.
    if (compare(edit.start, range.start) === 0) return edit.text.length > 0 && !edit.text.endsWith('\n');
    if (compare(edit.start, range.end) === 0) return edit.text.length > 0 && !/^\r?\n/.test(edit.text);
    return false;
  }
  // Deleting from its end onwards joins the next line onto it.
  return compare(edit.start, range.end) === 0;
}
