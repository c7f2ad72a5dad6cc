/**
 * The `ignore` patterns of `.dockerfile-studio.json`, gitignore-style: `*` and `?` stay inside
 * one path segment, `**` spans segments, a pattern without a slash matches at any depth, a
 * leading `/` anchors it to the config file's folder, and a folder pattern covers what is below.
 */

function toRegExp(pattern: string): RegExp {
  let p = pattern.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  const anchored = p.startsWith('/') || p.replace(/\/$/, '').includes('/');
  p = p.replace(/^\/+/, '').replace(/\/+$/, '');
  let source = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*' && p[i + 1] === '*') {
      // `**/` is zero or more folders; a bare `**` (at the end) is anything.
      if (p[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${source}(?:/.*)?$`);
}

/** A predicate over paths relative to the config folder ('/'-separated) that says which are ignored. */
export function ignoreMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const regexps = patterns.filter((p) => p.trim() !== '' && !p.trim().startsWith('#')).map(toRegExp);
  return (relativePath) => {
    const path = relativePath.replace(/\\/g, '/');
    return regexps.some((r) => r.test(path));
  };
}
