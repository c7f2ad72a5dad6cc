/**
 * The request the editor sends after a build (client/src/docker/analyzeRequest.ts), from recorded
 * builds: the options, the observed steps without BuildKit's internal ones, and how it ended.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeRequest } from '../../../client/src/docker/analyzeRequest';
import type { BuildOptions } from '../../../client/src/docker/argv';
import { fixture, parseRecorded } from './helpers';

const OPTIONS: BuildOptions = {
  dockerfile: '/w/Dockerfile',
  context: '/w',
  tag: 'w:1',
  target: 'build',
  buildArgs: [['GREETING', 'hi'], ['__proto__', 'x']],
  platform: null,
  noCache: true,
  builder: null,
  extraFlags: [],
};

test('a failed rawjson build: its steps as observed, its error and BuildKit\'s location, no image', () => {
  const { state } = parseRecorded('rawjson', fixture('rawjson-failing.txt'));
  const params = analyzeRequest('file:///w/Dockerfile', OPTIONS, 'rawjson', { state, exitCode: 1, durationMs: 900, startedAt: '2026-12-08T01:00:00.000Z', imageId: 'sha256:ignored' });
  assert.deepEqual({ ...params, observed: params.observed.length }, {
    uri: 'file:///w/Dockerfile',
    target: 'build',
    context: '/w',
    builder: 'rawjson',
    noCache: true,
    buildArgs: JSON.parse('{"GREETING":"hi","__proto__":"x"}'),
    startedAt: '2026-12-08T01:00:00.000Z',
    durationMs: 900,
    succeeded: false,
    error: 'process "/bin/sh -c echo about to fail && cat missing.txt > out.txt" did not complete successfully: exit code: 1',
    errorLocation: { file: 'Dockerfile', line: 9 },
    observed: 9,
    image: { tag: 'w:1', id: null, sizeBytes: null },
    history: null,
    baseImages: [],
    previous: null,
  });
  assert.equal(Object.getPrototypeOf(params.buildArgs), Object.prototype, 'a build arg named __proto__ is data, not a prototype');
  const failed = params.observed.find((step) => step.error !== null && step.error !== 'canceled');
  assert.deepEqual(failed, {
    name: '[build 4/6] RUN echo about to fail && cat missing.txt > out.txt',
    stage: 'build',
    index: 4,
    total: 6,
    numbering: 'per-stage',
    keyword: 'RUN',
    text: 'RUN echo about to fail && cat missing.txt > out.txt',
    cached: false,
    completed: failed?.completed,
    durationMs: failed?.durationMs,
    error: 'process "/bin/sh -c echo about to fail && cat missing.txt > out.txt" did not complete successfully: exit code: 1',
    logs: ['about to fail', "cat: can't open 'missing.txt': No such file or directory"],
  });
});

test('a legacy build that succeeded carries its image id and file-numbered steps', () => {
  const { state } = parseRecorded('legacy', fixture('legacy-cached.txt'));
  const params = analyzeRequest('file:///w/Dockerfile', { ...OPTIONS, target: null, noCache: false }, 'legacy', { state, exitCode: 0, durationMs: 10, startedAt: 'now', imageId: 'sha256:abc' });
  assert.deepEqual(params.image, { tag: 'w:1', id: 'sha256:abc', sizeBytes: null });
  assert.deepEqual(params.observed.map((step) => `${step.numbering} ${step.index}/${step.total} ${step.cached ? 'cached' : 'ran'}`).slice(0, 3), ['file 1/15 ran', 'file 2/15 ran', 'file 3/15 cached']);
  assert.equal(params.observed.length, 15);
});
