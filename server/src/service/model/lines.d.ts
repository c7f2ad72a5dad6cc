import type { Position, Range } from 'vscode-languageserver-types';
/** Position math over one text. */
export interface LineIndex {
    lineCount(): number;
    offsetAt(position: Position): number;
    textAt(range: Range): string;
}
/** A lazy line index for a text. */
export declare function lineIndex(text: string): LineIndex;
