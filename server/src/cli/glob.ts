/**
 * The `ignore` patterns of `.dockerfile-studio.json`, gitignore-style: `*` and `?` stay inside
 * one path segment, `**` spans segments, a pattern without a slash matches at any depth, a
 * leading `/` anchors it to the config file's folder, and a folder pattern covers what is below.
 * Matching runs without backtracking (the service's wildcard matcher), in linear time on any
 * pattern and path a repository can hold.
 */
import { compileWildcard, MAX_WILDCARD_TEXT, someMatchEnd, type Wildcard } from '../service';

/** Strips `/` from both ends without a regex (`/\/+$/` is quadratic on a run of slashes). */
function trimSlashes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '/') start++;
  while (end > start && text[end - 1] === '/') end--;
  return text.slice(start, end);
}

function compile(pattern: string): Wildcard | null {
  let p = pattern.trim().replace(/\\/g, '/');
  if (p.startsWith('./')) p = p.slice(2);
  const body = trimSlashes(p);
  const anchored = p.startsWith('/') || body.includes('/');
  // Unanchored, the pattern may start below any folder: `**/` in front says that.
  return compileWildcard(anchored ? body : `**/${body}`, 'glob');
}

/** A predicate over paths relative to the config folder ('/'-separated) that says which are ignored. */
export function ignoreMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  // A pattern over the matcher's length cap cannot be decided; it ignores nothing, so such a file is still linted.
  const wildcards = patterns
    .filter((p) => p.trim() !== '' && !p.trim().startsWith('#'))
    .map(compile)
    .filter((w) => w !== null);
  return (relativePath) => {
    const path = relativePath.replace(/\\/g, '/');
    if (path.length > MAX_WILDCARD_TEXT) return false;
    // A match of the path or of one of its folders (what is below a matched folder is ignored too).
    return wildcards.some((w) => someMatchEnd(w, path, 0, (end) => end === path.length || path[end] === '/'));
  };
}
