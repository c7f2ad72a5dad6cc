/**
 * Small helpers shared by rules: "did you mean" suggestions, casing and edits. Pure and
 * allocation-light: rules call them per finding, not per line.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { InstructionModel } from '../model';
import { excerpt } from '../safeText';

export { excerpt } from '../safeText';

/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
export function editDistance(a: string, b: string, max = Number.MAX_SAFE_INTEGER): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The closest candidate by edit distance, when close enough to be a likely typo: at most a
 * third of the word's length (and at least 1, at most 3). Case-insensitive unless told.
 */
export function closest(word: string, candidates: Iterable<string>, caseSensitive = false): string | undefined {
  const norm = (s: string) => (caseSensitive ? s : s.toLowerCase());
  const target = norm(word);
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(target, norm(candidate), bestDistance);
    if (distance < bestDistance && norm(candidate) !== target) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Document text quoted in a message or a fix title, between `mark`s and cut at 200 characters
 * with an ellipsis: a megabyte-long token must not make a megabyte-long line in a problems list.
 */
export function quoted(text: string, mark = '"'): string {
  return `${mark}${excerpt(text)}${mark}`;
}

/** ` (did you mean "X"?)` or the empty string. */
export function didYouMean(suggestion: string | undefined, quote = '"'): string {
  return suggestion ? ` (did you mean ${quote}${suggestion}${quote}?)` : '';
}

/** Writes `word` in the casing style of `model` (all lower, all upper, or as given). */
export function matchCase(word: string, model: string): string {
  if (model === model.toLowerCase()) return word.toLowerCase();
  if (model === model.toUpperCase()) return word.toUpperCase();
  return word;
}

/** True when the text is all upper case or all lower case. */
export function isSelfConsistentCasing(text: string): boolean {
  return text === text.toUpperCase() || text === text.toLowerCase();
}

/** One edit replacing a range. */
export function replace(range: Range, newText: string): TextEdit {
  return { range, newText };
}

/** True when the range lies inside another (inclusive). */
export function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** The instruction and its ONBUILD trigger, the two places flags and arguments live. */
export function withTriggers(instructions: InstructionModel[]): InstructionModel[] {
  const out: InstructionModel[] = [];
  for (const instruction of instructions) {
    out.push(instruction);
    if (instruction.trigger) out.push(instruction.trigger);
  }
  return out;
}
