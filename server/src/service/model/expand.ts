/**
 * Word expansion as BuildKit's shell lexer does it for Dockerfile instructions: variables
 * (`$X`, `${X}`, `${X:-word}`, `${X+word}`, `${X#pattern}`, `${X/from/to}` ...), quote removal
 * and the escape character. Used to resolve ARG/ENV values and FROM image references.
 */

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
  if (rest.startsWith('##')) return removePrefix(current, word(2), true);
  if (rest.startsWith('#')) return removePrefix(current, word(1), false);
  if (rest.startsWith('%%')) return removeSuffix(current, word(2), true);
  if (rest.startsWith('%')) return removeSuffix(current, word(1), false);
  if (rest.startsWith('/')) {
    const all = rest.startsWith('//');
    const body = rest.slice(all ? 2 : 1);
    const slash = body.indexOf('/');
    const pattern = expandWord(slash < 0 ? body : body.slice(0, slash), escapeChar, lookup, depth);
    const replacement = slash < 0 ? '' : expandWord(body.slice(slash + 1), escapeChar, lookup, depth);
    return replacePattern(current, pattern, replacement, all);
  }
  return current;
}

/** Turns a shell glob (`*`, `?`) into a regular expression source. */
function globSource(pattern: string, greedy: boolean): string {
  return pattern
    .split('')
    .map((ch) => (ch === '*' ? (greedy ? '.*' : '.*?') : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
}

function removePrefix(value: string, pattern: string, longest: boolean): string {
  const match = new RegExp(`^(?:${globSource(pattern, longest)})`, 's').exec(value);
  return match ? value.slice(match[0].length) : value;
}

function removeSuffix(value: string, pattern: string, longest: boolean): string {
  // Try every start position: the first match from the left is the longest suffix.
  const regex = new RegExp(`^(?:${globSource(pattern, true)})$`, 's');
  if (longest) {
    for (let i = 0; i <= value.length; i++) if (regex.test(value.slice(i))) return value.slice(0, i);
  } else {
    for (let i = value.length; i >= 0; i--) if (regex.test(value.slice(i))) return value.slice(0, i);
  }
  return value;
}

function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  if (pattern === '') return value;
  const regex = new RegExp(globSource(pattern, true), all ? 'gs' : 's');
  return value.replace(regex, () => replacement);
}
