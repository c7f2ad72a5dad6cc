/**
 * Rename of stages and variables: the whole document after the edit, or the reason a rename is
 * refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../server/src/service/model';
import { prepareRename, rename } from '../../server/src/service/rename';
import { applyEdits } from './helpers-edits';
import { withCursor } from './helpers';

const URI = 'file:///work/Dockerfile';

/** The document after renaming the symbol under the cursor, or `refused: <reason>`. */
function renamed(marked: string, newName: string): string {
  const { text, position } = withCursor(marked);
  const result = rename(buildModel(text), URI, position, newName);
  if (!result) return 'nothing to rename';
  if ('error' in result) return `refused: ${result.error}`;
  assert.deepEqual(Object.keys(result.edit.changes ?? {}), [URI]);
  return applyEdits(text, result.edit.changes![URI]);
}

function prepared(marked: string): string {
  const { text, position } = withCursor(marked);
  const model = buildModel(text);
  const result = prepareRename(model, position);
  if (!result) return 'null';
  if ('error' in result) return `refused: ${result.error}`;
  return `${result.placeholder} at ${model.textAt(result.range)}`;
}

test('a stage: its name, FROM, COPY --from and mount from= by name; index references stay', () => {
  const before = [
    'FROM golang AS build',
    'FROM build AS test',
    'FROM alpine',
    'COPY --from=BUILD /out /bin',
    'COPY --from=0 /a /b',
    'RUN --mount=from=build,target=/src true',
    'ONBUILD COPY --from=build /x /y',
  ].join('\n');
  const after = [
    'FROM golang AS compile',
    'FROM compile AS test',
    'FROM alpine',
    'COPY --from=compile /out /bin',
    'COPY --from=0 /a /b',
    'RUN --mount=from=compile,target=/src true',
    'ONBUILD COPY --from=compile /x /y',
  ].join('\n');
  assert.equal(renamed(before.replace('COPY --from=BUILD', 'COPY --from=BU<|>ILD'), 'compile'), after);
  assert.equal(renamed(before.replace('AS build', 'AS bu<|>ild'), 'compile'), after);
  assert.equal(prepared(before.replace('COPY --from=BUILD', 'COPY --from=BU<|>ILD')), 'BUILD at BUILD');
});

test('a global ARG takes the stage re-declarations that import it along; a stage ARG with its own default stays', () => {
  const before = ['ARG VERSION=1', 'FROM alpine:${VERSION} AS a', 'ARG VERSION', 'RUN echo $VERSION', 'FROM alpine AS b', 'ARG VERSION=2', 'RUN echo $VERSION'].join('\n');
  const after = ['ARG TAG=1', 'FROM alpine:${TAG} AS a', 'ARG TAG', 'RUN echo $TAG', 'FROM alpine AS b', 'ARG VERSION=2', 'RUN echo $VERSION'].join('\n');
  assert.equal(renamed(before.replace('ARG VERSION=1', 'ARG VER<|>SION=1'), 'TAG'), after);
  assert.equal(renamed(before.replace('echo $VERSION\nFROM', 'echo $VER<|>SION\nFROM'), 'TAG'), after);
  assert.equal(
    renamed(before.replace('ARG VERSION=2', 'ARG VERSION<|>=2'), 'B_VERSION'),
    ['ARG VERSION=1', 'FROM alpine:${VERSION} AS a', 'ARG VERSION', 'RUN echo $VERSION', 'FROM alpine AS b', 'ARG B_VERSION=2', 'RUN echo $B_VERSION'].join('\n'),
  );
});

test('ENV: its re-definitions and the uses in child stages, with the backtick escape and a heredoc', () => {
  const before = ['# escape=`', 'FROM alpine AS base', 'ENV ROOT=/app', 'ENV ROOT=$ROOT/sub `', '  OTHER=`$ROOT', 'FROM base', 'COPY <<EOF /conf', 'root=${ROOT}', 'EOF', "COPY <<'EOF' /raw", '$ROOT', 'EOF'].join('\n');
  const after = ['# escape=`', 'FROM alpine AS base', 'ENV APP_ROOT=/app', 'ENV APP_ROOT=$APP_ROOT/sub `', '  OTHER=`$ROOT', 'FROM base', 'COPY <<EOF /conf', 'root=${APP_ROOT}', 'EOF', "COPY <<'EOF' /raw", '$ROOT', 'EOF'].join('\n');
  assert.equal(renamed(before.replace('ENV ROOT=/app', 'ENV RO<|>OT=/app'), 'APP_ROOT'), after);
});

test('refused: invalid names, clashes, captures, predefined ARGs, index references, stages without a name', () => {
  const stages = 'FROM golang AS build\nFROM alpine AS test\nCOPY --from=bu<|>ild /a /b\nCOPY --from=nginx /c /d';
  assert.equal(renamed(stages, '1st'), 'refused: "1st" is not a valid stage name: start with a letter, then letters, digits, "-", "_" or ".".');
  assert.equal(renamed(stages, 'Test'), 'refused: Stage 1 on line 2 is already named "test".');
  assert.equal(renamed(stages, 'scratch'), 'refused: "scratch" is reserved and cannot name a stage.');
  assert.equal(renamed(stages, 'nginx'), 'refused: "nginx" is the image on line 4; with this name that line would copy from the stage instead.');
  assert.equal(renamed('FROM golang AS build\nCOPY --from=<|>0 /a /b', 'x'), 'refused: This refers to stage "build" by its index, which a rename does not change; rename it at its name on line 1.');
  assert.equal(prepared('FROM golang\nFROM alpine\nCOPY --from=<|>0 /a /b'), 'refused: Stage 0 (line 1) has no name to rename; give it one with AS <name>.');
  const vars = 'FROM alpine\nARG A=1\nARG B=2\nRUN echo $<|>A $C';
  assert.equal(renamed(vars, 'B'), 'refused: "B" is already defined on line 3 (ARG B) where A is used.');
  assert.equal(renamed(vars, 'C'), 'refused: "$C" on line 4 would then refer to this variable.');
  assert.equal(renamed(vars, '9A'), 'refused: "9A" is not a valid variable name: use letters, digits and "_", not starting with a digit.');
  assert.equal(renamed(vars, 'TARGETARCH'), 'refused: TARGETARCH is a predefined ARG that the builder sets itself; choose another name.');
  assert.equal(prepared('FROM alpine\nARG TARGETARCH\nRUN echo $TARGET<|>ARCH'), 'refused: TARGETARCH is a predefined ARG: the builder sets it by this name, so it cannot be renamed.');
  assert.equal(prepared('FROM alpine\nRUN ec<|>ho hi'), 'null');
  assert.equal(prepared(vars), 'A at A');
});

test('refusals quote document text cut at 200 characters', () => {
  const name = `b${'x'.repeat(5000)}`;
  assert.equal(
    renamed(`FROM golang AS ${name}\nFROM alpine\nCOPY --from=<|>0 /a /b`, 'x'),
    `refused: This refers to stage "b${'x'.repeat(199)}…" by its index, which a rename does not change; rename it at its name on line 1.`,
  );
});
