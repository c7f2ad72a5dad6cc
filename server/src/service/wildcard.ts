/**
 * Wildcard matching without backtracking: a pattern is compiled to a list of steps and run as
 * a set of states over the text (as Go's regexp, which BuildKit uses, runs), so matching takes
 * O(text length x pattern length) on any input. A regular expression built from a pattern such
 * as `*a*a*a*a*a*a*b` backtracks for minutes on 80 characters; this does not.
 *
 * Three dialects: `shell` for BuildKit's `${A%pattern}`-style modifiers (`*` and `?`; the
 * pattern reaches it with the Dockerfile's escapes already removed, so a backslash is itself),
 * `dockerignore` (`*` and `?` inside one path segment, `**`, `[...]` classes, `\x` escapes) and
 * `glob` for the config file's `ignore` list (`*`, `?` and `**`; a backslash is a separator there).
 */

/** Which syntax a pattern is written in. */
export type WildcardDialect = 'shell' | 'dockerignore' | 'glob';

/** One step: a single character, or any number of characters, that `accepts` allows. */
interface Step {
  many: boolean;
  accepts: (c: string) => boolean;
  /**
   * For a step that reads nothing: it leads both to the next step and `skip` steps on. `**`
   * before a slash is "nothing, or anything ending in a slash": such a step, then `*`, then `/`.
   */
  skip: number;
}

/** A compiled pattern. */
export interface Wildcard {
  readonly steps: readonly Step[];
}

/**
 * Texts longer than this are not matched (PATH_MAX on Linux is 4096, so no real path is longer);
 * callers treat such a text as "unknown" rather than as matched or not matched.
 */
export const MAX_WILDCARD_TEXT = 4096;
/** Patterns longer than this are not compiled; callers treat them as "unknown" too. */
export const MAX_WILDCARD_PATTERN = 1024;

const anyChar = () => true;
const notSlash = (c: string) => c !== '/';

/** Compiles a pattern; null when it is longer than MAX_WILDCARD_PATTERN. */
export function compileWildcard(pattern: string, dialect: WildcardDialect): Wildcard | null {
  if (pattern.length > MAX_WILDCARD_PATTERN) return null;
  const inSegment = dialect !== 'shell';
  const oneChar = inSegment ? notSlash : anyChar;
  const steps: Step[] = [];
  const push = (many: boolean, accepts: (c: string) => boolean, skip = 0) => {
    // `**` in a shell pattern, or `*` after `*`, adds nothing: one state keeps the set small.
    const last = steps[steps.length - 1];
    if (many && last?.many && last.accepts === accepts) return;
    steps.push({ many, accepts, skip });
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && inSegment && pattern[i + 1] === '*') {
      i++;
      if (pattern[i + 1] === '/') {
        i++;
        push(false, () => false, 3);
        steps.push({ many: true, accepts: anyChar, skip: 0 });
        push(false, (x) => x === '/');
      } else push(true, anyChar);
    } else if (c === '*') push(true, oneChar);
    else if (c === '?') push(false, oneChar);
    else if (c === '\\' && dialect === 'dockerignore' && i + 1 < pattern.length) {
      const literal = pattern[++i];
      push(false, (x) => x === literal);
    } else if (c === '[' && dialect === 'dockerignore') {
      const cls = characterClass(pattern, i);
      if (cls) {
        push(false, cls.accepts);
        i = cls.end;
      } else push(false, (x) => x === '[');
    } else push(false, (x) => x === c);
  }
  return { steps };
}

/**
 * A `[...]` class starting at `pattern[open]`: ranges `a-z`, negation by `!` or `^`, `\x` for a
 * literal. Null when it is not closed, and the `[` is then a literal.
 */
function characterClass(pattern: string, open: number): { accepts: (c: string) => boolean; end: number } | null {
  let i = open + 1;
  const negated = pattern[i] === '!' || pattern[i] === '^';
  if (negated) i++;
  const ranges: [string, string][] = [];
  for (; i < pattern.length && pattern[i] !== ']'; i++) {
    let low = pattern[i];
    if (low === '\\' && i + 1 < pattern.length) low = pattern[++i];
    let high = low;
    if (pattern[i + 1] === '-' && i + 2 < pattern.length && pattern[i + 2] !== ']') {
      i += 2;
      high = pattern[i] === '\\' && i + 1 < pattern.length ? pattern[++i] : pattern[i];
    }
    ranges.push([low, high]);
  }
  if (i >= pattern.length) return null;
  return { accepts: (c) => c !== '/' && ranges.some(([low, high]) => low <= c && c <= high) !== negated, end: i };
}

/** The same pattern read from its end, to match suffixes as prefixes of the reversed text. */
export function reverseWildcard(wildcard: Wildcard): Wildcard {
  // An optional `**` + slash pair would reverse into the wrong order; only shell patterns are reversed.
  if (wildcard.steps.some((s) => s.skip > 0)) throw new Error('reverseWildcard: a pattern with ** and a slash cannot be reversed');
  return { steps: [...wildcard.steps].reverse() };
}

/** Adds what the states in `set` reach without reading a character; a value < 0 is "not in the set". */
function close(steps: readonly Step[], set: Int32Array): void {
  // Every free move goes forward, so one sweep in order reaches them all.
  for (let p = 0; p < steps.length; p++) {
    const start = set[p];
    if (start < 0) continue;
    if (steps[p].many || steps[p].skip > 0) merge(set, p + 1, start);
    if (steps[p].skip > 0) merge(set, p + steps[p].skip, start);
  }
}

/** Puts state `p` in the set, keeping the earliest start when it is already there. */
function merge(set: Int32Array, p: number, start: number): void {
  if (set[p] < 0 || start < set[p]) set[p] = start;
}

/**
 * Calls `visit(end)` for each end, in increasing order, such that `text.slice(from, end)` matches
 * the whole pattern, until `visit` returns true. Returns true when it did.
 */
export function someMatchEnd(wildcard: Wildcard, text: string, from: number, visit: (end: number) => boolean): boolean {
  const steps = wildcard.steps;
  const accept = steps.length;
  let current = new Int32Array(accept + 1).fill(-1);
  let next = new Int32Array(accept + 1);
  current[0] = from;
  close(steps, current);
  for (let i = from; ; i++) {
    if (current[accept] >= 0 && visit(i)) return true;
    if (i === text.length) return false;
    const c = text[i];
    next.fill(-1);
    let alive = false;
    for (let p = 0; p < accept; p++) {
      if (current[p] < 0 || !steps[p].accepts(c)) continue;
      next[steps[p].many ? p : p + 1] = from;
      alive = true;
    }
    if (!alive) return false;
    close(steps, next);
    [current, next] = [next, current];
  }
}

/** True when the whole text matches the pattern. */
export function matchesWhole(wildcard: Wildcard, text: string): boolean {
  return someMatchEnd(wildcard, text, 0, (end) => end === text.length);
}

/**
 * The leftmost match at or after `from`, and the longest one that starts there; null when there
 * is none. Every start is followed at once (a state remembers the earliest start that reached it).
 */
export function leftmostLongest(wildcard: Wildcard, text: string, from: number): { start: number; end: number } | null {
  const steps = wildcard.steps;
  const accept = steps.length;
  let current = new Int32Array(accept + 1).fill(-1);
  let next = new Int32Array(accept + 1);
  let best: { start: number; end: number } | null = null;
  for (let i = from; ; i++) {
    // Once a match is known, a later start can never be leftmost.
    if (best === null) merge(current, 0, i);
    close(steps, current);
    const start = current[accept];
    if (start >= 0 && (best === null || start < best.start || (start === best.start && i > best.end))) best = { start, end: i };
    if (i === text.length) return best;
    const c = text[i];
    next.fill(-1);
    let alive = false;
    for (let p = 0; p < accept; p++) {
      const s = current[p];
      if (s < 0 || (best !== null && s > best.start) || !steps[p].accepts(c)) continue;
      merge(next, steps[p].many ? p : p + 1, s);
      alive = true;
    }
    if (!alive && best !== null) return best;
    [current, next] = [next, current];
  }
}
