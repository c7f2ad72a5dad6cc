/**
 * The `ignore` patterns of `.dockerfile-studio.json`, gitignore-style: `*` and `?` stay inside
 * one path segment, `**` spans segments, a pattern without a slash matches at any depth, a
 * leading `/` anchors it to the config file's folder, and a folder pattern covers what is below.
 *
 * The config comes from the repository and the editor evaluates it, so matching runs in
 * polynomial time whatever the pattern: segments are matched by dynamic programming, never by
 * a backtracking regex (`**` repeated was exponential there).
 */

/** A pattern split into segments; `**` (zero or more segments) is its own segment. */
type Segments = string[];

const ANY_SEGMENTS = '**';

function compile(pattern: string): Segments {
  let p = pattern.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  const anchored = p.startsWith('/') || p.replace(/\/+$/, '').includes('/');
  p = p.replace(/^\/+/, '').replace(/\/+$/, '');
  const segments = p.split('/').filter((s) => s !== '');
  // A trailing `**` means "everything inside": at least one segment.
  if (segments[segments.length - 1] === ANY_SEGMENTS) segments[segments.length - 1] = '*';
  // Unanchored: at any depth. And a match covers everything below it.
  return [...(anchored ? [] : [ANY_SEGMENTS]), ...segments, ANY_SEGMENTS];
}

/** `*` and `?` within one name, in O(name × pattern) steps (the classic two-pointer match). */
function matchSegment(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Whether the segments match the whole path: one row of a table over (pattern, path) positions. */
function matchPath(segments: Segments, path: string[]): boolean {
  // reachable[j]: the segments so far match the first j path segments.
  let reachable = path.map(() => false).concat(false);
  reachable[0] = true;
  for (const segment of segments) {
    const next = reachable.map(() => false);
    let any = false;
    for (let j = 0; j <= path.length; j++) {
      if (segment === ANY_SEGMENTS) {
        any ||= reachable[j];
        next[j] = any;
      } else if (j > 0 && reachable[j - 1] && matchSegment(segment, path[j - 1])) next[j] = true;
    }
    reachable = next;
  }
  return reachable[path.length];
}

/** A predicate over paths relative to the config folder ('/'-separated) that says which are ignored. */
export function ignoreMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const compiled = patterns.filter((p) => p.trim() !== '' && !p.trim().startsWith('#')).map(compile);
  return (relativePath) => {
    const path = relativePath.replace(/\\/g, '/').split('/').filter((s) => s !== '');
    return compiled.some((segments) => matchPath(segments, path));
  };
}
