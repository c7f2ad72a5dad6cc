/**
 * The three progress parsers on outputs recorded from real builds (test/client/fixtures/builds),
 * each folded into steps and mapped back to Dockerfile lines through the server's step plan
 * (where a failure lands is tested with the matching, in test/service/cache-match.test.ts).
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { stepCounts, summaryLine } from '../../../client/src/docker/buildState';
import { fixture, parseRecorded, stepTable } from './helpers';

const FIRST_BUILD = [
  // Both stages start FROM the same image: BuildKit merges the two FROM vertices into one, which
  // both FROM lines share.
  'L4 DONE [stage-1 1/4] FROM docker.io/local/busybox:latest',
  'L7 DONE [build 2/6] WORKDIR /src',
  'L8 DONE [build 3/6] COPY lib.txt .',
  'L9 DONE [build 4/6] RUN cat lib.txt > out.txt',
  'L10 DONE [build 5/6] COPY app.sh .',
  `L11 DONE [build 6/6] RUN printf '%s|%s\\n' "hi" "plain" >> out.txt && cat app.sh >> out.txt`,
  'L13 DONE [stage-1 1/4] FROM docker.io/local/busybox:latest',
  'L14 DONE [stage-1 2/4] WORKDIR /srv',
  'L15 DONE [stage-1 3/4] COPY --from=build /src/out.txt /srv/out.txt',
  'L16 DONE [stage-1 4/4] COPY app.sh /srv/app.sh',
];

test('rawjson: a first build maps every step to its line in both stages', () => {
  const { state } = parseRecorded('rawjson', fixture('rawjson-first.txt'));
  assert.deepEqual(stepTable(state, fixture('Dockerfile')), FIRST_BUILD);
  assert.equal(state.error, null);
});

test('rawjson: a rebuild reports every step but FROM cached', () => {
  const { state } = parseRecorded('rawjson', fixture('rawjson-cached.txt'));
  assert.deepEqual(stepTable(state, fixture('Dockerfile')).filter((row) => !row.includes(' CACHED ')), ['L4 DONE [build 1/6] FROM docker.io/local/busybox:latest', 'L13 DONE [build 1/6] FROM docker.io/local/busybox:latest']);
  assert.deepEqual(stepCounts(state), { total: 9, cached: 8, built: 1, failed: 0 });
});

test('rawjson: after app.sh changed, exactly the steps from its COPY onward are rebuilt', () => {
  const { state } = parseRecorded('rawjson', fixture('rawjson-app-changed.txt'), 13);
  assert.deepEqual(stepTable(state, fixture('Dockerfile')), [
    'L4 DONE [build 1/6] FROM docker.io/local/busybox:latest',
    'L7 CACHED [build 2/6] WORKDIR /src',
    'L8 CACHED [build 3/6] COPY lib.txt .',
    'L9 CACHED [build 4/6] RUN cat lib.txt > out.txt',
    'L10 DONE [build 5/6] COPY app.sh .',
    `L11 DONE [build 6/6] RUN printf '%s|%s\\n' "hi" "plain" >> out.txt && cat app.sh >> out.txt`,
    'L13 DONE [build 1/6] FROM docker.io/local/busybox:latest',
    'L14 CACHED [stage-1 2/4] WORKDIR /srv',
    'L15 DONE [stage-1 3/4] COPY --from=build /src/out.txt /srv/out.txt',
    'L16 DONE [stage-1 4/4] COPY app.sh /srv/app.sh',
  ]);
});

test('rawjson: a failed RUN keeps its error, its logs and the location BuildKit prints after the stream', () => {
  const { state } = parseRecorded('rawjson', fixture('rawjson-failing.txt'));
  const failed = state.steps.get(state.failedStep ?? '');
  assert.equal(failed?.info.name, '[build 4/6] RUN echo about to fail && cat missing.txt > out.txt');
  assert.deepEqual(failed?.logs, ['about to fail', "cat: can't open 'missing.txt': No such file or directory"]);
  assert.equal(state.error, 'process "/bin/sh -c echo about to fail && cat missing.txt > out.txt" did not complete successfully: exit code: 1');
  assert.deepEqual(state.errorLocation, { file: 'Dockerfile', line: 9 });
  assert.deepEqual(stepTable(state, fixture('Dockerfile.failing')).slice(0, 5), [
    'L4 DONE [build 1/6] FROM docker.io/local/busybox:latest',
    'L7 CACHED [build 2/6] WORKDIR /src',
    'L8 CACHED [build 3/6] COPY lib.txt .',
    'L9 ERROR [build 4/6] RUN echo about to fail && cat missing.txt > out.txt',
    'L10 PENDING [build 5/6] COPY app.sh .',
  ]);
  assert.equal(
    summaryLine(state, { exitCode: 1, cancelled: false, durationMs: 1234, tag: 't' }),
    'Build failed at [build 4/6] RUN echo about to fail && cat missing.txt > out.txt after 1.2s (9 steps, 2 cached, 1 built): process "/bin/sh -c echo about to fail && cat missing.txt > out.txt" did not complete successfully: exit code: 1',
  );
});

test('rawjson: an ONBUILD trigger runs first in the child stage and maps to the ONBUILD line', () => {
  const { state } = parseRecorded('rawjson', fixture('rawjson-onbuild.txt'));
  assert.deepEqual(stepTable(state, fixture('Dockerfile.onbuild')), [
    'L1 CACHED [base 1/2] FROM docker.io/local/busybox:latest',
    'L2 (ONBUILD) DONE [child 1/2] RUN echo triggered > /t.txt',
    'L3 DONE [base 2/2] RUN echo base',
    'L6 DONE [child 2/2] WORKDIR /w',
    // BuildKit 0.13 leaves the trigger out of the total, hence 3/2.
    'L7 DONE [child 3/2] RUN cat /t.txt',
  ]);
});

test('plain: a cached rebuild, with the image id', () => {
  const { state } = parseRecorded('plain', fixture('plain-cached.txt'), 5);
  assert.deepEqual(stepTable(state, fixture('Dockerfile')), [
    'L4 DONE [build 1/6] FROM docker.io/local/busybox:latest',
    'L7 CACHED [build 2/6] WORKDIR /src',
    'L8 CACHED [build 3/6] COPY lib.txt .',
    'L9 CACHED [build 4/6] RUN cat lib.txt > out.txt',
    'L10 CACHED [build 5/6] COPY app.sh .',
    `L11 CACHED [build 6/6] RUN printf '%s|%s\\n' "hi" "plain" >> out.txt && cat app.sh >> out.txt`,
    'L13 DONE [build 1/6] FROM docker.io/local/busybox:latest',
    'L14 CACHED [stage-1 2/4] WORKDIR /srv',
    'L15 CACHED [stage-1 3/4] COPY --from=build /src/out.txt /srv/out.txt',
    'L16 CACHED [stage-1 4/4] COPY app.sh /srv/app.sh',
  ]);
  assert.equal(state.imageId, 'sha256:35db243e5da6cfce86c7c9002abd64ceca883646bfb57f6bc293fdb632816587');
});

test('plain: a failed RUN with its logs, its error and the summary location', () => {
  const { state } = parseRecorded('plain', fixture('plain-failing.txt'));
  const failed = state.steps.get(state.failedStep ?? '');
  assert.equal(failed?.info.name, '[build 4/6] RUN echo about to fail && cat missing.txt > out.txt');
  assert.deepEqual(failed?.logs, ["cat: can't open 'missing.txt': No such file or directory", 'about to fail']);
  assert.deepEqual(state.errorLocation, { file: 'Dockerfile', line: 9 });
  assert.deepEqual(stepTable(state, fixture('Dockerfile.failing')).find((row) => row.startsWith('L9 ')), 'L9 ERROR [build 4/6] RUN echo about to fail && cat missing.txt > out.txt');
});

test('legacy: Step i/n numbers every instruction of the file, global ARG included', () => {
  const first = parseRecorded('legacy', fixture('legacy-first.txt'));
  const table = stepTable(first.state, fixture('Dockerfile'));
  assert.equal(table.length, 15);
  assert.deepEqual([table[0], table[9], table[14]], ['L3 DONE Step 1/15 : ARG BASE=local/busybox:latest', 'L13 DONE Step 10/15 : FROM ${BASE}', 'L18 DONE Step 15/15 : CMD ["sh", "/srv/app.sh"]']);
  assert.equal(first.state.imageId, 'dac67a9d7fc5');
  const cached = parseRecorded('legacy', fixture('legacy-cached.txt'));
  assert.deepEqual(stepCounts(cached.state), { total: 15, cached: 12, built: 3, failed: 0 });
});

test('legacy: a failed RUN, its logs without colour codes, on its line', () => {
  const { state } = parseRecorded('legacy', fixture('legacy-failing.txt'));
  const failed = state.steps.get(state.failedStep ?? '');
  assert.equal(failed?.info.name, 'Step 7/15 : RUN echo about to fail && cat missing.txt > out.txt');
  assert.deepEqual(failed?.logs, ['about to fail', "cat: can't open 'missing.txt': No such file or directory"]);
  assert.equal(state.error, "The command '/bin/sh -c echo about to fail && cat missing.txt > out.txt' returned a non-zero code: 1");
  assert.equal(stepTable(state, fixture('Dockerfile.failing')).at(-1), 'L9 ERROR Step 7/15 : RUN echo about to fail && cat missing.txt > out.txt');
});
