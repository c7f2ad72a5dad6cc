import { LazyInstruction } from './instruction';
import './astArguments';
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
}
/** Parses the whole text. */
export declare function parseAll(text: string): ParseState;
/** Parses the text again, reusing the chunks of `previous` that the edit did not touch. */
export declare function reparse(previous: ParseState, text: string): ParseState;
