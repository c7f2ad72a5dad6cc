/**
 * Matching what a builder printed to the plan (service/cache/match.ts): step names written for
 * the case (stage numbering, stage on stage, scratch, ONBUILD, the backtick escape, heredocs, a
 * base image's own triggers), every recorded build of test/client/fixtures/builds and of
 * ../shared/recipes/docker-engine/samples*, and where a failure lands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { observedSteps } from '../../client/src/docker/buildState';
import { parseBuildkitStepName } from '../../client/src/docker/events';
import type { BuildMode } from '../../client/src/docker/argv';
import type { ObservedStep } from '../../server/src/protocol';
import { matchSteps, placeFailure } from '../../server/src/service';
import { fixture, matchTable, parseRecorded, planOf } from '../client/docker/helpers';

/** An observed step from a name as BuildKit prints it. */
function observe(name: string, extra: Partial<ObservedStep> = {}): ObservedStep {
  const info = parseBuildkitStepName('x', name);
  return { name, stage: info.stage, index: info.index, total: info.total, numbering: 'per-stage', keyword: info.keyword, text: info.text, cached: false, completed: true, durationMs: 1, error: null, logs: [], ...extra };
}

/** 1-based line each BuildKit step name lands on (0: nowhere), all matched at once as one build. */
function linesOf(dockerfile: string, names: string[], target: string | null = null): number[] {
  const observed = names.map((name) => observe(name));
  const matched = matchSteps(planOf(dockerfile, target), observed);
  const plan = planOf(dockerfile, target);
  return observed.map((step) => {
    const i = matched.indexOf(step);
    return i < 0 ? 0 : plan.steps[i].line + 1;
  });
}

const MULTI = [
  'ARG BASE=local/busybox:latest', // 1
  'FROM ${BASE} AS build', //         2
  'ARG V', //                         3
  'ENV A=1', //                       4
  'WORKDIR /src', //                  5
  'RUN make \\', //                   6
  '  # a comment inside the continuation', // 7
  '  all', //                         8
  'COPY . .', //                      9
  '', //                              10
  'FROM build AS test', //            11
  'RUN make test', //                 12
  'FROM scratch', //                  13
  'COPY --from=build /out /out', //   14
  'FROM local/busybox:latest', //     15
  'LABEL x=y', //                     16
  'ADD a /a', //                      17
].join('\n');

test('BuildKit numbering: FROM of an image is 1, only RUN COPY ADD WORKDIR count, continuations keep their first line', () => {
  const names = ['[build 1/4] FROM docker.io/local/busybox:latest', '[build 2/4] WORKDIR /src', '[build 3/4] RUN make   all', '[build 4/4] COPY . .'];
  assert.deepEqual(linesOf(MULTI, names, 'build'), [2, 5, 6, 9]);
});

test('a stage built on a stage, and a scratch stage, have no FROM step; a platform prefix is skipped', () => {
  assert.deepEqual(linesOf(MULTI, ['[test 1/1] RUN make test'], 'test'), [12]);
  assert.deepEqual(linesOf(MULTI, ['[stage-2 1/1] COPY --from=build /out /out'], '2'), [14]);
  assert.deepEqual(linesOf(MULTI, ['[stage-3 2/2] ADD a /a', '[linux/arm64 stage-3 1/2] FROM docker.io/local/busybox:latest'], null), [17, 15]);
});

test('internal steps, unknown stages and a wrong keyword are not placed', () => {
  assert.deepEqual(linesOf(MULTI, ['[internal] load build definition from Dockerfile', 'exporting to image', '[nosuch 1/1] RUN x', '[stage-3 2/2] RUN not-an-add'], null), [0, 0, 0, 0]);
});

test('a single-stage build has no stage in its step names', () => {
  assert.deepEqual(linesOf('FROM local/busybox AS only\nRUN echo a\n', ['[1/2] FROM docker.io/local/busybox:latest', '[2/2] RUN echo a']), [1, 2]);
});

test("ONBUILD triggers of the parent stage run first in the child and land on their ONBUILD lines", () => {
  const file = ['FROM local/busybox AS base', 'ONBUILD COPY x /x', 'ONBUILD ENV Y=1', 'ONBUILD RUN echo hi', 'RUN echo base', 'FROM base AS child', 'RUN echo child'].join('\n');
  const names = ['[child 1/1] COPY x /x', '[child 2/1] RUN echo hi', '[child 3/1] RUN echo child', '[base 2/2] RUN echo base'];
  assert.deepEqual(linesOf(file, names), [2, 4, 7, 5]);
  const plan = planOf(file);
  const observed = names.map((name) => observe(name));
  assert.deepEqual(matchSteps(plan, observed).flatMap((step, i) => (step ? [`${plan.steps[i].trigger ? 'trigger' : 'own'} ${step.name}`] : [])), [
    'own [base 2/2] RUN echo base',
    'trigger [child 1/1] COPY x /x',
    'trigger [child 2/1] RUN echo hi',
    'own [child 3/1] RUN echo child',
  ]);
});

test('the backtick escape directive: names as BuildKit 0.13 printed them for this file', () => {
  const file = ['# escape=`', 'FROM local/busybox', 'RUN echo one `', '    two `', '    three', 'WORKDIR C:\\app\\', 'RUN echo `', '  done'].join('\n');
  assert.deepEqual(linesOf(file, ['[2/4] RUN echo one     two     three', '[3/4] WORKDIR C:\\app\\', '[4/4] RUN echo   done']), [3, 6, 7]);
});

test('heredoc bodies belong to their instruction, so later steps keep their lines', () => {
  const file = ['FROM local/busybox AS build', 'RUN <<EOT', 'echo building', 'FROM fake', 'EOT', 'COPY <<-A <<B /dst/', '\tbody a', '\tA', 'body b', 'B', 'RUN done'].join('\n');
  assert.deepEqual(linesOf(file, ['[2/4] RUN <<EOT (echo building...)', '[4/4] RUN done']), [2, 11]);
});

test("a base image's own ONBUILD triggers shift the numbers: the index past the total gives the shift", () => {
  const file = 'FROM some/image-with-onbuild AS app\nWORKDIR /app\nRUN build it\n';
  // The image's two triggers are steps 2 and 3; the Dockerfile's own are 4 and 5 of 3.
  const names = ['[1/3] FROM docker.io/some/image-with-onbuild:latest', '[2/3] COPY . /app', '[3/3] RUN npm install', '[4/3] WORKDIR /app', '[5/3] RUN build it'];
  assert.deepEqual(linesOf(file, names), [1, 0, 0, 2, 3]);
  assert.deepEqual(linesOf(file, ['[4/3] RUN build it']), [3], 'a lone step past the total is found by its text');
});

test('the legacy builder: Step i/n over the whole file, then the text when the count is off', () => {
  const legacy = (index: number, total: number, text: string): ObservedStep => ({ ...observe(text), name: `Step ${index}/${total} : ${text}`, stage: null, index, total, numbering: 'file', keyword: text.split(' ')[0], text });
  const plan = planOf(MULTI, 'test');
  const observed = [legacy(1, 9, 'ARG BASE=local/busybox:latest'), legacy(2, 9, 'FROM ${BASE} AS build'), legacy(6, 9, 'RUN make   all'), legacy(9, 9, 'RUN make test'), legacy(12, 12, 'COPY . .')];
  const matched = matchSteps(plan, observed);
  assert.deepEqual(observed.map((step) => plan.steps[matched.indexOf(step)]?.line + 1), [1, 2, 6, 12, 9]);
});

const SHARED = join(process.cwd(), '..', 'shared', 'recipes', 'docker-engine');

/** Every recorded build: its Dockerfile, progress format and the text. */
function recordings(): { name: string; dockerfile: string; mode: BuildMode; text: string }[] {
  const builds = join(process.cwd(), 'test/client/fixtures/builds');
  const ours = readdirSync(builds)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => ({
      name,
      dockerfile: fixture(name.includes('failing') ? 'Dockerfile.failing' : name.includes('onbuild') ? 'Dockerfile.onbuild' : 'Dockerfile'),
      mode: name.split('-')[0] as BuildMode,
      text: fixture(name),
    }));
  const read = (path: string) => readFileSync(join(SHARED, path), 'utf8');
  const theirs = [
    ...['bk-build1.txt', 'bk-build2.txt', 'bk-build3-app-changed.txt'].map((name) => ({ name, dockerfile: read('sample/Dockerfile'), mode: 'plain' as const, text: read(`samples/${name}`) })),
    ...['classic-build1.txt', 'classic-build2.txt'].map((name) => ({ name, dockerfile: read('sample/Dockerfile'), mode: 'legacy' as const, text: read(`samples/${name}`) })),
    ...['rawjson-1-first.jsonl', 'rawjson-2-cached.jsonl', 'rawjson-3-app-changed.jsonl'].map((name) => ({ name, dockerfile: read('samples-docker26/Dockerfile'), mode: 'rawjson' as const, text: read(`samples-docker26/${name}`) })),
    { name: 'rawjson-4-failing.jsonl', dockerfile: read('samples-docker26/Dockerfile.failing'), mode: 'rawjson' as const, text: read('samples-docker26/rawjson-4-failing.jsonl') },
    { name: 'plain-cached.txt (docker 26)', dockerfile: read('samples-docker26/Dockerfile'), mode: 'plain' as const, text: read('samples-docker26/plain-cached.txt') },
  ];
  return [...ours, ...theirs];
}

test('every step of every recorded build lands on a line holding its instruction', () => {
  assert.ok(existsSync(SHARED), `the recorded samples are in ${SHARED}`);
  const all = recordings();
  assert.equal(all.length, 20);
  for (const recording of all) {
    const observed = observedSteps(parseRecorded(recording.mode, recording.text).state);
    const plan = planOf(recording.dockerfile);
    const matched = matchSteps(plan, observed);
    const lines = recording.dockerfile.split('\n');
    assert.ok(observed.length >= 4, recording.name);
    for (const step of observed) {
      const i = matched.indexOf(step);
      assert.ok(i >= 0, `${recording.name}: ${step.name} is placed`);
      const planned = plan.steps[i];
      const written = lines[planned.line].trim().toUpperCase();
      assert.ok(written.startsWith(planned.trigger ? 'ONBUILD ' : `${step.keyword} `), `${recording.name}: ${step.name} on line ${planned.line + 1}: ${lines[planned.line]}`);
    }
  }
});

test('the recorded samples, step by step: BuildKit on Docker 20.10 (plain) and 26 (rawjson), and the legacy builder', () => {
  const read = (path: string) => readFileSync(join(SHARED, path), 'utf8');
  const table = (dockerfile: string, mode: BuildMode, text: string) => matchTable(planOf(dockerfile), observedSteps(parseRecorded(mode, text).state));
  assert.deepEqual(table(read('sample/Dockerfile'), 'plain', read('samples/bk-build3-app-changed.txt')), [
    'L3 DONE [builder 1/5] FROM docker.io/local/busybox:latest',
    'L6 CACHED [builder 2/5] WORKDIR /src',
    'L7 DONE [builder 3/5] COPY app.sh .',
    'L8 DONE [builder 4/5] RUN echo "building with GREETING=hello" && sed "s/__GREETING__/hello/" app.sh > app.out && chmod +x app.out',
    'L9 DONE [builder 5/5] RUN dd if=/dev/urandom of=/src/blob.bin bs=1024 count=512 2>/dev/null && sleep 2',
    'L11 DONE [builder 1/5] FROM docker.io/local/busybox:latest',
    'L14 CACHED [stage-1 2/4] WORKDIR /app',
    'L15 DONE [stage-1 3/4] COPY --from=builder /src/app.out /app/app',
    'L16 DONE [stage-1 4/4] COPY --from=builder /src/blob.bin /app/blob.bin',
  ]);
  const legacy = table(read('sample/Dockerfile'), 'legacy', read('samples/classic-build2.txt'));
  assert.equal(legacy.length, 17);
  assert.deepEqual([legacy[0], legacy[1], legacy[8], legacy[16]], [
    'L2 DONE Step 1/17 : ARG BASE=local/busybox:latest',
    'L3 DONE Step 2/17 : FROM ${BASE} AS builder',
    'L11 DONE Step 9/17 : FROM ${BASE}',
    'L19 CACHED Step 17/17 : CMD ["world"]',
  ]);
  assert.deepEqual(table(read('samples-docker26/Dockerfile.failing'), 'rawjson', read('samples-docker26/rawjson-4-failing.jsonl')), [
    'L1 DONE [build 1/4] FROM docker.io/local/busybox:latest',
    'L2 CACHED [build 2/4] WORKDIR /src',
    'L3 CACHED [build 3/4] COPY app.sh .',
    'L4 ERROR [build 4/4] RUN <<EOT (echo building...)',
    'L8 DONE [build 1/4] FROM docker.io/local/busybox:latest',
    'L9 PENDING [stage-1 2/3] COPY --from=build /src/big /big',
    'L10 PENDING [stage-1 3/3] COPY app.sh /app.sh',
  ]);
});

test('the failure lands on the failed RUN with its last log lines, in all three formats', () => {
  const dockerfile = fixture('Dockerfile.failing');
  const plan = planOf(dockerfile);
  for (const [mode, name] of [['rawjson', 'rawjson-failing.txt'], ['plain', 'plain-failing.txt'], ['legacy', 'legacy-failing.txt']] as const) {
    const { state } = parseRecorded(mode, fixture(name));
    const observed = observedSteps(state);
    const place = placeFailure(plan, observed, matchSteps(plan, observed), { dockerfile: '/w/Dockerfile', error: state.error, errorLocation: state.errorLocation });
    const error = mode === 'legacy' ? "The command '/bin/sh -c echo about to fail && cat missing.txt > out.txt' returned a non-zero code: 1" : 'process "/bin/sh -c echo about to fail && cat missing.txt > out.txt" did not complete successfully: exit code: 1';
    const logs = mode === 'plain' ? ["cat: can't open 'missing.txt': No such file or directory", 'about to fail'] : ['about to fail', "cat: can't open 'missing.txt': No such file or directory"];
    assert.deepEqual(place, { line: 9, endLine: 9, message: [error, ...logs].join('\n') }, mode);
  }
});

test("BuildKit's Dockerfile:N wins when it names this file; a failure outside any step still lands there", () => {
  const dockerfile = 'FROM local/busybox\nRUN one \\\n  two\nRUN three\n';
  const plan = planOf(dockerfile);
  const failed = [observe('[2/3] RUN one   two', { cached: true }), observe('[3/3] RUN three', { error: 'exit code: 2', logs: ['', 'boom'] })];
  const matched = matchSteps(plan, failed);
  const at = (file: string, line: number) => placeFailure(plan, failed, matched, { dockerfile: '/p/Dockerfile', error: 'exit code: 2', errorLocation: { file, line } });
  assert.deepEqual(at('Dockerfile', 2), { line: 2, endLine: 3, message: 'exit code: 2\nboom' });
  assert.deepEqual(at('other/Dockerfile.dev', 2), { line: 4, endLine: 4, message: 'exit code: 2\nboom' });
  const parseError = placeFailure(plan, [], [], { dockerfile: 'C:\\p\\Dockerfile', error: 'unknown instruction: RUNN', errorLocation: { file: 'Dockerfile', line: 9 } });
  assert.deepEqual(parseError, { line: 9, endLine: 9, message: 'unknown instruction: RUNN' });
  assert.equal(placeFailure(plan, [], [], { dockerfile: 'Dockerfile', error: 'no engine', errorLocation: null }), null);
  const cancelled = [observe('[2/3] RUN one   two', { error: 'canceled' })];
  assert.equal(placeFailure(plan, cancelled, matchSteps(plan, cancelled), { dockerfile: 'Dockerfile', error: 'canceled', errorLocation: null }), null, 'a cancelled step is not the failure');
});
