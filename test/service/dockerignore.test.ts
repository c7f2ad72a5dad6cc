/**
 * CopyIgnoredFile over the .dockerignore cases that decide it: the context root, negations
 * that may or may not bring a copied path back, and wildcard sources.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintLines } from './helpers-diagnostics';

const ignored = (dockerfile: string, dockerignore: string) => lintLines(`FROM scratch\n${dockerfile}\n`, ['CopyIgnoredFile'], { dockerignore });

test('the context root is reported only when every top-level entry is excluded', () => {
  for (const everything of ['*', '**', '**/*', '/*', './**']) {
    assert.deepEqual(
      ignored('COPY . /app\nCOPY ./ /app\nADD / /app', everything),
      [
        '1:5-1:6 warning CopyIgnoredFile "." is excluded by .dockerignore, so COPY cannot use it',
        '2:5-2:7 warning CopyIgnoredFile "./" is excluded by .dockerignore, so COPY cannot use it',
        '3:4-3:5 warning CopyIgnoredFile "/" is excluded by .dockerignore, so ADD cannot use it',
      ],
      everything,
    );
  }
  // Dotfiles, one folder or a wildcard that not every name matches leave the rest of the context.
  for (const partial of ['.*', 'node_modules', '*.md', '*/*', '?']) assert.deepEqual(ignored('COPY . /app', partial), [], partial);
});

test('a negation that may bring back something at or below the source silences it', () => {
  // `*` then `!src` sends src: the copy of the whole context is not empty.
  assert.deepEqual(ignored('COPY . /app', '*\n!src\n'), []);
  assert.deepEqual(ignored('COPY . /app', '**\n!Dockerfile\n'), []);
  assert.deepEqual(ignored('COPY sub /sub\nCOPY sub/*.txt /\nCOPY sub/a.txt /', 'sub\n!sub/a.txt\n'), []);
  // A negation with a wildcard above the source may match inside it.
  assert.deepEqual(ignored('COPY sub /sub', 'sub\n!*/keep.txt\n'), []);
});

test('a negation that cannot reach the source leaves the finding', () => {
  for (const dockerignore of ['sub\n!sub/b.txt\n', 'sub\n!other.txt\n', '!sub/b.txt\nsub\n', '*\n!src\n']) {
    assert.deepEqual(ignored('COPY sub/a.txt /', dockerignore), ['1:5-1:14 warning CopyIgnoredFile "sub/a.txt" is excluded by .dockerignore, so COPY cannot use it'], dockerignore);
  }
  // A wildcard source is judged by its literal text, as BuildKit does.
  assert.deepEqual(ignored('COPY *.md /docs/\nCOPY docs/*.md /docs/', '*.md\ndocs\n'), [
    '1:5-1:9 warning CopyIgnoredFile "*.md" is excluded by .dockerignore, so COPY cannot use it',
    '2:5-2:14 warning CopyIgnoredFile "docs/*.md" is excluded by .dockerignore, so COPY cannot use it',
  ]);
});
