/** Hashing what COPY and ADD take from a build context, on real temporary folders. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openBuildContext } from '../../server/src/buildContext';

/** A fresh context folder holding `files` (path -> content). */
function context(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'dfs-context-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const PROJECT = {
  'Dockerfile': 'FROM alpine\n',
  'package.json': '{}',
  'src/a.js': 'a',
  'src/b.js': 'b',
  'src/deep/c.ts': 'c',
  'node_modules/m/index.js': 'm',
  'debug.log': 'log',
  'keep.log': 'kept',
  'secrets/key.pem': 'k',
  'secrets/public.pem': 'p',
};
const IGNORE = 'node_modules\n*.log\n!keep.log\nsecrets\n!secrets/public.pem\n';

test('the walk leaves out what the ignore file excludes, re-included files and all', async () => {
  const files = await openBuildContext(context(PROJECT), IGNORE);
  assert.equal(files.problem, null);
  assert.deepEqual(files.entries, ['Dockerfile', 'keep.log', 'package.json', 'secrets/public.pem', 'src/a.js', 'src/b.js', 'src/deep/c.ts']);
});

test('a source takes a file, a folder with everything below it, or what its wildcard matches', async () => {
  const files = await openBuildContext(context(PROJECT), IGNORE);
  const taken = async (...sources: string[]) => {
    const { files: hashed, problem } = await files.hashSources(sources);
    assert.equal(problem, null);
    return `${hashed?.count} ${Object.keys(hashed?.perFile ?? {}).join(' ')}`;
  };
  assert.equal(await taken('package.json'), '1 package.json');
  assert.equal(await taken('./src/'), '3 src/a.js src/b.js src/deep/c.ts');
  assert.equal(await taken('src/*.js', 'package.json'), '3 package.json src/a.js src/b.js');
  assert.equal(await taken('s?c'), '3 src/a.js src/b.js src/deep/c.ts');
  assert.equal(await taken('*.log'), '1 keep.log');
  // Ignored files never reach the builder, so a COPY of them takes nothing.
  assert.equal(await taken('node_modules'), '0 ');
  assert.equal(await taken('secrets'), '1 secrets/public.pem');
  assert.equal(await taken('.'), '7 Dockerfile keep.log package.json secrets/public.pem src/a.js src/b.js src/deep/c.ts');
  assert.equal(await taken('../../src/a.js'), '1 src/a.js');
});

test('a changed file changes the digest and its own entry, nothing else; so does its executable bit', async () => {
  const root = context(PROJECT);
  const before = (await (await openBuildContext(root, IGNORE)).hashSources(['src'])).files;
  writeFileSync(join(root, 'src/b.js'), 'b2');
  // A change in an ignored file is no change to the build.
  writeFileSync(join(root, 'node_modules/m/index.js'), 'm2');
  const after = (await (await openBuildContext(root, IGNORE)).hashSources(['src'])).files;
  assert.ok(before?.perFile && after?.perFile);
  assert.notEqual(after.digest, before.digest);
  assert.deepEqual(Object.keys(after.perFile).filter((f) => after.perFile?.[f] !== before.perFile?.[f]), ['src/b.js']);
  chmodSync(join(root, 'src/a.js'), 0o755);
  const executable = (await (await openBuildContext(root, IGNORE)).hashSources(['src'])).files;
  assert.deepEqual(Object.keys(after.perFile).filter((f) => executable?.perFile?.[f] !== after.perFile?.[f]), ['src/a.js']);
  // The same files hash the same on every walk.
  assert.deepEqual((await (await openBuildContext(root, IGNORE)).hashSources(['src'])).files, executable);
});

test('a FIFO is listed and hashed by its kind without blocking; a link is its target text, never followed', async () => {
  const root = context({ 'a.txt': 'a' });
  execFileSync('mkfifo', [join(root, 'pipe')]);
  const outside = join(mkdtempSync(join(tmpdir(), 'dfs-outside-')), 'secret.txt');
  writeFileSync(outside, 'secret');
  symlinkSync(outside, join(root, 'link'));
  const first = await openBuildContext(root, null);
  assert.deepEqual(first.entries, ['a.txt', 'link', 'pipe']);
  const all = (await first.hashSources(['.'])).files;
  assert.equal(all?.count, 3);
  // What the link points to outside the context is never read: changing it changes nothing.
  writeFileSync(outside, 'changed');
  assert.deepEqual((await (await openBuildContext(root, null)).hashSources(['.'])).files, all);
  // Pointing the link elsewhere does.
  unlinkSync(join(root, 'link'));
  symlinkSync('/etc/hostname', join(root, 'link'));
  const relinked = (await (await openBuildContext(root, null)).hashSources(['.'])).files;
  assert.notEqual(relinked?.perFile?.link, all?.perFile?.link);
  assert.equal(relinked?.perFile?.pipe, all?.perFile?.pipe);
});

test('past the caps the answer is unknown, not a digest of part of the files; past the per-file limit only the names go', async () => {
  const root = context(PROJECT);
  const walked = await openBuildContext(root, null, { maxEntries: 5 });
  assert.equal(walked.problem, 'the build context has more than 5 entries; its files are not hashed');
  assert.deepEqual(await walked.hashSources(['src']), { files: null, problem: 'the build context has more than 5 entries; its files are not hashed' });
  const read = await openBuildContext(root, null, { maxBytes: 2 });
  assert.deepEqual(await read.hashSources(['src']), { files: null, problem: 'more than 2 bytes of the build context would be read; its files are not hashed' });
  const many = (await (await openBuildContext(root, IGNORE, { perFileLimit: 2 })).hashSources(['src'])).files;
  assert.deepEqual([many?.count, many?.perFile], [3, null]);
  assert.equal(many?.digest, (await (await openBuildContext(root, IGNORE)).hashSources(['src'])).files?.digest);
  assert.deepEqual(await (await openBuildContext(join(root, 'missing'), null)).hashSources(['.']), { files: null, problem: 'the build context folder cannot be read (ENOENT)' });
});

test('hostile names: a backtracking-bait pattern and name, __proto__, a newline in a name', async () => {
  const bait = `${'a'.repeat(200)}`;
  const root = context({ [bait]: 'x', ['__proto__']: 'p', 'new\nline': 'n', 'x|y': 'y' });
  const files = await openBuildContext(root, `${'*a'.repeat(100)}b\n`);
  assert.deepEqual(files.entries, ['__proto__', bait, 'new\nline', 'x|y']);
  const hashed = (await files.hashSources([`${'*a'.repeat(100)}*`, '__proto__', 'new?line'])).files;
  assert.deepEqual(Object.keys(hashed?.perFile ?? {}), ['__proto__', bait, 'new\nline']);
  assert.equal(typeof hashed?.perFile?.['__proto__'], 'string');
});
