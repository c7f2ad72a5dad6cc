/**
 * Step-to-line mapping on Dockerfiles written for the case: stage numbering, a stage built on
 * another, scratch, ONBUILD, the backtick escape, continuations with comments, heredocs.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildArgs, exposedPorts, scanDockerfile, stageChain } from '../../../client/src/docker/dockerfileSteps';
import { parseBuildkitStepName } from '../../../client/src/docker/events';
import { locateStep } from '../../../client/src/docker/stepLines';

/** 1-based line of a BuildKit step name, or 0 when it cannot be placed. */
function lineOf(dockerfile: string, name: string, target: string | null = null): number {
  const location = locateStep(scanDockerfile(dockerfile), parseBuildkitStepName('x', name), target);
  return location ? location.startLine + 1 : 0;
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
  assert.equal(lineOf(MULTI, '[build 1/4] FROM docker.io/local/busybox:latest'), 2);
  assert.equal(lineOf(MULTI, '[build 2/4] WORKDIR /src'), 5);
  assert.equal(lineOf(MULTI, '[build 3/4] RUN make     all'), 6);
  assert.equal(lineOf(MULTI, '[build 4/4] COPY . .'), 9);
});

test('a stage built on a stage, and a scratch stage, have no FROM step', () => {
  assert.equal(lineOf(MULTI, '[test 1/1] RUN make test'), 12);
  assert.equal(lineOf(MULTI, '[stage-2 1/1] COPY --from=build /out /out'), 14);
  assert.equal(lineOf(MULTI, '[stage-3 2/2] ADD a /a'), 17);
  assert.equal(lineOf(MULTI, '[linux/arm64 stage-3 2/2] ADD a /a'), 17, 'a platform prefix is skipped');
});

test('internal steps and unknown stages are not placed', () => {
  assert.equal(lineOf(MULTI, '[internal] load build definition from Dockerfile'), 0);
  assert.equal(lineOf(MULTI, 'exporting to image'), 0);
  assert.equal(lineOf(MULTI, '[nosuch 1/1] RUN x'), 0);
});

test('a single-stage build has no stage in its step names', () => {
  assert.equal(lineOf('FROM local/busybox AS only\nRUN echo a\n', '[2/2] RUN echo a'), 2);
});

test('ONBUILD triggers of the parent stage run first in the child and map to the ONBUILD line', () => {
  const file = [
    'FROM local/busybox AS base', // 1
    'ONBUILD COPY x /x', //          2
    'ONBUILD ENV Y=1', //            3 (not a step)
    'ONBUILD RUN echo hi', //        4
    'RUN echo base', //              5
    'FROM base AS child', //         6
    'RUN echo child', //             7
  ].join('\n');
  assert.equal(lineOf(file, '[child 1/1] COPY x /x'), 2);
  assert.equal(lineOf(file, '[child 2/1] RUN echo hi'), 4);
  assert.equal(lineOf(file, '[child 3/1] RUN echo child'), 7);
  assert.equal(lineOf(file, '[base 2/2] RUN echo base'), 5);
  const location = locateStep(scanDockerfile(file), parseBuildkitStepName('x', '[child 2/1] RUN echo hi'));
  assert.equal(location?.trigger, true);
});

test('the backtick escape directive: continuations end in a backtick, backslashes are plain', () => {
  const file = ['# escape=`', 'FROM local/busybox', 'RUN echo one `', '    two `', '    three', 'WORKDIR C:\\app\\', 'RUN echo `', '  done'].join('\n');
  const scanned = scanDockerfile(file);
  assert.equal(scanned.escape, '`');
  assert.deepEqual(scanned.instructions.map((i) => [i.keyword, i.startLine + 1, i.endLine + 1]), [['FROM', 2, 2], ['RUN', 3, 5], ['WORKDIR', 6, 6], ['RUN', 7, 8]]);
  // The names as BuildKit 0.13 printed them for this file.
  assert.equal(lineOf(file, '[2/4] RUN echo one     two     three'), 3);
  assert.equal(lineOf(file, '[3/4] WORKDIR C:\\app\\'), 6);
  assert.equal(lineOf(file, '[4/4] RUN echo   done'), 7);
});

test('heredoc bodies belong to their instruction, so later steps keep their lines', () => {
  const file = ['FROM local/busybox AS build', 'RUN <<EOT', 'echo building', 'FROM fake', 'EOT', 'COPY <<-A <<B /dst/', '\tbody a', '\tA', 'body b', 'B', 'RUN done'].join('\n');
  const scanned = scanDockerfile(file);
  assert.deepEqual(scanned.instructions.map((i) => [i.keyword, i.startLine + 1, i.endLine + 1]), [['FROM', 1, 1], ['RUN', 2, 5], ['COPY', 6, 10], ['RUN', 11, 11]]);
  assert.equal(scanned.stages.length, 1);
  assert.equal(lineOf(file, '[build 4/4] RUN done'), 11);
});

test('the text decides when the count does not line up (triggers of an image ONBUILD)', () => {
  const file = 'FROM some/image-with-onbuild AS app\nWORKDIR /app\nRUN build it\n';
  assert.equal(lineOf(file, '[app 4/3] RUN build it'), 3);
});

test('ARGs to ask for, EXPOSEd ports of the target chain', () => {
  const file = 'ARG BASE=x\nARG TOKEN\nFROM $BASE AS a\nARG TOKEN\nARG MODE="fast"\nEXPOSE 8080 53/udp\nFROM a AS b\nEXPOSE 9000\nFROM x AS c\nEXPOSE 7000\n';
  const scanned = scanDockerfile(file);
  assert.deepEqual(buildArgs(scanned), [{ name: 'BASE', defaultValue: 'x' }, { name: 'TOKEN', defaultValue: null }, { name: 'MODE', defaultValue: 'fast' }]);
  assert.deepEqual(exposedPorts(scanned, 'b'), ['8080', '53/udp', '9000']);
  assert.deepEqual(exposedPorts(scanned, null), ['7000']);
  assert.deepEqual(stageChain(scanned, '1').map((stage) => stage.name), ['a', 'b']);
});
