import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, type InstructionModel } from '../../server/src/service/model';
import { argsInScope, rebuildsWhen } from '../../server/src/service/cache/invalidation';
import { withCursor } from './helpers';

/** The instruction under the cursor (its ONBUILD trigger when `trigger`), and the model. */
function at(marked: string, trigger = false) {
  const { text, position } = withCursor(marked);
  const model = buildModel(text);
  const found = model.instructionAt(position)!;
  const instruction: InstructionModel = trigger ? found.trigger! : found;
  return { model, instruction };
}

/** rebuildsWhen, one `kind subject` per entry. */
function when(marked: string, stageIndex?: number): string[] {
  const { model, instruction } = at(marked, stageIndex !== undefined);
  return rebuildsWhen(model, instruction, stageIndex).map((i) => `${i.kind} ${i.subject}`);
}

function args(marked: string, buildArgs: Record<string, string> = {}, stageIndex?: number): Record<string, string> {
  const { model, instruction } = at(marked, stageIndex !== undefined);
  return argsInScope(model, instruction, buildArgs, stageIndex);
}

const STAGES = [
  'ARG BASE=alpine:3.20',
  'ARG GLOBAL_ONLY=g',
  'ARG SHARED=from-global',
  'FROM ${BASE} AS build',
  'ARG VERSION=1.0',
  'ARG SHARED',
  'ARG UNSET',
  'RUN make',
  'COPY src/ lib/*.c ./',
  'ENV LEVEL=$VERSION',
  'WORKDIR /w/$VERSION',
  'COPY --chown=$UNSET go.mod .',
  'LABEL x=y',
  'FROM build AS test',
  'RUN go test',
  'FROM scratch',
  'COPY --from=build /out /app',
  'COPY --from=nginx:1.25 /etc/nginx /etc/nginx',
  'CMD ["/app"]',
].join('\n');

/** STAGES with the cursor at the start of the given line (0-based). */
function cursorAt(line: number): string {
  const lines = STAGES.split('\n');
  lines[line] = `<|>${lines[line]}`;
  return lines.join('\n');
}

test('RUN: every ARG declared in its stage before it reaches the key, used or not; global ARGs only when re-declared', () => {
  assert.deepEqual(when(cursorAt(7)), ['text RUN make', 'build-arg VERSION', 'build-arg SHARED', 'build-arg UNSET', 'parent build']);
  // UNSET has no value (no default, no global, not given): it is not in the environment.
  assert.deepEqual(args(cursorAt(7)), { VERSION: '1.0', SHARED: 'from-global' });
  assert.deepEqual(args(cursorAt(7), { VERSION: '2.0', UNSET: 'u', GLOBAL_ONLY: 'x', SHARED: 'given' }), { VERSION: '2.0', SHARED: 'given', UNSET: 'u' });
});

test('a stage built FROM another inherits its ARGs and ENVs: they reach its RUNs', () => {
  assert.deepEqual(when(cursorAt(14)), [
    'text RUN go test',
    'build-arg VERSION',
    'build-arg SHARED',
    'build-arg UNSET',
    'parent test',
  ]);
  assert.deepEqual(args(cursorAt(14), { VERSION: '3' }), { VERSION: '3', SHARED: 'from-global' });
});

test('COPY from the context: its sources, the args its words name, and the earlier steps', () => {
  assert.deepEqual(when(cursorAt(8)), ['text COPY src/ lib/*.c ./', 'files src/ lib/*.c', 'parent build']);
  assert.deepEqual(when(cursorAt(11)), ['text COPY --chown=$UNSET go.mod .', 'files go.mod', 'build-arg UNSET', 'parent build']);
  assert.deepEqual(args(cursorAt(11), { UNSET: 'app' }), { UNSET: 'app' });
  assert.deepEqual(args(cursorAt(8), { VERSION: '9' }), {});
});

test('ENV and WORKDIR depend on the args they name; ENV is metadata (no parent), WORKDIR a step', () => {
  assert.deepEqual(when(cursorAt(9)), ['text ENV LEVEL=$VERSION', 'build-arg VERSION']);
  assert.deepEqual(when(cursorAt(10)), ['text WORKDIR /w/$VERSION', 'build-arg VERSION', 'parent build']);
  assert.deepEqual(when(cursorAt(12)), ['text LABEL x=y']);
  assert.deepEqual(when(cursorAt(18)), ['text CMD ["/app"]']);
});

test('a global ARG: its own value and the global args its default reads', () => {
  assert.deepEqual(when(cursorAt(0)), ['text ARG BASE=alpine:3.20', 'build-arg BASE']);
  assert.deepEqual(when('ARG A=1\n<|>ARG B=${A}.0\nFROM alpine'), ['text ARG B=${A}.0', 'build-arg A', 'build-arg B']);
  assert.deepEqual(args('ARG A=1\n<|>ARG B=${A}.0\nFROM alpine', { A: '2' }), { A: '2', B: '2.0' });
  assert.deepEqual(args('<|>ARG C\nFROM alpine'), {});
});

test('FROM: the base image and the global args it names; FROM a stage: that stage; scratch: its text', () => {
  assert.deepEqual(when(cursorAt(3)), ['text FROM ${BASE} AS build', 'base-image alpine:3.20', 'build-arg BASE']);
  assert.deepEqual(args(cursorAt(3), { BASE: 'alpine:3.21' }), { BASE: 'alpine:3.21' });
  assert.deepEqual(when(cursorAt(13)), ['text FROM build AS test', 'parent build']);
  assert.deepEqual(when(cursorAt(15)), ['text FROM scratch']);
});

test('COPY --from a stage: the files it takes from that stage; --from an image: that image', () => {
  assert.deepEqual(when(cursorAt(16)), ['text COPY --from=build /out /app', 'stage build', 'parent 2']);
  assert.deepEqual(when(cursorAt(17)), ['text COPY --from=nginx:1.25 /etc/nginx /etc/nginx', 'base-image nginx:1.25', 'parent 2']);
});

test('RUN mounts: a bind from a stage reads its files, a bind without from reads the context, a cache mount nothing', () => {
  const text = 'FROM alpine AS deps\nRUN true\nFROM alpine\n<|>RUN --mount=from=deps,target=/d --mount=type=bind,source=go.sum,target=/s --mount=type=cache,target=/c make';
  assert.deepEqual(when(text), [
    'text RUN --mount=from=deps,target=/d --mount=type=bind,source=go.sum,target=/s --mount=type=cache,target=/c make',
    'stage deps',
    'files go.sum',
    'parent 1',
  ]);
});

test('ENV of the same name replaces an ARG, but keeps the args its value came from', () => {
  assert.deepEqual(args('FROM alpine\nARG A=1\nENV A=fixed\n<|>RUN x', { A: '2' }), {});
  assert.deepEqual(args('FROM alpine\nARG A=1\nARG B=2\nENV C=${A}-x\n<|>RUN x', { A: '5' }), { A: '5', B: '2' });
  // An ARG default reads earlier args with this build's values.
  assert.deepEqual(args('FROM alpine\nARG A=1\nARG B=${A}.0\n<|>RUN x', { A: '7' }), { A: '7', B: '7.0' });
});

test('an ARG step depends on its own names; exec-form COPY and heredocs are read as sources', () => {
  assert.deepEqual(when('FROM alpine\n<|>ARG V=1'), ['text ARG V=1', 'build-arg V']);
  assert.deepEqual(when('FROM alpine\n<|>COPY ["a b.txt", "c", "/d/"]'), ['text COPY ["a b.txt", "c", "/d/"]', 'files a b.txt c', 'parent 0']);
  assert.deepEqual(when('FROM alpine\n<|>COPY <<EOF /x\nhi\nEOF'), ['text COPY <<EOF /x', 'parent 0']);
  assert.deepEqual(when('FROM alpine\n<|>ADD https://example.com/a.tgz /a'), ['text ADD https://example.com/a.tgz /a', 'files https://example.com/a.tgz', 'parent 0']);
});

test('an ONBUILD trigger runs in the child stage, with the ONBUILD stage\'s args in scope', () => {
  const text = 'FROM alpine AS base\nARG TOOL=make\n<|>ONBUILD RUN $TOOL\nFROM base\nRUN y';
  assert.deepEqual(when(text, 1), ['text RUN $TOOL', 'build-arg TOOL', 'parent 1']);
  assert.deepEqual(args(text, { TOOL: 'ninja' }, 1), { TOOL: 'ninja' });
});

test('a build arg named like an Object property is a plain name', () => {
  assert.deepEqual(args('FROM alpine\nARG constructor\n<|>RUN x'), {});
  assert.deepEqual(args('FROM alpine\nARG constructor\n<|>RUN x', { constructor: 'c' }), { constructor: 'c' });
});

test('thousands of ARGs between RUNs stay linear: the names tracked per stage are capped', () => {
  const lines = ['FROM alpine'];
  for (let i = 0; i < 3000; i++) lines.push(`ARG A${i}=${i}`, 'RUN x');
  lines.push('<|>RUN last');
  const result = args(lines.join('\n'));
  assert.equal(Object.keys(result).length, 256);
  assert.equal(result.A255, '255');
});
