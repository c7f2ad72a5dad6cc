/**
 * The tokenizer behind `readShell`: words (with quotes, `$(...)`, backticks and `${...}` kept
 * inside one word), control operators, redirections, comments, continuations and here-document
 * bodies (skipped, they are data).
 */
import type { ShellWord } from './index';
/** A word, a control operator (`&&`, `|`, `;`, newline ...) or a redirection operator. */
export interface Token {
    kind: 'word' | 'operator' | 'redirect';
    word: ShellWord;
    /** For a redirection: true when its target is written in the same token (`>/dev/null`, `2>&1`). */
    attached?: boolean;
}
/** Splits a script into tokens; offsets are into `text`. */
export declare function lex(text: string, escape: string, dockerfile: boolean): Token[];
