/**
 * The one reader of repository files (server, CLI, client): the size cap at its exact edge, a file
 * longer than its stat size says, and a stream read up to the cap and no further.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCappedStream, readRegularFile } from '../../server/src/safeRead';

let tmp = '';

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'dfs-read-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

test('a regular file is read up to the cap, byte order mark dropped; one byte more is refused by its size', async () => {
  const path = join(tmp, 'ten');
  writeFileSync(path, '\uFEFF123456789');
  assert.deepEqual(await readRegularFile(path, 12), { kind: 'text', text: '123456789' });
  assert.deepEqual(await readRegularFile(path, 11), { kind: 'skipped', cause: 'large', bytes: 12, reason: '12 bytes is more than the 11-byte limit' });
});

test('a file whose size says 0 (a /proc file) is read whole, not cut at the size stat gave', { skip: process.platform !== 'linux' }, async () => {
  const expected = readFileSync('/proc/self/cmdline', 'utf8');
  assert.ok(expected.length > 1, 'the command line has more than one byte');
  assert.deepEqual(await readRegularFile('/proc/self/cmdline', 1024 * 1024), { kind: 'text', text: expected });
  assert.deepEqual(await readRegularFile('/proc/self/cmdline', 1), { kind: 'skipped', cause: 'large', bytes: 2, reason: '2 bytes is more than the 1-byte limit' });
});

/** Chunks of `size` bytes of `x`, `count` of them (Infinity: an endless stream), counting how many were taken. */
function chunks(size: number, count: number): { stream: AsyncIterable<Uint8Array>; taken: () => number } {
  let taken = 0;
  async function* generate() {
    for (; taken < count; ) {
      taken++;
      yield Buffer.alloc(size, 0x78);
    }
  }
  return { stream: generate(), taken: () => taken };
}

test('a stream is read up to the cap; past it, reading stops one byte over, even when it never ends', { timeout: 30_000 }, async () => {
  assert.deepEqual(await readCappedStream(chunks(3, 4).stream, 12), { kind: 'text', text: 'x'.repeat(12) });
  const over = chunks(3, 5);
  assert.deepEqual(await readCappedStream(over.stream, 12), { kind: 'skipped', cause: 'large', bytes: 13, reason: '13 bytes is more than the 12-byte limit' });
  const endless = chunks(4096, Infinity);
  assert.deepEqual(await readCappedStream(endless.stream, 10_000), { kind: 'skipped', cause: 'large', bytes: 10_001, reason: '10001 bytes is more than the 10000-byte limit' });
  assert.equal(endless.taken(), 3);
  const text = (async function* () {
    yield '\uFEFFFROM ';
    yield 'alpine';
  })();
  assert.deepEqual(await readCappedStream(text, 100), { kind: 'text', text: 'FROM alpine' });
});
