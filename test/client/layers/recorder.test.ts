/**
 * What the editor adds to the analysis request after a build (client/src/layers/recorder.ts): the
 * FROM images of the built stages, the digests BuildKit printed, the image facts and the previous
 * record, read through a fake engine and a real record store on a temporary folder.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ImageInspect } from '../../../client/src/docker/imageFacts';
import {
  type EngineFacts,
  baseImageRefs,
  comparableRef,
  completeRequest,
  historyItems,
  previousRecord,
  printedBaseImages,
  problemsText,
  reportFileNames,
  withPrintedDigests,
  withRecord,
} from '../../../client/src/layers/recorder';
import { RecordStore } from '../../../client/src/layers/records';
import type { AnalyzeBuildParams, BaseImage, HistoryEntry, ObservedStep } from '../../../server/src/protocol';
import { planOf } from '../docker/helpers';
import { failedRecord, sampleHistory, sampleRecord } from './records';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const OLD_DIGEST = `sha256:${'cd'.repeat(32)}`;

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

test('Docker Hub\'s spellings of a name compare equal; registries, ports and tags do not', () => {
  assert.deepEqual(
    ['alpine', 'alpine:latest', 'library/alpine', 'docker.io/library/alpine:latest', `alpine@${DIGEST}`, 'docker.io/local/busybox:latest', 'local/busybox', '127.0.0.1:5000/base', '127.0.0.1:5000/base:1', 'docker.io/library/x/y:2'].map(comparableRef),
    ['alpine:latest', 'alpine:latest', 'alpine:latest', 'alpine:latest', 'alpine:latest', 'local/busybox:latest', 'local/busybox:latest', '127.0.0.1:5000/base:latest', '127.0.0.1:5000/base:1', 'library/x/y:2'],
  );
});

test('the digests BuildKit printed on FROM steps; a FROM without one, a short digest and other steps give none', () => {
  const steps = [
    observed(`[deps 1/2] FROM 127.0.0.1:5000/base:1@${DIGEST}`, 'FROM', `FROM 127.0.0.1:5000/base:1@${DIGEST}`),
    observed('[unused 1/1] FROM docker.io/library/alpine:latest', 'FROM', 'FROM docker.io/library/alpine:latest'),
    observed('[x 1/1] FROM a@sha256:abc', 'FROM', 'FROM a@sha256:abc'),
    observed(`[deps 2/2] RUN echo ${DIGEST}`, 'RUN', `RUN echo a@${DIGEST}`),
  ];
  assert.deepEqual(printedBaseImages(steps), [{ ref: '127.0.0.1:5000/base:1', digest: `127.0.0.1:5000/base:1@${DIGEST}` }]);
});

test('a printed digest wins over the local tag\'s (a --pull build); the local id then names another image and is dropped', () => {
  const bases: BaseImage[] = [
    { ref: '127.0.0.1:5000/base:1', id: 'sha256:old', digest: `127.0.0.1:5000/base@${OLD_DIGEST}` },
    { ref: 'alpine', id: 'sha256:alp', digest: null },
    { ref: 'same:1', id: 'sha256:same', digest: `same@${DIGEST}` },
  ];
  const printed = [
    { ref: '127.0.0.1:5000/base:1', digest: `127.0.0.1:5000/base:1@${DIGEST}` },
    { ref: 'docker.io/library/same:1', digest: `docker.io/library/same:1@${DIGEST}` },
  ];
  assert.deepEqual(withPrintedDigests(bases, printed), [
    { ref: '127.0.0.1:5000/base:1', id: null, digest: `127.0.0.1:5000/base:1@${DIGEST}` },
    { ref: 'alpine', id: 'sha256:alp', digest: null },
    { ref: 'same:1', id: 'sha256:same', digest: `same@${DIGEST}` },
  ]);
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

test('the previous record is the newest readable one; a damaged file is skipped and said', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dfs-recorder-'));
  const store = new RecordStore(dir);
  assert.deepEqual(await previousRecord(store, '/work/app/Dockerfile', null), { record: null, problems: [] });
  await store.save(failedRecord());
  await store.save(sampleRecord());
  const newest = failedRecord().id > sampleRecord().id ? failedRecord() : sampleRecord();
  const name = (await store.save(newest)).replace(/-[0-9a-f]{16}\.record\.json$/, '-0000000000000000.record.json');
  writeFileSync(join(dir, name), '{"version": 1, "id": "cut sh');
  const found = await previousRecord(store, '/work/app/Dockerfile', null);
  assert.deepEqual(found, { record: newest, problems: [{ file: name, message: 'not JSON (cut short or damaged)' }] });
  assert.equal(problemsText(found.problems), `skipped a build record that could not be read: ${name}: not JSON (cut short or damaged)`);
  assert.equal(problemsText([]), null);
});

test('a store that cannot be listed is a problem, not a throw', async () => {
  const failing = { list: () => Promise.reject(new Error('EACCES: permission denied')), save: () => Promise.resolve('') };
  assert.deepEqual(await previousRecord(failing, '/w/Dockerfile', null), { record: null, problems: [{ file: '.', message: 'EACCES: permission denied' }] });
});

test('the panel\'s list of builds: newest first, with the shown record even when the store lost it', () => {
  const older = { ...sampleRecord(), id: sampleHistory()[1].id, startedAt: sampleHistory()[1].startedAt, cacheHitRatio: 1, durationMs: 1_210 };
  assert.deepEqual(historyItems(withRecord([older], sampleRecord())), sampleHistory().slice(0, 2));
  assert.deepEqual(withRecord([sampleRecord(), older], sampleRecord()).map((r) => r.id), [sampleRecord().id, older.id]);
});

test('report file names come from the image tag, with what a file name cannot hold replaced', () => {
  assert.deepEqual(reportFileNames(sampleRecord()), { json: 'app-dev-layers.json', markdown: 'app-dev-layers.md' });
  assert.deepEqual(reportFileNames({ ...sampleRecord(), image: { tag: '../../etc/x:1', id: null, sizeBytes: null } }), { json: 'etc-x-1-layers.json', markdown: 'etc-x-1-layers.md' });
  assert.deepEqual(reportFileNames({ ...sampleRecord(), image: { tag: '...', id: null, sizeBytes: null } }), { json: 'image-layers.json', markdown: 'image-layers.md' });
});
