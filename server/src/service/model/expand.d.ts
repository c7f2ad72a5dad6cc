/**
 * Word expansion as BuildKit's shell lexer does it for Dockerfile instructions: variables
 * (`$X`, `${X}`, `${X:-word}`, `${X+word}`, `${X#pattern}`, `${X/from/to}` ...), quote removal
 * and the escape character. Used to resolve ARG/ENV values and FROM image references.
 */
/** Looks a variable up: its value, or undefined when it is not set. */
export type VariableLookup = (name: string) => string | undefined;
/** Expands one word: variables replaced, quotes and escapes removed. */
export declare function expandWord(text: string, escapeChar: string, lookup: VariableLookup, depth?: number): string;
