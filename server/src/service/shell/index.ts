/**
 * A small, pure reader for the shell commands of a RUN: it splits a script into simple commands
 * across `&&`, `||`, `;`, `|`, `&`, newlines and continuations, reads words with their quoting,
 * strips wrappers such as `sudo` and `env`, and records which commands sit in a pipeline. It is
 * not a shell parser: it reads enough to recognise package-manager invocations and their options.
 */
import { lex, type Token } from './lexer';

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

// Reserved words that open or close a compound command: the command after them is read as a
// simple command of its own (`if apt-get update; then ...`).
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}']);

// Wrappers and the options of theirs that take a value.
const WRAPPERS: Record<string, Set<string>> = {
  sudo: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '--user', '--group']),
  env: new Set(['-u', '-C', '-S', '--unset', '--chdir']),
  nice: new Set(['-n', '--adjustment']),
  time: new Set(['-f', '-o']),
  command: new Set(),
  exec: new Set(['-a']),
  nohup: new Set(),
};

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Reads a script into simple commands. */
export function readShell(text: string, options: ShellOptions = {}): ShellScript {
  const tokens = lex(text, options.escape ?? '\\', options.dockerfile ?? false);
  const commands: ShellCommand[] = [];
  let hasPipe = false;
  let current: Token[] = [];
  let pipedIn = false;
  const close = (operator: string) => {
    const pipe = operator === '|' || operator === '|&';
    const command = current.length > 0 ? toCommand(current, pipedIn, pipe) : null;
    if (command) commands.push(command);
    if (pipe) hasPipe = true;
    pipedIn = pipe && command !== null;
    current = [];
  };
  for (const token of withoutCasePatterns(tokens)) {
    if (token.kind === 'operator') close(token.word.raw);
    else current.push(token);
  }
  close('');
  return { commands, hasPipe };
}

/**
 * Drops the patterns of `case ... in a|b) ... ;; esac`: their `|` separates alternatives, it is
 * not a pipe, and `)` closes the pattern, not a subshell.
 */
function withoutCasePatterns(tokens: Token[]): Token[] {
  const kept: Token[] = [];
  let depth = 0;
  let inPattern = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const word = token.kind === 'word' ? token.word.raw : null;
    if (inPattern) {
      if (token.kind === 'operator' && token.word.raw === ')') inPattern = false;
      else if (word === 'esac') {
        inPattern = false;
        depth--;
      }
      continue;
    }
    if (word === 'case') depth++;
    else if (word === 'in' && depth > 0 && kept.some((t, j) => j >= kept.length - 3 && t.word.raw === 'case')) {
      kept.push(token);
      inPattern = true;
      continue;
    } else if (depth > 0 && token.kind === 'operator' && token.word.raw === ';;') {
      kept.push(token);
      inPattern = true;
      continue;
    } else if (word === 'esac' && depth > 0) depth--;
    kept.push(token);
  }
  return kept;
}

function toCommand(tokens: Token[], pipedIn: boolean, pipesOut: boolean): ShellCommand | null {
  const words: ShellWord[] = [];
  const redirects: ShellWord[] = [];
  const plain: ShellWord[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    words.push(token.word);
    if (token.kind === 'redirect') {
      redirects.push(token.word);
      // `>file` carries its target; `> file` takes the next word.
      if (!token.attached && tokens[i + 1]?.kind === 'word') {
        redirects.push(tokens[i + 1].word);
        words.push(tokens[i + 1].word);
        i++;
      }
      continue;
    }
    plain.push(token.word);
  }
  let i = 0;
  while (i < plain.length && RESERVED.has(plain[i].raw)) i++;
  const assignments: ShellWord[] = [];
  const wrappers: string[] = [];
  for (;;) {
    while (i < plain.length && ASSIGNMENT.test(plain[i].value)) assignments.push(plain[i++]);
    const word = plain[i];
    const wrapper = word ? WRAPPERS[basename(word.value)] : undefined;
    if (!word || !wrapper) break;
    wrappers.push(basename(word.value));
    i++;
    // Skip the wrapper's options (and the values of those that take one).
    while (i < plain.length && plain[i].value.startsWith('-') && plain[i].value !== '--') {
      if (wrapper.has(plain[i].value)) i++;
      i++;
    }
    if (plain[i]?.value === '--') i++;
  }
  // A command of reserved words only (`fi`, `}`) carries nothing to check.
  if (words.length === 0 || (i >= plain.length && assignments.length === 0 && redirects.length === 0)) return null;
  const nameWord = plain[i] ?? null;
  return {
    words,
    assignments,
    wrappers,
    nameWord,
    name: nameWord ? basename(nameWord.value) : '',
    args: plain.slice(i + 1),
    redirects,
    start: words[0].start,
    end: words[words.length - 1].end,
    inPipe: pipedIn || pipesOut,
    pipesOut,
  };
}

/** The last path segment of a command word. */
export function basename(word: string): string {
  const slash = word.lastIndexOf('/');
  return slash < 0 ? word : word.slice(slash + 1);
}

/** True when the script sets `pipefail` (`set -o pipefail`, `set -euxo pipefail`) before `before`. */
export function setsPipefail(script: ShellScript, before: number): boolean {
  return script.commands.some(
    (c) =>
      c.start < before &&
      c.name === 'set' &&
      c.args.some((a, i) => a.value === 'pipefail' && i > 0 && /^-[a-z]*o$/.test(c.args[i - 1].value)),
  );
}
