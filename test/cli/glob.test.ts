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
