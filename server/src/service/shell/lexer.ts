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

const BLANK = new Set([' ', '\t', '\r']);
const OPERATOR_START = new Set([';', '&', '|', '(', ')', '\n']);

/** Splits a script into tokens; offsets are into `text`. */
export function lex(text: string, escape: string, dockerfile: boolean): Token[] {
  const tokens: Token[] = [];
  const pendingHeredocs: { name: string; strip: boolean }[] = [];
  let i = 0;
  const n = text.length;

  // A continuation is the escape character right before a line break; in a Dockerfile the
  // lines that follow it may be blank or comments, which the Dockerfile parser drops.
  const continuationEnd = (at: number): number => {
    if (text[at] !== escape) return -1;
    let j = at + 1;
    while (j < n && (text[j] === ' ' || text[j] === '\t') && dockerfile) j++;
    if (text[j] === '\r') j++;
    if (text[j] !== '\n') return -1;
    j++;
    if (dockerfile) {
      for (;;) {
        let k = j;
        while (k < n && (text[k] === ' ' || text[k] === '\t')) k++;
        if (text[k] === '#' || text[k] === '\n' || text[k] === '\r') {
          const eol = text.indexOf('\n', k);
          if (eol < 0) return n;
          j = eol + 1;
          continue;
        }
        break;
      }
    }
    return j;
  };

  const skipHeredocBodies = () => {
    for (const heredoc of pendingHeredocs) {
      while (i < n) {
        const eol = text.indexOf('\n', i);
        const line = text.slice(i, eol < 0 ? n : eol).replace(/\r$/, '');
        i = eol < 0 ? n : eol + 1;
        if ((heredoc.strip ? line.replace(/^\t+/, '') : line) === heredoc.name) break;
      }
    }
    pendingHeredocs.length = 0;
  };

  while (i < n) {
    const c = text[i];
    const cont = continuationEnd(i);
    if (cont >= 0) {
      i = cont;
      continue;
    }
    if (BLANK.has(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (OPERATOR_START.has(c)) {
      const two = text.slice(i, i + 2);
      const op = ['&&', '||', ';;', '|&'].includes(two) ? two : c === '&' && text[i + 1] === '>' ? '' : c;
      if (op !== '') {
        tokens.push({ kind: 'operator', word: { raw: op, value: op, start: i, end: i + op.length, quoted: false } });
        i += op.length;
        if (op === '\n') skipHeredocBodies();
        continue;
      }
    }
    const redirect = readRedirect(text, i);
    if (redirect) {
      const raw = text.slice(i, redirect.end);
      if (raw.startsWith('<<') && !raw.startsWith('<<<')) {
        // A here-document: its delimiter is the next word; the body starts on the next line.
        const target = readWord(text, redirect.end, escape, continuationEnd);
        if (target) {
          pendingHeredocs.push({ name: target.value, strip: raw.startsWith('<<-') });
          tokens.push({ kind: 'redirect', word: { raw: text.slice(i, target.end), value: raw + target.value, start: i, end: target.end, quoted: target.quoted }, attached: true });
          i = target.end;
          continue;
        }
      }
      tokens.push({ kind: 'redirect', word: { raw, value: raw, start: i, end: redirect.end, quoted: false }, attached: redirect.attached });
      i = redirect.end;
      continue;
    }
    const word = readWord(text, i, escape, continuationEnd);
    if (!word) {
      i++;
      continue;
    }
    tokens.push({ kind: 'word', word });
    i = word.end;
  }
  return tokens;
}

/** A redirection operator at `at` (with an optional fd number before it). */
function readRedirect(text: string, at: number): { end: number; attached: boolean } | null {
  let j = at;
  while (j < text.length && text[j] >= '0' && text[j] <= '9') j++;
  if (text[j] === '&' && text[j + 1] === '>' && j === at) j++;
  if (text[j] !== '<' && text[j] !== '>') return null;
  const match = /^(<<<|<<-|<<|<>|>>|>&|<&|>\||<|>)/.exec(text.slice(j));
  if (!match) return null;
  j += match[0].length;
  // `2>&1`, `>&2`: the fd target is part of the operator.
  if (match[0].endsWith('&')) {
    const fd = /^(\d+|-)/.exec(text.slice(j));
    if (fd) return { end: j + fd[0].length, attached: true };
  }
  return { end: j, attached: false };
}

/** Reads one word at `at`: quotes, escapes, `$(...)`, `${...}` and backticks stay inside it. */
function readWord(
  text: string,
  at: number,
  escape: string,
  continuationEnd: (at: number) => number,
): ShellWord | null {
  const n = text.length;
  let i = at;
  while (i < n && BLANK.has(text[i])) i++;
  const start = i;
  let value = '';
  let quoted = false;
  while (i < n) {
    const c = text[i];
    const cont = continuationEnd(i);
    if (cont >= 0) {
      i = cont;
      continue;
    }
    if (BLANK.has(c) || OPERATOR_START.has(c) || c === '<' || c === '>') break;
    if (c === escape && i + 1 < n) {
      value += text[i + 1];
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? n : close;
      value += text.slice(i + 1, end);
      quoted = true;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      quoted = true;
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < n) {
          value += '$`"\\\n'.includes(text[i + 1]) ? text[i + 1] : text[i] + text[i + 1];
          i += 2;
        } else if (text[i] === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
          const end = matching(text, i + 1);
          value += text.slice(i, end);
          i = end;
        } else value += text[i++];
      }
      i++;
      continue;
    }
    if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      const end = matching(text, i + 1);
      value += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      const end = close < 0 ? n : close + 1;
      value += text.slice(i, end);
      i = end;
      continue;
    }
    value += c;
    i++;
  }
  if (i === start) return null;
  return { raw: text.slice(start, i), value, start, end: Math.min(i, n), quoted };
}

/** The offset after the bracket matching the `(` or `{` at `open` (quotes honoured). */
function matching(text: string, open: number): number {
  const pair = text[open] === '(' ? ['(', ')'] : ['{', '}'];
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'" && pair[0] === '(') {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return text.length;
      i = close;
    } else if (c === pair[0]) depth++;
    else if (c === pair[1] && --depth === 0) return i + 1;
  }
  return text.length;
}
