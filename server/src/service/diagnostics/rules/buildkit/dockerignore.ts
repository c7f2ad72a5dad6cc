/**
 * A .dockerignore matcher with the semantics of Docker's pattern matcher: patterns are
 * cleaned paths relative to the context root, `*` and `?` stay inside one path segment,
 * `**` crosses segments, `!` re-includes, the last matching pattern wins, and a path is
 * excluded when it or one of its parent folders matches.
 */

interface Pattern {
  /** The cleaned pattern text, without its `!`. */
  text: string;
  regex: RegExp;
  exclusion: boolean;
}

/** Compiled patterns of a .dockerignore text. */
export interface DockerignoreMatcher {
  /** True when the context-relative path is excluded from the build context. */
  excludes(path: string): boolean;
  /**
   * True when a COPY or ADD source (a path or a wildcard, as written) can receive nothing
   * from the context: the source, a parent or the whole context is excluded, and no `!`
   * pattern could bring back anything at or below it.
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
    const cleaned = cleanPath(line);
    if (cleaned === '') continue;
    patterns.push({ text: cleaned, regex: toRegex(cleaned), exclusion });
  }
  const excludes = (path: string): boolean => {
    const target = cleanPath(path);
    if (target === '') return false;
    const parents = parentPaths(target);
    let excluded = false;
    for (const pattern of patterns) {
      if (excluded === !pattern.exclusion) continue;
      if (pattern.regex.test(target) || parents.some((p) => pattern.regex.test(p))) excluded = !pattern.exclusion;
    }
    return excluded;
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
      return excludes(target);
    },
  };
}

/** True when the pattern is only wildcards and matches any single name. */
function takesEveryEntry(pattern: Pattern): boolean {
  return /^[*/]+$/.test(pattern.text) && pattern.regex.test('x');
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

/** Cleans a path like Go's filepath.Clean, relative to the context root. */
export function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function parentPaths(path: string): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}

function toRegex(pattern: string): RegExp {
  let out = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        out += `[${pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`${out}$`);
}
