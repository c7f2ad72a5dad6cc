/**
 * The wildcard matcher, one test per pattern feature, through what uses it: modifiers
 * (`${A%%pattern}` ...), .dockerignore (CopyIgnoredFile) and the config's ignore globs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileWildcard, leftmostLongest, matchesWhole, type WildcardDialect } from '../../server/src/service/wildcard';
import { expandWord } from '../../server/src/service/model';
import { parseDockerignore } from '../../server/src/service/diagnostics/rules/buildkit/dockerignore';
import { ignoreMatcher } from '../../server/src/cli/glob';

/** The texts among `texts` that the whole pattern matches. */
function matching(pattern: string, dialect: WildcardDialect, texts: string[]): string[] {
  const wildcard = compileWildcard(pattern, dialect);
  assert.ok(wildcard, pattern);
  return texts.filter((t) => matchesWhole(wildcard, t));
}

const expand = (text: string, value: string) => expandWord(text, '\\', (name) => (name === 'A' ? value : undefined));

test('* matches any run; inside a path it stays in one segment', () => {
  assert.deepEqual(matching('a*c', 'shell', ['ac', 'abc', 'ab/c', 'abd']), ['ac', 'abc', 'ab/c']);
  assert.deepEqual(matching('a*c', 'dockerignore', ['ac', 'abc', 'ab/c', 'abd']), ['ac', 'abc']);
  assert.deepEqual(matching('a*c', 'glob', ['ac', 'abc', 'ab/c']), ['ac', 'abc']);
});

test('? matches one character; inside a path never a slash', () => {
  assert.deepEqual(matching('a?c', 'shell', ['ac', 'abc', 'a/c', 'abbc']), ['abc', 'a/c']);
  assert.deepEqual(matching('a?c', 'dockerignore', ['ac', 'abc', 'a/c', 'abbc']), ['abc']);
});

test('[a-z], [!a] and [^a] classes in .dockerignore; an unclosed [ is itself', () => {
  assert.deepEqual(matching('f[a-c]o', 'dockerignore', ['fao', 'fco', 'fdo', 'f/o']), ['fao', 'fco']);
  assert.deepEqual(matching('f[!a]o', 'dockerignore', ['fao', 'fbo', 'f/o']), ['fbo']);
  assert.deepEqual(matching('f[^a]o', 'dockerignore', ['fao', 'fbo']), ['fbo']);
  assert.deepEqual(matching('f[\\]]o', 'dockerignore', ['f]o', 'f\\o']), ['f]o']);
  assert.deepEqual(matching('f[ao', 'dockerignore', ['f[ao', 'fao']), ['f[ao']);
  // BuildKit's modifiers and the config globs have no classes.
  assert.deepEqual(matching('f[a]o', 'shell', ['fao', 'f[a]o']), ['f[a]o']);
});

test('a backslash escapes a wildcard character in .dockerignore', () => {
  assert.deepEqual(matching('a\\*', 'dockerignore', ['a*', 'ab']), ['a*']);
  assert.deepEqual(matching('a\\?', 'dockerignore', ['a?', 'ab']), ['a?']);
  const matcher = parseDockerignore('a\\*\nwin\\dir\n');
  assert.deepEqual(['a*', 'ab', 'win/dir', 'win/dir/x', 'windir'].filter((p) => matcher.excludes(p)), ['a*', 'win/dir', 'win/dir/x']);
});

test('** crosses segments: **/ is zero or more folders, a final ** is anything', () => {
  assert.deepEqual(matching('**/x', 'dockerignore', ['x', 'a/x', 'a/b/x', 'ax']), ['x', 'a/x', 'a/b/x']);
  assert.deepEqual(matching('a/**', 'dockerignore', ['a/', 'a/b', 'a/b/c', 'b/c']), ['a/', 'a/b', 'a/b/c']);
  assert.deepEqual(matching('a/**/z', 'glob', ['a/z', 'a/b/z', 'a/b/c/z', 'a/bz']), ['a/z', 'a/b/z', 'a/b/c/z']);
});

test('.dockerignore: a leading / and a trailing / are cleaned away; a folder takes what is below it', () => {
  const matcher = parseDockerignore('/build/\n');
  assert.deepEqual(['build', 'build/x', 'src/build', 'buildx'].filter((p) => matcher.excludes(p)), ['build', 'build/x']);
});

test('.dockerignore: ! re-includes, and the last matching pattern wins', () => {
  assert.deepEqual(['a.md', 'README.md', 'x.txt'].filter((p) => parseDockerignore('*.md\n!README.md\n').excludes(p)), ['a.md']);
  assert.deepEqual(['a.md', 'README.md'].filter((p) => parseDockerignore('!README.md\n*.md\n').excludes(p)), ['a.md', 'README.md']);
});

test('config globs: leading / anchors, a slash-less pattern matches at any depth, a trailing / is a folder', () => {
  const paths = ['vendor/Dockerfile', 'app/vendor/Dockerfile', 'vendorx/Dockerfile'];
  assert.deepEqual(paths.filter(ignoreMatcher(['/vendor'])), ['vendor/Dockerfile']);
  assert.deepEqual(paths.filter(ignoreMatcher(['vendor/'])), ['vendor/Dockerfile', 'app/vendor/Dockerfile']);
  assert.deepEqual(paths.filter(ignoreMatcher(['vendor*'])), ['vendor/Dockerfile', 'app/vendor/Dockerfile', 'vendorx/Dockerfile']);
});

test('modifiers: shortest and longest prefix and suffix, first and every match, as BuildKit', () => {
  const value = 'a.b.c';
  assert.deepEqual(
    ['${A#*.}', '${A##*.}', '${A%.*}', '${A%%.*}', '${A/.?/-}', '${A//.?/-}', '${A/x/-}', '${A%?}', '${A#??????}'].map((t) => expand(t, value)),
    ['b.c', 'c', 'a.b', 'a', 'a-.c', 'a--', 'a.b.c', 'a.b.', 'a.b.c'],
  );
  // An empty match next to the previous one is not replaced again (Go's ReplaceAll, bash alike).
  assert.equal(expand('${A//*/x}', 'abc'), 'x');
  assert.deepEqual(leftmostLongest(compileWildcard('b*b', 'shell')!, 'abcbdb', 0), { start: 1, end: 6 });
});

test('a modifier over a value past the cap, or with a pattern past its cap, stays as written', () => {
  const long = 'a'.repeat(4097);
  assert.equal(expand('x${A%%a}y', long), 'x${A%%a}y');
  assert.equal(expand('${A%%a}', 'a'.repeat(4096)), 'a'.repeat(4095));
  assert.equal(expand(`\${A#${'?'.repeat(1025)}}`, 'abc'), `\${A#${'?'.repeat(1025)}}`);
});
