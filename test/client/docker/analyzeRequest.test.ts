/**
 * The request the editor sends after a build (client/src/docker/analyzeRequest.ts), from recorded
 * builds: the options, the observed steps without BuildKit's internal ones, and how it ended; and
 * what completing it adds (image facts, FROM images, the previous record) through a fake engine.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { type EngineFacts, analyzeRequest, baseImageRefs, completeRequest } from '../../../client/src/docker/analyzeRequest';
import type { BuildOptions } from '../../../client/src/docker/argv';
import type { ImageInspect } from '../../../client/src/docker/imageFacts';
import type { AnalyzeBuildParams, HistoryEntry, ObservedStep } from '../../../server/src/protocol';
import { sampleRecord } from '../layers/records';
import { fixture, parseRecorded, planOf } from './helpers';

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

const MULTI = [
  'ARG BASE=127.0.0.1:5000/base:1',
  'FROM ${BASE} AS deps',
  'RUN echo deps',
  'FROM alpine AS unused',
  'FROM scratch AS files',
  'COPY --from=deps /etc/hostname /',
  'FROM deps AS final',
  'COPY --from=files /hostname /copied',
  '',
].join('\n');

function observed(name: string, keyword: string, text: string, cached = false): ObservedStep {
  return { name, stage: null, index: null, total: null, numbering: 'per-stage', keyword, text, cached, completed: true, durationMs: 5, error: null, logs: [] };
}

test('the FROM images are those of the stages the target builds: no scratch, no stage, each once', () => {
  assert.deepEqual(baseImageRefs(planOf(MULTI)), ['127.0.0.1:5000/base:1']);
  assert.deepEqual(baseImageRefs(planOf(MULTI, 'unused')), ['alpine']);
  assert.deepEqual(baseImageRefs(planOf(MULTI, null, { BASE: 'local/busybox:latest' })), ['local/busybox:latest']);
  assert.deepEqual(baseImageRefs(planOf('FROM a:1 AS x\nFROM b:2\nFROM a:1\nCOPY --from=x / /\n')), ['a:1']);
});

/** A fake engine that answers from tables and logs what it was asked. */
function fakeEngine(asked: string[]): EngineFacts {
  const history: HistoryEntry[] = [{ id: 'sha256:img', createdBy: 'COPY /hostname /copied # buildkit', sizeBytes: 13, comment: 'buildkit.dockerfile.v0' }];
  const images: Record<string, ImageInspect> = {
    'w:1': { id: 'sha256:img', sizeBytes: 4_200_013, repoTags: ['w:1'], repoDigests: [] },
    'local/busybox:latest': { id: 'sha256:bb', sizeBytes: 4_200_000, repoTags: ['local/busybox:latest'], repoDigests: [] },
  };
  return {
    history: (image) => (asked.push(`history ${image}`), Promise.resolve(image in images ? history : null)),
    inspect: (image) => (asked.push(`inspect ${image}`), Promise.resolve(images[image] ?? null)),
    bases: (refs) => (asked.push(`bases ${refs.join(' ')}`), Promise.resolve(refs.map((ref) => ({ ref, id: images[ref]?.id ?? null, digest: null })))),
  };
}

function request(succeeded: boolean): AnalyzeBuildParams {
  return {
    uri: 'file:///w/Dockerfile', target: null, context: '/w', builder: 'rawjson', noCache: false, buildArgs: { BASE: 'local/busybox:latest' },
    startedAt: '2026-12-08T01:00:00.000Z', durationMs: 900, succeeded, error: null, errorLocation: null,
    observed: [observed('[deps 1/2] FROM docker.io/local/busybox:latest', 'FROM', 'FROM docker.io/local/busybox:latest', true)],
    image: { tag: 'w:1', id: null, sizeBytes: null }, history: null, baseImages: [], previous: null,
  };
}

test('a finished build\'s request gets the image\'s id and size, its history, the FROM images and the previous record', async () => {
  const asked: string[] = [];
  const previous = sampleRecord();
  const plan = planOf(MULTI, null, { BASE: 'local/busybox:latest' });
  const done = await completeRequest(request(true), plan, fakeEngine(asked), previous);
  assert.deepEqual({ ...done, observed: done.observed.length }, {
    ...request(true),
    observed: 1,
    image: { tag: 'w:1', id: 'sha256:img', sizeBytes: 4_200_013 },
    history: [{ id: 'sha256:img', createdBy: 'COPY /hostname /copied # buildkit', sizeBytes: 13, comment: 'buildkit.dockerfile.v0' }],
    baseImages: [{ ref: 'local/busybox:latest', id: 'sha256:bb', digest: null }],
    previous,
  });
  assert.deepEqual(asked.sort(), ['bases local/busybox:latest', 'history w:1', 'inspect w:1']);
});

test('a failed build asks for no image and has no history; without a plan no FROM image is asked for', async () => {
  const asked: string[] = [];
  const done = await completeRequest(request(false), null, fakeEngine(asked), null);
  assert.deepEqual([done.image, done.history, done.baseImages, done.previous], [{ tag: 'w:1', id: null, sizeBytes: null }, null, [], null]);
  assert.deepEqual(asked, []);
});
