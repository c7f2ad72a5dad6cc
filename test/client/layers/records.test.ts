/** The build records store, on real temporary folders: atomic writes, crashes, damaged and foreign files, pruning, hostile names. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_KEEP, recordKey, recordProblem, RecordStore } from '../../../client/src/layers/records';
import { sampleRecord } from '../../service/helpers-records';

const freshDir = () => mkdtempSync(join(tmpdir(), 'dfs-records-'));
/** The nth record of a series, one second apart, so ids sort by n. */
const nth = (n: number, extra: Parameters<typeof sampleRecord>[0] = {}) => sampleRecord({ id: `2026-12-08T01:00:${String(n).padStart(2, '0')}.000Z-0000000${n % 10}`, durationMs: n, ...extra });
const ids = (records: { durationMs: number }[]) => records.map((r) => r.durationMs);
const FILE_NAME = /^[0-9a-f]{32}-[0-9a-f]{16}\.record\.json$/;

test('records come back newest first, whole, each in a file named by hashes', async () => {
  const store = new RecordStore(join(freshDir(), 'not-yet-made'));
  assert.deepEqual(await store.list('/p/Dockerfile', null), { records: [], problems: [] });
  assert.equal(await store.latest('/p/Dockerfile', null), null);
  for (const n of [2, 1, 3]) await store.save(nth(n, { dockerfile: '/p/Dockerfile' }));
  const { records, problems } = await store.list('/p/Dockerfile', null);
  assert.deepEqual(ids(records), [3, 2, 1]);
  assert.deepEqual(problems, []);
  assert.deepEqual(records[0], nth(3, { dockerfile: '/p/Dockerfile' }));
  assert.deepEqual((await store.latest('/p/Dockerfile', null))?.durationMs, 3);
  assert.ok(readdirSync(store.dir).every((f) => FILE_NAME.test(f)), readdirSync(store.dir).join());
});

test('pruning keeps the newest N of each Dockerfile and target, and leaves the others alone', async () => {
  const store = new RecordStore(freshDir(), 3);
  for (let n = 1; n <= 6; n++) await store.save(nth(n));
  await store.save(nth(7, { target: 'build' }));
  assert.deepEqual(ids((await store.list('/work/project/Dockerfile', null)).records), [6, 5, 4]);
  assert.deepEqual(ids((await store.list('/work/project/Dockerfile', 'build')).records), [7]);
  assert.equal(readdirSync(store.dir).length, 4);
  assert.equal(DEFAULT_KEEP, 20);
});

test('hostile Dockerfile paths and targets only ever name a hash inside the folder', async () => {
  const dir = freshDir();
  const store = new RecordStore(dir);
  const hostile = ['../../etc/passwd', 'a/../../b\n<script>', '\u0000', 'C:\\Windows\\x', '..'.repeat(3000)];
  for (const [i, dockerfile] of hostile.entries()) await store.save(nth(i + 1, { dockerfile, target: hostile[(i + 1) % hostile.length] }));
  // A target spelled "null" is not the absent target.
  await store.save(nth(9, { dockerfile: 'x', target: 'null' }));
  assert.equal(readdirSync(dir).filter((f) => FILE_NAME.test(f)).length, 6);
  for (const [i, dockerfile] of hostile.entries()) {
    assert.deepEqual(ids((await store.list(dockerfile, hostile[(i + 1) % hostile.length])).records), [i + 1]);
  }
  assert.deepEqual(await store.list('x', null), { records: [], problems: [] });
  assert.notEqual(recordKey('x', null), recordKey('x', 'null'));
});

test('a crash mid-write: a half-written temporary file and a record cut short never hide the earlier records', async () => {
  const dir = freshDir();
  const store = new RecordStore(dir);
  await store.save(nth(1));
  const kept = await store.save(nth(2));
  // A write that died before its rename leaves a temporary file: it is not a record.
  const temp = join(dir, `.${kept}.0a1b2c3d4e5f.tmp`);
  writeFileSync(temp, JSON.stringify(nth(3)).slice(0, 100));
  // A record cut short (a copy that stopped halfway, a disk that lost its tail) is reported by name.
  const cut = `${recordKey('/work/project/Dockerfile', null)}-00000000000000aa.record.json`;
  writeFileSync(join(dir, cut), JSON.stringify(nth(4)).slice(0, 300));
  assert.deepEqual(await store.list('/work/project/Dockerfile', null).then((l) => ({ ids: ids(l.records), problems: l.problems })), {
    ids: [2, 1],
    problems: [{ file: cut, message: 'not JSON (cut short or damaged)' }],
  });
  // The next write works, and a temporary file an hour old is cleared by its prune; a fresh one is not.
  const fresh = join(dir, '.fresh.record.json.ffffffffffff.tmp');
  writeFileSync(fresh, '{');
  utimesSync(temp, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
  await store.save(nth(5));
  assert.deepEqual(ids((await store.list('/work/project/Dockerfile', null)).records), [5, 2, 1]);
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), ['.fresh.record.json.ffffffffffff.tmp']);
  // Every record file on disk is whole JSON: the writes went through temp + rename.
  for (const f of readdirSync(dir).filter((f) => FILE_NAME.test(f) && f !== cut)) assert.equal(typeof JSON.parse(readFileSync(join(dir, f), 'utf8')).id, 'string');
});

test('damaged, foreign and special files are reported with their names and skipped; a FIFO does not block', async () => {
  const dir = freshDir();
  const store = new RecordStore(dir);
  await store.save(nth(1));
  const key = recordKey('/work/project/Dockerfile', null);
  const name = (tail: string) => `${key}-${tail}.record.json`;
  writeFileSync(join(dir, name('000000000000000a')), '["not", "a", "record"]');
  writeFileSync(join(dir, name('000000000000000b')), JSON.stringify({ ...nth(2), version: 2 }));
  writeFileSync(join(dir, name('000000000000000c')), JSON.stringify(nth(3, { dockerfile: '/other/Dockerfile' })));
  const bad = nth(4);
  (bad.steps[3] as unknown as Record<string, unknown>).cause = { kind: 'magic', detail: '', files: [] };
  writeFileSync(join(dir, name('000000000000000d')), JSON.stringify(bad));
  execFileSync('mkfifo', [join(dir, name('000000000000000e'))]);
  // Another tool's file in the folder is not ours to judge.
  writeFileSync(join(dir, 'notes.txt'), 'hello');
  const listing = await store.list('/work/project/Dockerfile', null);
  assert.deepEqual(ids(listing.records), [1]);
  assert.deepEqual(listing.problems, [
    { file: name('000000000000000a'), message: 'not a JSON object' },
    { file: name('000000000000000b'), message: 'record version 2 is not 1' },
    { file: name('000000000000000c'), message: 'a record of another Dockerfile or target' },
    { file: name('000000000000000d'), message: 'step 4: a cause of an unknown kind' },
    { file: name('000000000000000e'), message: 'not a regular file (a FIFO)' },
  ]);
});

test('a value that is not a record is refused before anything is written', async () => {
  const dir = freshDir();
  const store = new RecordStore(dir);
  await assert.rejects(store.save({ ...nth(1), cacheHitRatio: 2 }), { message: 'not a build record: the cache hit ratio is not between 0 and 1' });
  assert.deepEqual(readdirSync(dir), []);
  assert.equal(recordProblem(nth(1)), null);
  assert.equal(recordProblem({ ...nth(1), steps: [{ ...nth(1).steps[0], line: 0 }] }), 'step 1: no line');
});
