/**
 * Word expansion as BuildKit's shell lexer does it for Dockerfile instructions: variables
 * (`$X`, `${X}`, `${X:-word}`, `${X+word}`, `${X#pattern}`, `${X/from/to}` ...), quote removal
 * and the escape character. Used to resolve ARG/ENV values and FROM image references.
 */

/** Looks a variable up: its value, or undefined when it is not set. */
export type VariableLookup = (name: string) => string | undefined;

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Expands one word: variables replaced, quotes and escapes removed. */
export function expandWord(text: string, escapeChar: string, lookup: VariableLookup): string {
  let out = '';
  let inDouble = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
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
      const consumed = expandVariableAt(text, i, escapeChar, lookup);
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
): { value: string; end: number } | null {
  const next = text[start + 1];
  if (next === undefined) return null;
  if (next !== '{') {
    if (!NAME_START.test(next)) return null;
    let end = start + 2;
    while (end < text.length && NAME_CHAR.test(text[end])) end++;
    return { value: lookup(text.slice(start + 1, end)) ?? '', end };
  }
  const close = matchingBrace(text, start + 1);
  if (close < 0) return null;
  const inner = text.slice(start + 2, close);
  return { value: applyModifier(inner, escapeChar, lookup), end: close + 1 };
}

/** Index of the `}` closing the `{` at `open`, honouring nested `${...}`; -1 if none. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Evaluates the inside of `${...}`: a name and an optional modifier. */
function applyModifier(inner: string, escapeChar: string, lookup: VariableLookup): string {
  let nameEnd = 0;
  while (nameEnd < inner.length && NAME_CHAR.test(inner[nameEnd])) nameEnd++;
  const name = inner.slice(0, nameEnd);
  const value = lookup(name);
  const rest = inner.slice(nameEnd);
  if (rest === '') return value ?? '';
  const word = (from: number) => expandWord(rest.slice(from), escapeChar, lookup);
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
    const pattern = expandWord(slash < 0 ? body : body.slice(0, slash), escapeChar, lookup);
    const replacement = slash < 0 ? '' : expandWord(body.slice(slash + 1), escapeChar, lookup);
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
