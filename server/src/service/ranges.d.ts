/** Position and range helpers shared by the service modules. */
import type { Position, Range } from 'vscode-languageserver-types';
/** True when the position is inside the range, both ends included (a cursor after a word counts). */
export declare function contains(range: Range | null | undefined, position: Position): boolean;
/** 1-based line number for messages shown to people. */
export declare function lineLabel(range: Range): number;
