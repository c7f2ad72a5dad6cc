/**
 * Parser directives: `# name=value` comment lines at the very top of a Dockerfile.
 * BuildKit stops looking at the first line that is not a known directive (an instruction,
 * an ordinary comment or a blank line), and a directive may appear only once.
 */
import type { ParserDirective } from './types';
/** The directives BuildKit understands; any other `# x=y` line is an ordinary comment. */
export declare const KNOWN_DIRECTIVES: readonly ["syntax", "escape", "check"];
/** Reads the directives at the top of the text, in order. */
export declare function parseDirectives(text: string): ParserDirective[];
