/**
 * A .dockerignore matcher with the semantics of Docker's pattern matcher: patterns are
 * cleaned paths relative to the context root, `*` and `?` stay inside one path segment,
 * `**` crosses segments, `!` re-includes, the last matching pattern wins, and a path is
 * excluded when it or one of its parent folders matches. Matching runs without backtracking
 * (../../../wildcard.ts), so a hostile pattern or a long source takes linear time.
 */
import { compileWildcard, MAX_WILDCARD_TEXT, someMatchEnd, type Wildcard } from '../../../wildcard';

interface Pattern {
  /** The cleaned pattern text, without its `!`. */
  text: string;
  /** Null when the pattern is too long to match (MAX_WILDCARD_PATTERN): its answer is unknown. */
  wildcard: Wildcard | null;
  exclusion: boolean;
}

/** Compiled patterns of a .dockerignore text. */
export interface DockerignoreMatcher {
  /** True when the context-relative path is excluded from the build context. */
  excludes(path: string): boolean;
  /**
   * True when a COPY or ADD source (a path or a wildcard, as written) can receive nothing
   * from the context: the source, a parent or the whole context is excluded, and no `!`
   * pattern could bring back anything at or below it. False when that cannot be known: a source
   * or a pattern over the length caps of the wildcard matcher (no real path is that long).
   */
  ignoresSource(source: string): boolean;
}

/** Parses .dockerignore text into a matcher. */
export function parseDockerignore(text: string): DockerignoreMatcher {
  const patterns: Pattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const exclusion = line.startsWith('!');
    if (exclusion) line = line.slice(1).trim();
    const cleaned = cleanSegments(separatorsOf(line));
    if (cleaned === '') continue;
    patterns.push({ text: cleaned, wildcard: compileWildcard(cleaned, 'dockerignore'), exclusion });
  }
  // null: unknown (a length cap was reached).
  const decide = (target: string): boolean | null => {
    if (target.length > MAX_WILDCARD_TEXT) return null;
    let excluded = false;
    for (const pattern of patterns) {
      if (excluded === !pattern.exclusion) continue;
      if (!pattern.wildcard) return null;
      if (matchesOrParentMatches(pattern.wildcard, target)) excluded = !pattern.exclusion;
    }
    return excluded;
  };
  const excludes = (path: string): boolean => {
    const target = cleanPath(path);
    return target !== '' && decide(target) === true;
  };
  return {
    excludes,
    ignoresSource(source: string) {
      const target = cleanPath(source);
      // A negation can re-include a file below an excluded folder (`sub` then `!sub/a.txt`),
      // and which files exist is unknown here, so any `!` that may reach below the source
      // means the source may still bring something (BuildKit decides the same way).
      const base = literalPrefix(target).prefix;
      if (patterns.some((p) => p.exclusion && mayReachBelow(p.text, base))) return false;
      // The context root is never excluded itself: it is empty only when a pattern takes
      // every top-level entry (`*`, `**`, `**/*`); `.*` takes only the dotfiles.
      if (target === '') return patterns.some((p) => !p.exclusion && takesEveryEntry(p));
      return decide(target) === true;
    },
  };
}

/** True when the pattern is only wildcards and matches any single name. */
function takesEveryEntry(pattern: Pattern): boolean {
  return /^[*/]+$/.test(pattern.text) && pattern.wildcard !== null && matchesOrParentMatches(pattern.wildcard, 'x');
}

/** True when the pattern matches the path or one of its parent folders, in one pass over the path. */
function matchesOrParentMatches(wildcard: Wildcard, path: string): boolean {
  return someMatchEnd(wildcard, path, 0, (end) => end === path.length || path[end] === '/');
}

/** The path segments before the first one with a wildcard, and whether there is a wildcard. */
function literalPrefix(path: string): { prefix: string; wildcard: boolean } {
  const segments = path === '' ? [] : path.split('/');
  const at = segments.findIndex((s) => /[*?[]/.test(s));
  return at < 0 ? { prefix: path, wildcard: false } : { prefix: segments.slice(0, at).join('/'), wildcard: true };
}

/** True when a `!` pattern could match the folder `base` or a path inside it. */
function mayReachBelow(negation: string, base: string): boolean {
  const { prefix, wildcard } = literalPrefix(negation);
  return atOrBelow(prefix, base) || (wildcard && atOrBelow(base, prefix));
}

/** True when `path` is `base` or inside it; the empty base is the context root. */
function atOrBelow(path: string, base: string): boolean {
  return base === '' || path === base || path.startsWith(`${base}/`);
}

/**
 * A pattern with its backslashes read: before `*`, `?`, `[`, `]` or a backslash it escapes that
 * character (Docker on Linux), anywhere else it is a Windows path separator (Docker on Windows).
 */
function separatorsOf(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c !== '\\') out += c;
    else if ('*?[]\\'.includes(pattern[i + 1] ?? '/')) out += c + pattern[++i];
    else out += '/';
  }
  return out;
}

/** Cleans a path like Go's filepath.Clean, relative to the context root. */
export function cleanPath(path: string): string {
  return cleanSegments(path.replace(/\\/g, '/'));
}

/** Drops empty and `.` segments and resolves `..`, on `/` alone. */
function cleanSegments(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
