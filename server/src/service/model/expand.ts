/**
 * Word expansion as BuildKit's shell lexer does it for Dockerfile instructions: variables
 * (`$X`, `${X}`, `${X:-word}`, `${X+word}`, `${X#pattern}`, `${X/from/to}` ...), quote removal
 * and the escape character. Used to resolve ARG/ENV values and FROM image references.
 */

import { compileWildcard, leftmostLongest, MAX_WILDCARD_TEXT, reverseWildcard, someMatchEnd, type Wildcard } from '../wildcard';

/** Looks a variable up: its value, or undefined when it is not set. */
export type VariableLookup = (name: string) => string | undefined;

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
/** POSIX special parameters: never set in a Dockerfile, so they expand to nothing. */
const SPECIAL_PARAMS = '@*#?-$!';
const MAX_NESTING = 100;

/** Expands one word: variables replaced, quotes and escapes removed. */
export function expandWord(text: string, escapeChar: string, lookup: VariableLookup, depth = 0): string {
  // Nesting deeper than any real Dockerfile is left as written rather than risk the stack.
  if (depth > MAX_NESTING) return text;
  let out = '';
  let inDouble = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    // An escape at the very end of the word is dropped, as BuildKit's lexer does.
    if (c === escapeChar && i + 1 === text.length) break;
    if (c === escapeChar && i + 1 < text.length) {
      const next = text[i + 1];
      if (!inDouble || next === '$' || next === '"' || next === escapeChar) {
        out += next;
        i++;
        continue;
      }
      out += c;
      continue;
    }
    if (c === "'" && !inDouble) {
      const close = text.indexOf("'", i + 1);
      if (close < 0) {
        out += text.slice(i + 1);
        break;
      }
      out += text.slice(i + 1, close);
      i = close;
      continue;
    }
    if (c === '"') {
      inDouble = !inDouble;
      continue;
    }
    if (c === '$') {
      const consumed = expandVariableAt(text, i, escapeChar, lookup, depth);
      if (consumed) {
        out += consumed.value;
        i = consumed.end - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** Expands the variable that starts at `text[start] === '$'`; null when it is a literal `$`. */
function expandVariableAt(
  text: string,
  start: number,
  escapeChar: string,
  lookup: VariableLookup,
  depth: number,
): { value: string; end: number } | null {
  const next = text[start + 1];
  if (next === undefined) return null;
  if (next !== '{') {
    const end = nameEnd(text, start + 1);
    if (end === start + 1) return null;
    return { value: lookup(text.slice(start + 1, end)) ?? '', end };
  }
  const close = closingBrace(text, start + 2, escapeChar);
  if (close < 0) return null;
  const inner = text.slice(start + 2, close);
  return { value: applyModifier(inner, escapeChar, lookup, depth + 1), end: close + 1 };
}

/**
 * End of the parameter name starting at `from`, as BuildKit reads it: a run of digits
 * (positional, never set in a Dockerfile), one special parameter character, or a name.
 */
function nameEnd(text: string, from: number): number {
  const first = text[from];
  if (first === undefined) return from;
  let end = from;
  if (/[0-9]/.test(first)) {
    while (end < text.length && /[0-9]/.test(text[end])) end++;
    return end;
  }
  if (SPECIAL_PARAMS.includes(first)) return from + 1;
  if (!NAME_START.test(first)) return from;
  while (end < text.length && NAME_CHAR.test(text[end])) end++;
  return end;
}

/**
 * Index of the `}` that ends a `${...}` whose inside starts at `from`, or -1. Like BuildKit's
 * lexer, only escapes, quotes and nested `${...}` hide a `}`; a bare `{` does not nest.
 */
function closingBrace(text: string, from: number, escapeChar: string): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (c === escapeChar) i++;
    else if (c === "'") {
      i = text.indexOf("'", i + 1);
      if (i < 0) return -1;
    } else if (c === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    }
  }
  return -1;
}

/** Evaluates the inside of `${...}`: a name and an optional modifier. */
function applyModifier(inner: string, escapeChar: string, lookup: VariableLookup, depth: number): string {
  const end = nameEnd(inner, 0);
  const name = inner.slice(0, end);
  const value = lookup(name);
  const rest = inner.slice(end);
  if (rest === '') return value ?? '';
  const word = (from: number) => expandWord(rest.slice(from), escapeChar, lookup, depth);
  const isSet = value !== undefined;
  const isNonEmpty = isSet && value !== '';
  if (rest.startsWith(':-')) return isNonEmpty ? value : word(2);
  if (rest.startsWith('-')) return isSet ? value : word(1);
  if (rest.startsWith(':+')) return isNonEmpty ? word(2) : '';
  if (rest.startsWith('+')) return isSet ? word(1) : '';
  if (rest.startsWith(':?') || rest.startsWith('?')) return value ?? '';
  const current = value ?? '';
  // Past the caps the result is not known: the expression stays as written, as a variable that
  // cannot be resolved does, and checks that see a `$` left treat the word as unresolved.
  const unknown = `\${${inner}}`;
  if (current.length > MAX_WILDCARD_TEXT) return unknown;
  if (rest.startsWith('#') || rest.startsWith('%')) {
    const longest = rest[1] === rest[0];
    const wildcard = compileWildcard(word(longest ? 2 : 1), 'shell');
    if (!wildcard) return unknown;
    return rest[0] === '#' ? removePrefix(current, wildcard, longest) : removeSuffix(current, wildcard, longest);
  }
  if (rest.startsWith('/')) {
    const all = rest.startsWith('//');
    const body = rest.slice(all ? 2 : 1);
    const slash = body.indexOf('/');
    const pattern = expandWord(slash < 0 ? body : body.slice(0, slash), escapeChar, lookup, depth);
    const replacement = slash < 0 ? '' : expandWord(body.slice(slash + 1), escapeChar, lookup, depth);
    if (pattern === '') return current;
    const wildcard = compileWildcard(pattern, 'shell');
    return wildcard ? replacePattern(current, wildcard, replacement, all) : unknown;
  }
  return current;
}

/** The end of the shortest or longest prefix of `value` that the pattern matches; -1 for none. */
function prefixEnd(value: string, wildcard: Wildcard, longest: boolean): number {
  let found = -1;
  someMatchEnd(wildcard, value, 0, (end) => {
    found = end;
    return !longest;
  });
  return found;
}

function removePrefix(value: string, wildcard: Wildcard, longest: boolean): string {
  const end = prefixEnd(value, wildcard, longest);
  return end < 0 ? value : value.slice(end);
}

function removeSuffix(value: string, wildcard: Wildcard, longest: boolean): string {
  // As BuildKit does it: a suffix of the value is a prefix of the reversed value.
  const reversed = value.split('').reverse().join('');
  const end = prefixEnd(reversed, reverseWildcard(wildcard), longest);
  return end < 0 ? value : value.slice(0, value.length - end);
}

/** Replaces the first (or every) leftmost-longest match; an empty match next to the previous one is skipped, as in Go. */
function replacePattern(value: string, wildcard: Wildcard, replacement: string, all: boolean): string {
  let out = '';
  let at = 0;
  let previousEnd = -1;
  while (at <= value.length) {
    const match = leftmostLongest(wildcard, value, at);
    if (!match) break;
    if (match.end === match.start && match.start === previousEnd) {
      if (match.start >= value.length) break;
      out += value.slice(at, match.start + 1);
      at = match.start + 1;
      continue;
    }
    out += value.slice(at, match.start) + replacement;
    previousEnd = match.end;
    if (match.end === match.start) {
      out += value.slice(match.end, match.end + 1);
      at = match.end + 1;
    } else at = match.end;
    if (!all) break;
  }
  return out + value.slice(at);
}
