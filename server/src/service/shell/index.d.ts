export type { Token } from './lexer';
/** One shell word. Offsets are into the text given to `readShell`. */
export interface ShellWord {
    /** As written, quotes kept. */
    raw: string;
    /** After quote and escape removal; `$X` kept as written. */
    value: string;
    start: number;
    end: number;
    /** True when any part of the word was quoted. */
    quoted: boolean;
}
/** One simple command, e.g. `sudo apt-get install -y curl > /dev/null`. */
export interface ShellCommand {
    /** Every word, wrappers, assignments and redirections included. */
    words: ShellWord[];
    /** Leading `NAME=value` assignments (also those after `env`). */
    assignments: ShellWord[];
    /** Wrapper commands stripped before the name, e.g. `sudo`, `env`. */
    wrappers: string[];
    /** The command word, or null for a bare assignment. */
    nameWord: ShellWord | null;
    /** The command's basename (`/usr/bin/apt-get` -> `apt-get`), '' when none. */
    name: string;
    /** Arguments after the name, redirections excluded. */
    args: ShellWord[];
    /** Redirection operators and their targets. */
    redirects: ShellWord[];
    start: number;
    end: number;
    /** True when a `|` joins this command to a neighbour. */
    inPipe: boolean;
    /** True when this command feeds a `|`. */
    pipesOut: boolean;
}
/** A script read into simple commands. */
export interface ShellScript {
    commands: ShellCommand[];
    /** True when any `|` (not `||`) joins two commands. */
    hasPipe: boolean;
}
/** How to read the text. */
export interface ShellOptions {
    /** The line-continuation character (the Dockerfile escape character); default `\`. */
    escape?: string;
    /**
     * True for the shell form of a Dockerfile instruction: after a continuation, blank lines and
     * lines starting with `#` are dropped, as the Dockerfile parser does.
     */
    dockerfile?: boolean;
}
/** Reads a script into simple commands. */
export declare function readShell(text: string, options?: ShellOptions): ShellScript;
/** The last path segment of a command word. */
export declare function basename(word: string): string;
/** True when the script sets `pipefail` (`set -o pipefail`, `set -euxo pipefail`) before `before`. */
export declare function setsPipefail(script: ShellScript, before: number): boolean;
