/**
 * A .dockerignore matcher with the semantics of Docker's pattern matcher: patterns are
 * cleaned paths relative to the context root, `*` and `?` stay inside one path segment,
 * `**` crosses segments, `!` re-includes, the last matching pattern wins, and a path is
 * excluded when it or one of its parent folders matches.
 */

interface Pattern {
  regex: RegExp;
  exclusion: boolean;
}

/** Compiled patterns of a .dockerignore text. */
export interface DockerignoreMatcher {
  /** True when the context-relative path is excluded from the build context. */
  excludes(path: string): boolean;
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
    patterns.push({ regex: toRegex(cleaned), exclusion });
  }
  return {
    excludes(path: string) {
      const target = cleanPath(path);
      if (target === '' || target === '.') return false;
      const parents = parentPaths(target);
      let excluded = false;
      for (const pattern of patterns) {
        if (excluded === !pattern.exclusion) continue;
        if (pattern.regex.test(target) || parents.some((p) => pattern.regex.test(p))) excluded = !pattern.exclusion;
      }
      return excluded;
    },
  };
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
