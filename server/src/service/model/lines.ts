/**
 * Offsets and positions of a text, computed lazily with native `indexOf` (several times faster
 * than a per-character loop on a large file). Texts with a carriage return fall back to
 * TextDocument, whose rules for `\r` and `\r\n` the parser shares.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';

/** Position math over one text. */
export interface LineIndex {
  lineCount(): number;
  offsetAt(position: Position): number;
  textAt(range: Range): string;
}

/** A lazy line index for a text. */
export function lineIndex(text: string): LineIndex {
  if (text.includes('\r')) {
    const document = TextDocument.create('file:///model', 'dockerfile', 0, text);
    return { lineCount: () => document.lineCount, offsetAt: (p) => document.offsetAt(p), textAt: (r) => document.getText(r) };
  }
  let starts: number[] | undefined;
  const lineStarts = () => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    return starts;
  };
  const offsetAt = (position: Position): number => {
    const all = lineStarts();
    if (position.line >= all.length) return text.length;
    if (position.line < 0) return 0;
    const start = all[position.line];
    // Like TextDocument: a character past the end of the line stops before its line break.
    const end = position.line + 1 < all.length ? all[position.line + 1] - 1 : text.length;
    return Math.max(start, Math.min(start + position.character, end));
  };
  return { lineCount: () => lineStarts().length, offsetAt, textAt: (range) => text.slice(offsetAt(range.start), offsetAt(range.end)) };
}
