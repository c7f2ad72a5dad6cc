/**
 * The server's per-document settings over a fake client and a hand-driven clock: an answer is
 * cached for an open document only and dropped on close or a configuration change; no answer in
 * time gives the defaults, asked for again later, and a late answer still takes their place.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StudioSettings } from '../../server/src/protocol';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { SettingsCache } from '../../server/src/settingsCache';

const OPEN = 'file:///w/Dockerfile';
const OTHER = 'file:///w/never-opened/Dockerfile';
const QUIET: StudioSettings = { hover: { details: false }, diagnostics: { enabled: true, severities: {} }, build: { context: '' } };

/** A client whose answers the test gives by hand, and a clock that moves only when told. */
function fakeClient() {
  const asked: string[] = [];
  const pending: { uri: string; answer: (value: unknown) => void; fail: (error: Error) => void }[] = [];
  const timers: { at: number; callback: () => void; cancelled: boolean }[] = [];
  const logs: string[] = [];
  const open = new Set([OPEN]);
  let now = 0;
  const cache = new SettingsCache(
    {
      fetch: (uri) => new Promise((answer, fail) => (asked.push(uri), pending.push({ uri, answer, fail }))),
      isOpen: (uri) => open.has(uri),
      log: (message) => logs.push(message),
      now: () => now,
      schedule: (ms, callback) => {
        const timer = { at: now + ms, callback, cancelled: false };
        timers.push(timer);
        return () => (timer.cancelled = true);
      },
    },
    5000,
    30_000,
  );
  /** Moves the clock and fires the timers that are due. */
  const advance = async (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => !t.cancelled && t.at <= now)) {
      timer.cancelled = true;
      timer.callback();
    }
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { cache, asked, pending, logs, open, advance };
}

test('an answer is cached per open document, shared while pending, dropped on close and on a change', async () => {
  const { cache, asked, pending, open } = fakeClient();
  const first = cache.get(OPEN);
  assert.equal(cache.get(OPEN), first, 'a second caller shares the pending request');
  pending[0].answer({ hover: { details: false } });
  assert.deepEqual(await first, QUIET);
  assert.deepEqual(await cache.get(OPEN), QUIET);
  assert.deepEqual(asked, [OPEN]);
  cache.clear();
  void cache.get(OPEN);
  assert.deepEqual(asked, [OPEN, OPEN], 'asked again after a configuration change');
  pending[1].answer({});
  await Promise.resolve();
  open.delete(OPEN);
  cache.forget(OPEN);
  assert.equal(cache.size, 0);
});

test('a URI that is not an open document is never cached', async () => {
  const { cache, asked, pending } = fakeClient();
  const settings = cache.get(OTHER);
  assert.equal(cache.size, 0);
  pending[0].answer({ hover: { details: false } });
  assert.deepEqual(await settings, QUIET);
  void cache.get(OTHER);
  assert.deepEqual(asked, [OTHER, OTHER]);
  assert.equal(cache.size, 0);
});

test('no answer in time: the defaults, asked for again after the retry time; a late answer replaces them', async () => {
  const { cache, asked, pending, logs, advance } = fakeClient();
  const first = cache.get(OPEN);
  await advance(4999);
  let settled = false;
  void first.then(() => (settled = true));
  await advance(0);
  assert.equal(settled, false, 'still waiting before the time limit');
  await advance(1);
  assert.deepEqual(await first, DEFAULT_SETTINGS);
  assert.deepEqual(logs, [`Settings for ${OPEN}: no answer to workspace/configuration in 5000 ms; using the defaults.`]);
  // Within the retry time the defaults come at once, without a new request.
  assert.deepEqual(await cache.get(OPEN), DEFAULT_SETTINGS);
  assert.deepEqual(asked, [OPEN]);
  await advance(30_000);
  const retried = cache.get(OPEN);
  assert.deepEqual(asked, [OPEN, OPEN]);
  // The first request's answer comes late: it is not the entry any more (the retry is), so it is dropped...
  pending[0].answer({ hover: { details: true } });
  // ...and the retry's answer is kept.
  pending[1].answer({ hover: { details: false } });
  assert.deepEqual(await retried, QUIET);
  assert.deepEqual(await cache.get(OPEN), QUIET);
});

test('a late answer takes the place of the defaults; a failed request gives the defaults and is retried', async () => {
  const { cache, asked, pending, logs, advance } = fakeClient();
  const first = cache.get(OPEN);
  await advance(5000);
  assert.deepEqual(await first, DEFAULT_SETTINGS);
  pending[0].answer({ hover: { details: false } });
  await advance(0);
  assert.deepEqual(await cache.get(OPEN), QUIET);
  assert.deepEqual(asked, [OPEN]);

  cache.clear();
  const failed = cache.get(OPEN);
  pending[1].fail(new Error('Request workspace/configuration failed with message: boom'));
  assert.deepEqual(await failed, DEFAULT_SETTINGS);
  assert.equal(logs.at(-1), `Settings for ${OPEN}: workspace/configuration failed (Request workspace/configuration failed with message: boom); using the defaults.`);
  await advance(30_000);
  void cache.get(OPEN);
  assert.deepEqual(asked, [OPEN, OPEN, OPEN]);
});

test('an answer to a request sent before a configuration change or for a closed document is not kept', async () => {
  const { cache, pending, open, advance } = fakeClient();
  void cache.get(OPEN);
  await advance(5000);
  cache.clear();
  pending[0].answer({ hover: { details: false } });
  await advance(0);
  assert.equal(cache.size, 0);
  void cache.get(OPEN);
  await advance(5000);
  open.delete(OPEN);
  cache.forget(OPEN);
  pending[1].answer({ hover: { details: false } });
  await advance(0);
  assert.equal(cache.size, 0);
});
