/**
 * The step plan (service/cache/plan.ts) on Dockerfiles written for the case: stage resolution
 * with global ARGs and build args, the stages each builder runs, BuildKit's per-stage numbering
 * (image FROM, stage on stage, scratch, ONBUILD triggers) and the legacy builder's, the printed
 * text (continuations, comments, the backtick escape, heredocs), ARGs and ports. Recorded builds
 * are matched against plans in cache-match.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../server/src/service/model';
import { buildPlan } from '../../server/src/service/cache/plan';
import type { BuildPlan } from '../../server/src/protocol';

/** One line per step: 1-based lines, stage, keyword, BuildKit's and the legacy numbering, output, text. */
function render(plan: BuildPlan): string[] {
  return plan.steps.map((step) => {
    const lines = step.line === step.endLine ? `L${step.line + 1}` : `L${step.line + 1}-${step.endLine + 1}`;
    const buildkit = step.buildkit ? `[${step.buildkit.stage ? `${step.buildkit.stage} ` : ''}${step.buildkit.index}/${step.buildkit.total}]` : '-';
    const legacy = step.legacy ? `Step ${step.legacy.index}/${step.legacy.total}` : '-';
    return `${lines} s${step.stage} ${buildkit} ${legacy} ${step.output}${step.trigger ? ' trigger' : ''} | ${step.text}`;
  });
}

function plan(text: string, target: string | null = null, buildArgs: Record<string, string> = {}): BuildPlan {
  return buildPlan(buildModel(text), target, buildArgs);
}

test("the issue's example: a global ARG names a stage in FROM, a multi-name ARG is offered whole", () => {
  const result = plan('ARG BASE=build\nFROM alpine AS build\nARG A B=1\nFROM ${BASE} AS final\n');
  assert.deepEqual(result.stages, [
    { index: 0, name: 'build', base: 'alpine', parentStage: null, line: 1, endLine: 2 },
    { index: 1, name: 'final', base: 'build', parentStage: 0, line: 3, endLine: 3 },
  ]);
  assert.deepEqual(result.buildArgs, [
    { name: 'BASE', defaultValue: 'build', line: 0 },
    { name: 'A', defaultValue: null, line: 2 },
    { name: 'B', defaultValue: '1', line: 2 },
  ]);
  assert.deepEqual([result.targetStage, result.builtStages], [1, [0, 1]]);
  assert.deepEqual(render(result), [
    'L1 s-1 - Step 1/4 metadata | ARG BASE=build',
    'L2 s0 [build 1/1] Step 2/4 metadata | FROM alpine AS build',
    'L3 s0 - Step 3/4 metadata | ARG A B=1',
    // A stage on a stage has no FROM step of its own in BuildKit.
    'L4 s1 - Step 4/4 metadata | FROM ${BASE} AS final',
  ]);
});

const MULTI = [
  'ARG BASE=local/busybox:latest', //  1
  'FROM ${BASE} AS Build', //          2
  'ARG V', //                          3
  'ENV A=1', //                        4
  'WORKDIR /src', //                   5
  'RUN make \\', //                    6
  '  # a comment inside the continuation', // 7
  '  all', //                          8
  'COPY . .', //                       9
  '', //                               10
  'FROM build AS test', //             11
  'RUN make test', //                  12
  'FROM scratch', //                   13
  'COPY --from=BUILD /out /out', //    14
  'FROM local/busybox:latest', //      15
  'LABEL x=y', //                      16
  'ADD a /a', //                       17
  'EXPOSE 8080', //                    18
].join('\n');

test('multi-stage, last stage: BuildKit builds only what it needs, the legacy builder every stage', () => {
  const result = plan(MULTI);
  assert.deepEqual([result.targetStage, result.builtStages], [3, [3]]);
  assert.deepEqual(render(result), [
    'L1 s-1 - Step 1/15 metadata | ARG BASE=local/busybox:latest',
    'L2 s0 - Step 2/15 not-in-image | FROM ${BASE} AS Build',
    'L3 s0 - Step 3/15 not-in-image | ARG V',
    'L4 s0 - Step 4/15 not-in-image | ENV A=1',
    'L5 s0 - Step 5/15 not-in-image | WORKDIR /src',
    'L6-8 s0 - Step 6/15 not-in-image | RUN make   all',
    'L9 s0 - Step 7/15 not-in-image | COPY . .',
    'L11 s1 - Step 8/15 not-in-image | FROM build AS test',
    'L12 s1 - Step 9/15 not-in-image | RUN make test',
    'L13 s2 - Step 10/15 not-in-image | FROM scratch',
    'L14 s2 - Step 11/15 not-in-image | COPY --from=BUILD /out /out',
    'L15 s3 [stage-3 1/2] Step 12/15 metadata | FROM local/busybox:latest',
    'L16 s3 - Step 13/15 metadata | LABEL x=y',
    'L17 s3 [stage-3 2/2] Step 14/15 layer | ADD a /a',
    'L18 s3 - Step 15/15 metadata | EXPOSE 8080',
  ]);
  assert.deepEqual(result.exposedPorts, ['8080']);
});

test('multi-stage, a scratch target: COPY --from (any case) pulls its stage in; names print lower-cased', () => {
  const result = plan(MULTI, 'stage-2');
  assert.deepEqual([result.targetStage, result.builtStages], [2, [0, 2]]);
  assert.deepEqual(render(result), [
    'L1 s-1 - Step 1/11 metadata | ARG BASE=local/busybox:latest',
    'L2 s0 [build 1/4] Step 2/11 not-in-image | FROM ${BASE} AS Build',
    'L3 s0 - Step 3/11 not-in-image | ARG V',
    'L4 s0 - Step 4/11 not-in-image | ENV A=1',
    'L5 s0 [build 2/4] Step 5/11 not-in-image | WORKDIR /src',
    'L6-8 s0 [build 3/4] Step 6/11 not-in-image | RUN make   all',
    'L9 s0 [build 4/4] Step 7/11 not-in-image | COPY . .',
    'L11 s1 - Step 8/11 not-in-image | FROM build AS test',
    'L12 s1 - Step 9/11 not-in-image | RUN make test',
    // scratch has no FROM step.
    'L13 s2 - Step 10/11 metadata | FROM scratch',
    'L14 s2 [stage-2 1/1] Step 11/11 layer | COPY --from=BUILD /out /out',
  ]);
});

test('a stage on a stage: the chain is in the image, its FROM is no step; targets by name without case or index', () => {
  const result = plan(MULTI, 'TEST');
  assert.deepEqual([result.targetStage, result.builtStages], [1, [0, 1]]);
  assert.deepEqual(render(result).slice(1, 9), [
    'L2 s0 [build 1/4] Step 2/9 metadata | FROM ${BASE} AS Build',
    'L3 s0 - Step 3/9 metadata | ARG V',
    'L4 s0 - Step 4/9 metadata | ENV A=1',
    'L5 s0 [build 2/4] Step 5/9 metadata | WORKDIR /src',
    'L6-8 s0 [build 3/4] Step 6/9 layer | RUN make   all',
    'L9 s0 [build 4/4] Step 7/9 layer | COPY . .',
    'L11 s1 - Step 8/9 metadata | FROM build AS test',
    'L12 s1 [test 1/1] Step 9/9 layer | RUN make test',
  ]);
  assert.equal(plan(MULTI, '1').targetStage, 1);
  assert.equal(plan(MULTI, 'nosuch').targetStage, 3, 'an unknown target plans the last stage, as a build without one would');
});

test('a stage after the target that COPY --from names is built by BuildKit only; RUN --mount from= counts too', () => {
  const text = ['FROM a AS one', 'COPY --from=two /x /x', 'RUN --mount=type=bind,from=three,target=/t true', 'FROM b AS two', 'FROM c AS three', 'FROM d AS unused'].join('\n');
  const result = plan(text, 'one');
  assert.deepEqual(result.builtStages, [0, 1, 2]);
  assert.deepEqual(render(result), [
    'L1 s0 [one 1/3] Step 1/3 metadata | FROM a AS one',
    'L2 s0 [one 2/3] Step 2/3 layer | COPY --from=two /x /x',
    'L3 s0 [one 3/3] Step 3/3 layer | RUN --mount=type=bind,from=three,target=/t true',
    'L4 s1 [two 1/1] - not-in-image | FROM b AS two',
    'L5 s2 [three 1/1] - not-in-image | FROM c AS three',
  ]);
});

test("ONBUILD: the parent's triggers run first in the child, on their ONBUILD lines, outside BuildKit's total", () => {
  const text = [
    'FROM local/busybox AS base', // 1
    'ONBUILD COPY x /x', //          2
    'ONBUILD ENV Y=1', //            3
    'ONBUILD RUN echo hi', //        4
    'RUN echo base', //              5
    'FROM base AS child', //         6
    'WORKDIR /w', //                 7
    'RUN echo child', //             8
  ].join('\n');
  assert.deepEqual(render(plan(text)), [
    'L1 s0 [base 1/2] Step 1/8 metadata | FROM local/busybox AS base',
    'L2 s0 - Step 2/8 metadata | ONBUILD COPY x /x',
    'L3 s0 - Step 3/8 metadata | ONBUILD ENV Y=1',
    'L4 s0 - Step 4/8 metadata | ONBUILD RUN echo hi',
    'L5 s0 [base 2/2] Step 5/8 layer | RUN echo base',
    'L6 s1 - Step 6/8 metadata | FROM base AS child',
    'L2 s1 [child 1/2] - layer trigger | COPY x /x',
    'L3 s1 - - metadata trigger | ENV Y=1',
    'L4 s1 [child 2/2] - layer trigger | RUN echo hi',
    'L7 s1 [child 3/2] Step 7/8 metadata | WORKDIR /w',
    'L8 s1 [child 4/2] Step 8/8 layer | RUN echo child',
  ]);
  const steps = plan(text).steps.filter((step) => step.trigger);
  assert.deepEqual(steps.map((step) => step.keyword), ['COPY', 'ENV', 'RUN']);
});

test('the backtick escape directive: continuations end in a backtick, backslashes are plain; a single stage prints no name', () => {
  const text = ['# escape=`', 'FROM local/busybox', 'RUN echo one `', '    two `', '    three', 'WORKDIR C:\\app\\', 'RUN echo `', '  done'].join('\n');
  assert.deepEqual(render(plan(text)), [
    'L2 s0 [1/4] Step 1/4 metadata | FROM local/busybox',
    // BuildKit 0.13 printed these three exactly so for this file.
    'L3-5 s0 [2/4] Step 2/4 layer | RUN echo one     two     three',
    'L6 s0 [3/4] Step 3/4 metadata | WORKDIR C:\\app\\',
    'L7-8 s0 [4/4] Step 4/4 layer | RUN echo   done',
  ]);
});

test('heredoc bodies belong to their instruction and are not printed', () => {
  const text = ['FROM local/busybox AS build', 'RUN <<EOT', 'echo building', 'FROM fake', 'EOT', 'COPY <<-A <<B /dst/', '\tbody a', '\tA', 'body b', 'B', 'RUN done'].join('\n');
  assert.deepEqual(render(plan(text)), [
    'L1 s0 [1/4] Step 1/4 metadata | FROM local/busybox AS build',
    'L2-5 s0 [2/4] Step 2/4 layer | RUN <<EOT',
    'L6-10 s0 [3/4] Step 3/4 layer | COPY <<-A <<B /dst/',
    'L11 s0 [4/4] Step 4/4 layer | RUN done',
  ]);
});

test('build args given for global ARGs reach FROM, later global defaults included; others do not', () => {
  const text = ['ARG FLAVOUR=alpine', 'ARG BASE=${FLAVOUR}', 'FROM debian AS deb', 'FROM alpine AS alp', 'FROM ${BASE} AS final', 'FROM ${UNDECLARED:-deb} AS other'].join('\n');
  const parents = (result: BuildPlan) => result.stages.map((stage) => `${stage.base}<${stage.parentStage ?? '-'}`);
  assert.deepEqual(parents(plan(text)), ['debian<-', 'alpine<-', 'alpine<-', 'deb<0']);
  assert.deepEqual(parents(plan(text, null, { FLAVOUR: 'alp' })), ['debian<-', 'alpine<-', 'alp<1', 'deb<0']);
  assert.deepEqual(parents(plan(text, null, { BASE: 'DEB', UNDECLARED: 'alp' })), ['debian<-', 'alpine<-', 'DEB<0', 'deb<0']);
  assert.deepEqual(plan(text, 'final', { FLAVOUR: 'alp' }).builtStages, [1, 2]);
  assert.deepEqual(plan('FROM ${TARGETOS:-x}-base\n', null, { X: '1' }).stages[0].base, 'linux-base', 'the platform ARGs stay set in FROM');
});

test('ARGs to offer: global and built stages, the first default found, not the builder-set ones; ports of the chain', () => {
  const text = [
    'ARG BASE=x',
    'ARG TOKEN',
    'ARG VERSION=1.0',
    'FROM $BASE AS a',
    'ARG TOKEN',
    'ARG VERSION',
    'ARG MODE="fast"',
    'ARG TARGETARCH',
    'ARG HTTP_PROXY',
    'EXPOSE 8080 53/udp $PORT 9000-9001',
    'FROM a AS b',
    'EXPOSE 9000 8080/TCP',
    'FROM x AS c',
    'ARG ONLY_C',
    'EXPOSE 7000',
  ].join('\n');
  assert.deepEqual(plan(text, 'b').buildArgs, [
    { name: 'BASE', defaultValue: 'x', line: 0 },
    { name: 'TOKEN', defaultValue: null, line: 1 },
    { name: 'VERSION', defaultValue: '1.0', line: 2 },
    { name: 'MODE', defaultValue: 'fast', line: 6 },
    { name: 'HTTP_PROXY', defaultValue: null, line: 8 },
  ]);
  assert.deepEqual(plan(text, 'b').exposedPorts, ['8080', '53/udp', '9000', '8080/tcp']);
  assert.deepEqual(plan(text, null).exposedPorts, ['7000']);
  assert.deepEqual(plan(text, null).buildArgs.map((arg) => arg.name), ['BASE', 'TOKEN', 'VERSION', 'MODE', 'HTTP_PROXY', 'ONLY_C']);
});

test('a file without stages plans nothing', () => {
  assert.deepEqual(plan('# just a comment\n'), { target: null, targetStage: -1, stages: [], builtStages: [], steps: [], buildArgs: [], exposedPorts: [] });
  assert.deepEqual(render(plan('ARG A=1\n', 'x')), ['L1 s-1 - Step 1/1 metadata | ARG A=1']);
});
