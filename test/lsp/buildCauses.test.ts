/**
 * The whole analysis over three recorded consecutive builds of the cache-facts fixture (BuildKit
 * 0.13, test/client/fixtures/builds/cachefacts, of test/docker/fixtures/cachefacts): each record compared with the one before, its
 * context hashed in a real folder (app.sh edited before the third build, as it was), sizes from
 * the recorded `docker history`. What each line says is what the engine did and why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { observedSteps } from '../../client/src/docker/buildState';
import { parseHistory } from '../../client/src/docker/imageFacts';
import { analyzeBuild } from '../../server/src/buildAnalysis';
import type { AnalyzeBuildParams, BuildRecord } from '../../server/src/protocol';
import { createDockerfileService } from '../../server/src/service';
import { fixture, parseRecorded } from '../client/docker/helpers';

const SAMPLES = 'cachefacts';

function params(context: string, build: string, args: Record<string, string>, previous: BuildRecord | null): AnalyzeBuildParams {
  const { state } = parseRecorded('rawjson', fixture(`${SAMPLES}/rawjson-${build}.bk13.txt`));
  const history = parseHistory(fixture(`${SAMPLES}/history-${build}.bk13.jsonl`));
  assert.ok(history, `the recorded history of ${build} parses`);
  return {
    uri: pathToFileURL(join(context, 'Dockerfile')).href,
    target: null,
    context,
    builder: 'rawjson',
    noCache: false,
    buildArgs: args,
    startedAt: '2026-12-08T00:00:00.000Z',
    durationMs: 1000,
    succeeded: true,
    error: null,
    errorLocation: null,
    observed: observedSteps(state),
    image: { tag: 'local/cachefacts:1', id: 'sha256:1', sizeBytes: null },
    history,
    baseImages: [{ ref: 'local/busybox:latest', id: 'sha256:base', digest: null }],
    previous,
  };
}

/** One line per step: line, stage, keyword, cache state, layer size, and the cause. */
function lines(record: BuildRecord): string[] {
  return record.steps.map((step) => {
    const state = step.cached === null ? '-' : step.cached ? 'cached' : 'rebuilt';
    const size = step.sizeBytes === null ? '' : ` ${step.sizeBytes}B`;
    const cause = step.cause ? ` | ${step.cause.kind}: ${step.cause.detail}${step.cause.files.length ? ` [${step.cause.files.join(', ')}]` : ''}` : '';
    return `${step.line} ${step.stage} ${step.keyword} ${state}${size}${cause}`;
  });
}

test('three builds in a row: the first, a build-arg change, one source file changed; each line says what the engine did and why', async () => {
  const context = mkdtempSync(join(tmpdir(), 'dfs-causes-'));
  try {
    cpSync(join(process.cwd(), 'test/docker/fixtures/cachefacts'), context, { recursive: true });
    const model = createDockerfileService().parse(readFileSync(join(context, 'Dockerfile'), 'utf8'));
    const first = await analyzeBuild(model, params(context, 'first', { FLAVOUR: 'a', STAMP: 'a' }, null), 'r1');
    const argChanged = await analyzeBuild(model, params(context, 'arg-changed', { FLAVOUR: 'b', STAMP: 'a' }, first), 'r2');
    writeFileSync(join(context, 'app.sh'), `${readFileSync(join(context, 'app.sh'), 'utf8')}echo changed\n`);
    const appChanged = await analyzeBuild(model, params(context, 'app-changed', { FLAVOUR: 'b', STAMP: 'a' }, argChanged), 'r3');
    assert.deepEqual(lines(first), [
      '5 gen FROM cached',
      '6 gen ARG -',
      '7 gen RUN rebuilt | first-build: First build of this Dockerfile and target: there is no earlier build to compare with.',
      '9 build FROM cached',
      '10 build RUN cached',
      '11 build ARG -',
      '12 build WORKDIR cached',
      '13 build COPY cached',
      '14 build COPY cached',
      '15 build RUN rebuilt | first-build: First build of this Dockerfile and target: there is no earlier build to compare with.',
      '16 build RUN rebuilt | first-build: First build of this Dockerfile and target: there is no earlier build to compare with.',
      '18 2 FROM cached',
      '19 2 WORKDIR cached',
      '20 2 COPY cached 9B',
      '21 2 COPY cached 9B',
      '22 2 COPY rebuilt 57B | first-build: First build of this Dockerfile and target: there is no earlier build to compare with.',
      '23 2 COPY rebuilt 5B | first-build: First build of this Dockerfile and target: there is no earlier build to compare with.',
      '24 2 RUN rebuilt 92B | first-build: First build of this Dockerfile and target: there is no earlier build to compare with.',
      '25 2 CMD -',
    ]);
    // FLAVOUR reaches both RUNs after its ARG (one never reads it); the final stage's COPY --from=build
    // takes the changed out.txt; the COPYs from gen stay cached (same files, though gen's FROM re-resolved).
    assert.deepEqual(lines(argChanged), [
      '5 gen FROM -',
      '6 gen ARG -',
      '7 gen RUN cached',
      '9 build FROM -',
      '10 build RUN cached',
      '11 build ARG -',
      '12 build WORKDIR cached',
      '13 build COPY cached',
      '14 build COPY cached',
      '15 build RUN rebuilt | build-arg-changed: Build arg FLAVOUR changed from "a" to "b".',
      '16 build RUN rebuilt | build-arg-changed: Build arg FLAVOUR changed from "a" to "b".',
      '18 2 FROM -',
      '19 2 WORKDIR cached',
      '20 2 COPY cached 9B',
      '21 2 COPY cached 9B',
      '22 2 COPY rebuilt 57B | files-changed: The files it takes from stage build changed: that stage rebuilt from line 15 ("RUN cat lib.txt app.sh > out.txt").',
      '23 2 COPY rebuilt 5B | parent-rebuilt: Line 22 ("COPY --from=build /src/out.txt /srv/out.txt") rebuilt before it, and the steps after it in the stage rebuild with it.',
      '24 2 RUN rebuilt 92B | parent-rebuilt: Line 22 ("COPY --from=build /src/out.txt /srv/out.txt") rebuilt before it, and the steps after it in the stage rebuild with it.',
      '25 2 CMD -',
    ]);
    // FROM lines: BuildKit's FROM vertex flips its cached flag between identical builds; it is no cause and no state.
    assert.deepEqual(lines(appChanged), [
      '5 gen FROM -',
      '6 gen ARG -',
      '7 gen RUN cached',
      '9 build FROM -',
      '10 build RUN cached',
      '11 build ARG -',
      '12 build WORKDIR cached',
      '13 build COPY cached',
      '14 build COPY rebuilt | files-changed: A source file differs from the previous build: app.sh (changed). [app.sh]',
      '15 build RUN rebuilt | parent-rebuilt: Line 14 ("COPY app.sh ./") rebuilt before it, and the steps after it in the stage rebuild with it.',
      '16 build RUN rebuilt | parent-rebuilt: Line 14 ("COPY app.sh ./") rebuilt before it, and the steps after it in the stage rebuild with it.',
      '18 2 FROM -',
      '19 2 WORKDIR cached',
      '20 2 COPY cached 9B',
      '21 2 COPY cached 9B',
      '22 2 COPY rebuilt 82B | files-changed: The files it takes from stage build changed: that stage rebuilt from line 14 ("COPY app.sh ./").',
      '23 2 COPY rebuilt 5B | parent-rebuilt: Line 22 ("COPY --from=build /src/out.txt /srv/out.txt") rebuilt before it, and the steps after it in the stage rebuild with it.',
      '24 2 RUN rebuilt 92B | parent-rebuilt: Line 22 ("COPY --from=build /src/out.txt /srv/out.txt") rebuilt before it, and the steps after it in the stage rebuild with it.',
      '25 2 CMD -',
    ]);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
});
