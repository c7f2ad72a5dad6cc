/** Position and range helpers shared by the service modules. */
import type { Position, Range } from 'vscode-languageserver-types';

/** True when the position is inside the range, both ends included (a cursor after a word counts). */
export function contains(range: Range | null | undefined, position: Position): boolean {
  if (!range) return false;
  const { start, end } = range;
  if (position.line < start.line || position.line > end.line) return false;
  if (position.line === start.line && position.character < start.character) return false;
  if (position.line === end.line && position.character > end.character) return false;
  return true;
}

/** 1-based line number for messages shown to people. */
export function lineLabel(range: Range): number {
  return range.start.line + 1;
}
