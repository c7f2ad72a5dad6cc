import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ignoreMatcher } from '../../server/src/cli/glob';

test('ignore patterns: gitignore-style matching relative to the config folder', () => {
  const paths = [
    'Dockerfile',
    'vendor/Dockerfile',
    'vendor/lib/Dockerfile',
    'app/vendor/Dockerfile',
    'test/fixtures/bad.Dockerfile',
    'docs/Dockerfile.example',
    'app/Dockerfile.dev',
    'a.b/Dockerfile',
    'axb/Dockerfile',
  ];
  const cases: [string[], string[]][] = [
    [['vendor'], ['vendor/Dockerfile', 'vendor/lib/Dockerfile', 'app/vendor/Dockerfile']],
    [['/vendor/'], ['vendor/Dockerfile', 'vendor/lib/Dockerfile']],
    [['test/**'], ['test/fixtures/bad.Dockerfile']],
    [['**/*.example'], ['docs/Dockerfile.example']],
    [['*.dev'], ['app/Dockerfile.dev']],
    [['Dockerfile.*'], ['docs/Dockerfile.example', 'app/Dockerfile.dev']],
    [['a.b'], ['a.b/Dockerfile']],
    [['a?b/Dockerfile'], ['a.b/Dockerfile', 'axb/Dockerfile']],
    [['app/**/Dockerfile'], ['app/vendor/Dockerfile']],
    [['./docs/*'], ['docs/Dockerfile.example']],
    [['', '  ', '# a comment'], []],
  ];
  for (const [patterns, expected] of cases) {
    const matches = ignoreMatcher(patterns);
    assert.deepEqual(paths.filter(matches), expected, patterns.join(' '));
  }
});

test('ignore patterns: `**` spans zero or more folders; a trailing `/**` only what is inside', () => {
  const matches = ignoreMatcher(['app/**/Dockerfile', 'lib/**']);
  const paths = ['app/Dockerfile', 'app/a/b/Dockerfile', 'app/a/Dockerfile.dev', 'lib', 'lib/Dockerfile', 'x/lib/Dockerfile'];
  assert.deepEqual(paths.filter(matches), ['app/Dockerfile', 'app/a/b/Dockerfile', 'lib/Dockerfile']);
});

// The config comes from a cloned repository: with a backtracking regex, each `**/` multiplied
// the work (8 of them took seconds on a 30-folder path); a hang here fails by the timeout.
test('ignore patterns: many `**` segments and stars against a deep path finish', { timeout: 30_000 }, () => {
  const deep = `${'a/'.repeat(200)}Dockerfile`;
  assert.equal(ignoreMatcher([`${'**/'.repeat(60)}x`])(deep), false);
  assert.equal(ignoreMatcher([`${'**/'.repeat(60)}Dockerfile`])(deep), true);
  assert.equal(ignoreMatcher([`${'*a'.repeat(60)}b`])(`${'a'.repeat(2000)}/Dockerfile`), false);
});
