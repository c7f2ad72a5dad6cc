/**
 * The build requests: the record analyzeBuild (server/src/buildAnalysis.ts) makes of recorded
 * builds, and BUILD_PLAN_REQUEST / ANALYZE_BUILD_REQUEST over dist/server.js answering what the
 * pure functions answer, for an open document and for a file only on disk.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { observedSteps } from '../../client/src/docker/buildState';
import type { BuildMode } from '../../client/src/docker/argv';
import { analyzeBuild } from '../../server/src/buildAnalysis';
import { ANALYZE_BUILD_REQUEST, BUILD_PLAN_REQUEST, type AnalyzeBuildParams, type BuildRecord } from '../../server/src/protocol';
import { buildPlan, createDockerfileService } from '../../server/src/service';
import { fixture, parseRecorded } from '../client/docker/helpers';
import { startServer, stopServer } from './lspClient';

const URI = 'file:///work/app/Dockerfile';

/** The request a client sends after a recorded build of a fixture Dockerfile. */
function paramsFor(mode: BuildMode, recording: string, succeeded: boolean): AnalyzeBuildParams {
  const { state } = parseRecorded(mode, fixture(recording));
  return {
    uri: URI,
    target: null,
    context: '/work/app',
    builder: mode,
    noCache: false,
    buildArgs: { GREETING: 'hi' },
    startedAt: '2026-12-08T00:00:00.000Z',
    durationMs: 4321,
    succeeded,
    error: state.error,
    errorLocation: state.errorLocation,
    observed: observedSteps(state),
    image: { tag: 'app:latest', id: succeeded ? 'sha256:abc' : null, sizeBytes: null },
    history: null,
    baseImages: [],
    previous: null,
  };
}

/** One line per step record: line span, stage, cache state, duration known, output, instruction. */
function rows(record: BuildRecord): string[] {
  return record.steps.map((step) => {
    const state = step.error !== null ? 'error' : step.cached === null ? '-' : step.cached ? 'cached' : 'built';
    return `${step.line}-${step.endLine} ${step.stage} ${step.keyword} ${state}${step.durationMs === null ? '' : ' timed'} ${step.output} | ${step.instruction}`;
  });
}

test('a partly cached BuildKit build: every step of both stages, its cache state, output and the hit ratio', async () => {
  const model = createDockerfileService().parse(fixture('Dockerfile'));
  const record = await analyzeBuild(model, paramsFor('rawjson', 'rawjson-app-changed.txt', true), 'id-1');
  assert.deepEqual(rows(record), [
    '4-4 build FROM built timed not-in-image | FROM ${BASE} AS build',
    '5-5 build ARG - not-in-image | ARG GREETING',
    '6-6 build ARG - not-in-image | ARG FLAVOUR=plain',
    '7-7 build WORKDIR cached timed not-in-image | WORKDIR /src',
    '8-8 build COPY cached timed not-in-image | COPY lib.txt .',
    '9-9 build RUN cached timed not-in-image | RUN cat lib.txt > out.txt',
    '10-10 build COPY built timed not-in-image | COPY app.sh .',
    `11-11 build RUN built timed not-in-image | RUN printf '%s|%s\\n' "$GREETING" "$FLAVOUR" >> out.txt && cat app.sh >> out.txt`,
    // BuildKit ran one FROM vertex for both stages: the second FROM shares it.
    '13-13 1 FROM built timed metadata | FROM ${BASE}',
    '14-14 1 WORKDIR cached timed metadata | WORKDIR /srv',
    '15-15 1 COPY built timed layer | COPY --from=build /src/out.txt /srv/out.txt',
    '16-16 1 COPY built timed layer | COPY app.sh /srv/app.sh',
    '17-17 1 EXPOSE - metadata | EXPOSE 8080',
    '18-18 1 CMD - metadata | CMD ["sh", "/srv/app.sh"]',
  ]);
  assert.equal(record.cacheHitRatio, 4 / 8);
  assert.deepEqual({ ...record, steps: record.steps.length }, {
    version: 1,
    id: 'id-1',
    dockerfile: '/work/app/Dockerfile',
    target: null,
    startedAt: '2026-12-08T00:00:00.000Z',
    durationMs: 4321,
    builder: 'rawjson',
    noCache: false,
    succeeded: true,
    buildArgs: { GREETING: 'hi' },
    image: { tag: 'app:latest', id: 'sha256:abc', sizeBytes: null },
    cacheHitRatio: 0.5,
    steps: 14,
    failure: null,
  });
  assert.deepEqual(record.steps[4], {
    line: 8,
    endLine: 8,
    stage: 'build',
    instruction: 'COPY lib.txt .',
    keyword: 'COPY',
    cached: true,
    durationMs: record.steps[4].durationMs,
    sizeBytes: null,
    output: 'not-in-image',
    error: null,
    cause: null,
    inputs: { args: {}, files: null, base: null },
    rebuildsWhen: [
      { kind: 'text', subject: 'COPY lib.txt .' },
      { kind: 'files', subject: 'lib.txt' },
      { kind: 'parent', subject: 'build' },
    ],
  });
});

test('a cached legacy build scores 1 (FROM and the global ARG aside); a failed one carries its failure', async () => {
  const model = createDockerfileService().parse(fixture('Dockerfile'));
  const cached = await analyzeBuild(model, paramsFor('legacy', 'legacy-cached.txt', true), 'id-2');
  assert.equal(cached.steps.length, 14, 'every instruction of both stages, without the global ARG');
  assert.equal(cached.steps.filter((step) => step.cached === null).length, 0);
  const failing = await analyzeBuild(createDockerfileService().parse(fixture('Dockerfile.failing')), paramsFor('rawjson', 'rawjson-failing.txt', false), 'id-3');
  assert.deepEqual(failing.failure, {
    line: 9,
    endLine: 9,
    message: 'process "/bin/sh -c echo about to fail && cat missing.txt > out.txt" did not complete successfully: exit code: 1\nabout to fail\ncat: can\'t open \'missing.txt\': No such file or directory',
  });
  assert.equal(failing.steps.find((step) => step.line === 9)?.error, failing.failure?.message.split('\n')[0]);
  assert.equal(cached.cacheHitRatio, 1);
});

test('record ids sort by start time and differ between builds of the same second', async () => {
  const model = createDockerfileService().parse(fixture('Dockerfile'));
  const params = paramsFor('rawjson', 'rawjson-cached.txt', true);
  const [a, b] = [(await analyzeBuild(model, params)).id, (await analyzeBuild(model, params)).id];
  assert.notEqual(a, b);
  assert.ok(a.startsWith('2026-12-08T00:00:00.000Z-'), a);
});

test('over LSP: the plan and the record of an open document and of a file only on disk, as the functions make them', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'dfs-plan-'));
  const server = await startServer(['markdown']);
  try {
    const text = 'ARG BASE=build\nFROM alpine AS build\nARG A B=1\nFROM ${BASE} AS final\nEXPOSE 80\n';
    const model = createDockerfileService().parse(text);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text } });
    const plan = await server.connection.sendRequest(BUILD_PLAN_REQUEST, { uri: URI, target: null });
    assert.deepEqual(plan, buildPlan(model, null, {}));
    assert.deepEqual(await server.connection.sendRequest(BUILD_PLAN_REQUEST, { uri: URI, target: 'build', buildArgs: { BASE: 'alpine' } }), buildPlan(model, 'build', { BASE: 'alpine' }));

    const onDisk = join(folder, 'Dockerfile');
    writeFileSync(onDisk, fixture('Dockerfile'));
    const diskUri = pathToFileURL(onDisk).href;
    assert.deepEqual(await server.connection.sendRequest(BUILD_PLAN_REQUEST, { uri: diskUri, target: null }), buildPlan(createDockerfileService().parse(fixture('Dockerfile')), null, {}));
    const params = { ...paramsFor('rawjson', 'rawjson-app-changed.txt', true), uri: diskUri };
    const record = await server.connection.sendRequest<BuildRecord>(ANALYZE_BUILD_REQUEST, params);
    assert.deepEqual(record, await analyzeBuild(createDockerfileService().parse(fixture('Dockerfile')), params, record.id));
    assert.equal(record.dockerfile, onDisk);

    assert.equal(await server.connection.sendRequest(BUILD_PLAN_REQUEST, { uri: pathToFileURL(join(folder, 'missing')).href, target: null }), null);
    assert.equal(await server.connection.sendRequest(ANALYZE_BUILD_REQUEST, { ...params, uri: URI, observed: 'not a list' }), null, 'a malformed request is answered, not fatal');
    assert.deepEqual(await server.connection.sendRequest(BUILD_PLAN_REQUEST, { uri: URI, target: null }), plan, 'and the server still answers');
  } finally {
    assert.equal(await stopServer(server), 0);
    rmSync(folder, { recursive: true, force: true });
  }
});
