/**
 * Variable references in an instruction's text: `$NAME`, `${NAME}` and `${NAME<modifier>word}`,
 * with nested references inside the word. One linear pass; dockerfile-ast's own getVariables()
 * resolves each reference against the whole file, which makes reading them quadratic.
 */
import type { Range } from 'vscode-languageserver-types';
import type { VariableRefModel } from './types';

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const MODIFIER = /^(:?[-+?]|##?|%%?|\/\/?)/;

/**
 * Finds the references in `text`, whose first character sits at (line, character). The escape
 * character makes the next character literal (`\$HOME` is not a reference); comment lines inside
 * a continuation are skipped as BuildKit skips them.
 */
export function scanVariableRefs(text: string, line: number, character: number, escapeChar: string): VariableRefModel[] {
  const refs: VariableRefModel[] = [];
  // Positions are tracked as we go: lineStarts[i] is the offset where text line i begins.
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const positionAt = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo === 0 ? { line, character: character + offset } : { line: line + lo, character: offset - lineStarts[lo] };
  };
  const rangeOf = (start: number, end: number): Range => ({ start: positionAt(start), end: positionAt(end) });
  let closers: Map<number, number> | undefined;

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      // A comment line inside a continuation is not part of the instruction.
      let j = i + 1;
      while (text[j] === ' ' || text[j] === '\t') j++;
      if (text[j] === '#') {
        const end = text.indexOf('\n', j);
        i = (end < 0 ? text.length : end) - 1;
      }
      continue;
    }
    if (c === escapeChar) {
      // Before a line break the escape is a continuation: the break is still read as one.
      if (text[i + 1] !== '\n' && text[i + 1] !== '\r') i++;
      continue;
    }
    if (c !== '$') continue;
    const next = text[i + 1];
    if (next === '{') {
      let nameEnd = i + 2;
      while (nameEnd < text.length && NAME_CHAR.test(text[nameEnd])) nameEnd++;
      if (nameEnd === i + 2) continue;
      closers ??= matchBraces(text);
      const close = closers.get(i + 1) ?? -1;
      const end = close < 0 ? nameEnd : close + 1;
      const inner = close < 0 ? '' : text.slice(nameEnd, close);
      const modifier = MODIFIER.exec(inner);
      refs.push({
        name: text.slice(i + 2, nameEnd),
        range: rangeOf(i, end),
        nameRange: rangeOf(i + 2, nameEnd),
        modifier: modifier ? modifier[1] : null,
        modifierValue: modifier ? inner.slice(modifier[1].length) : null,
      });
      // Go on inside the word: `${A:-$B}` refers to B as well.
      i = nameEnd - 1;
    } else if (next !== undefined && NAME_START.test(next)) {
      let end = i + 2;
      while (end < text.length && NAME_CHAR.test(text[end])) end++;
      refs.push({ name: text.slice(i + 1, end), range: rangeOf(i, end), nameRange: rangeOf(i + 1, end), modifier: null, modifierValue: null });
      i = end - 1;
    }
  }
  return refs;
}

/** For every `{`, the index of the `}` that closes it, in one pass (nesting can be deep). */
function matchBraces(text: string): Map<number, number> {
  const closers = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') open.push(i);
    else if (text[i] === '}' && open.length > 0) closers.set(open.pop()!, i);
  }
  return closers;
}
