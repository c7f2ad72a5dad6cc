/**
 * The reference index and the features on it (find references, document highlight): each
 * reference kind, each variable scope, both escape characters, ONBUILD and heredocs. An
 * occurrence is written `line:start-end W|R text` (W: definition, R: use).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentHighlightKind } from 'vscode-languageserver-types';
import { buildModel } from '../../server/src/service/model';
import { documentHighlights, findReferences } from '../../server/src/service/references';
import { findDefinition } from '../../server/src/service/definition';
import { withCursor } from './helpers';

/** Every occurrence of the symbol under the cursor, definitions included, as highlights. */
function occurrences(marked: string): string[] {
  const { text, position } = withCursor(marked);
  const model = buildModel(text);
  return documentHighlights(model, position).map(({ range, kind }) => {
    const role = kind === DocumentHighlightKind.Write ? 'W' : 'R';
    return `${range.start.line}:${range.start.character}-${range.end.character} ${role} ${model.textAt(range)}`;
  });
}

test('stages: FROM <stage>, COPY --from by name and index, mount from=, case-insensitive names', () => {
  const text = [
    'FROM golang AS build', // 0
    'FROM build AS test', // 1
    'FROM alpine', // 2
    'COPY --from=Build /out /bin', // 3
    'COPY --from=0 /a /b', // 4
    'RUN --mount=type=cache,FROM=build,target=/x true', // 5
    'COPY --from=nginx /c /d', // 6
  ].join('\n');
  const expected = ['0:15-20 W build', '1:5-10 R build', '3:12-17 R Build', '4:12-13 R 0', '5:28-33 R build'];
  // The same answer from the definition, from every kind of use, and from the index.
  for (const at of [[0, 17], [1, 7], [3, 13], [4, 12], [5, 30]]) {
    const lines = text.split('\n');
    lines[at[0]] = lines[at[0]].slice(0, at[1]) + '<|>' + lines[at[0]].slice(at[1]);
    assert.deepEqual(occurrences(lines.join('\n')), expected, `cursor at ${at}`);
  }
  // An image is no stage; a value with variables is known only at build time.
  assert.deepEqual(occurrences(text.replace('--from=nginx', '--from=ng<|>inx')), []);
  assert.deepEqual(occurrences('FROM alpine AS a\nARG S=a\nCOPY --from=i<|>mg-$S /x /y'), []);
});

test('stages: a later stage and the own stage are references too, as BuildKit resolves --from after reading every stage', () => {
  assert.deepEqual(occurrences('FROM alpine AS first\nCOPY --from=la<|>ter /x /y\nFROM alpine AS later\nCOPY --from=later /a /b'), [
    '1:12-17 R later',
    '2:15-20 W later',
    '3:12-17 R later',
  ]);
  // FROM looks only at earlier stages: here `later` is an image.
  assert.deepEqual(occurrences('FROM la<|>ter\nFROM alpine AS later'), []);
});

test('variables: global ARG with the stage re-declarations that import it; a stage ARG with its own default stays apart', () => {
  const text = [
    'ARG V=1', // 0
    'FROM alpine:$V AS a', // 1
    'ARG V', // 2 imports the global
    'RUN echo $V', // 3
    'FROM alpine AS b', // 4
    'ARG V=2', // 5 its own default
    'RUN echo ${V}', // 6
  ].join('\n');
  const global = ['0:4-5 W V', '1:13-14 R V', '2:4-5 W V', '3:10-11 R V'];
  assert.deepEqual(occurrences(text.replace('ARG V=1', 'ARG <|>V=1')), global);
  assert.deepEqual(occurrences(text.replace('echo $V', 'echo $V<|>')), global);
  assert.deepEqual(occurrences(text.replace('ARG V=2', 'ARG V<|>=2')), ['5:4-5 W V', '6:11-12 R V']);
  // Go to definition from the stage use lands on the re-declaration in effect there.
  const { text: plain, position } = withCursor(text.replace('echo $V', 'echo $<|>V'));
  assert.deepEqual(findDefinition(buildModel(plain), 'file:///d', position)?.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 5 } });
});

test('variables: ENV and its re-definitions, inherited by FROM <stage> children with the parent ARGs', () => {
  const text = [
    'FROM alpine AS base', // 0
    'ARG MODE=fast', // 1
    'ENV HOME_DIR=/app', // 2
    'ENV HOME_DIR=$HOME_DIR/sub', // 3
    'FROM base', // 4
    'RUN echo $HOME_DIR $MODE', // 5
    'FROM alpine', // 6
    'RUN echo $HOME_DIR', // 7 another stage: not this variable
  ].join('\n');
  assert.deepEqual(occurrences(text.replace('ENV HOME_DIR=/app', 'ENV HOME<|>_DIR=/app')), ['2:4-12 W HOME_DIR', '3:4-12 W HOME_DIR', '3:14-22 R HOME_DIR', '5:10-18 R HOME_DIR']);
  assert.deepEqual(occurrences(text.replace('$MODE', '$MO<|>DE')), ['1:4-8 W MODE', '5:20-24 R MODE']);
  assert.deepEqual(occurrences(text.replace('RUN echo $HOME_DIR\n', 'RUN echo $HOME_DIR\n').replace(/RUN echo \$HOME_DIR$/, 'RUN echo $HOME_<|>DIR')), []);
});

test('variables: a predefined ARG is one symbol with the declarations that import it', () => {
  assert.deepEqual(occurrences('FROM --platform=$BUILDPLATFORM alpine\nARG TARGETARCH\nRUN echo $TARGET<|>ARCH\nFROM alpine\nRUN echo $TARGETARCH'), [
    '1:4-14 W TARGETARCH',
    '2:10-20 R TARGETARCH',
  ]);
  assert.deepEqual(occurrences('FROM --platform=$BUILD<|>PLATFORM alpine\nFROM --platform=${BUILDPLATFORM} alpine'), ['0:17-30 R BUILDPLATFORM', '1:18-31 R BUILDPLATFORM']);
});

test('escape characters: backslash continuations and the backtick escape directive', () => {
  assert.deepEqual(occurrences('FROM alpine\nARG DIR=/x\nRUN mkdir $D<|>IR \\\n  && ls \\$DIR $DIR'), ['1:4-7 W DIR', '2:11-14 R DIR', '3:15-18 R DIR']);
  assert.deepEqual(occurrences('# escape=`\nFROM mcr.microsoft.com/windows/servercore AS b<|>uild\nARG DIR=C:\\x\nRUN dir $DIR `\n  `$DIR $DIR\nFROM build'), ['1:45-50 W build', '5:5-10 R build']);
  assert.deepEqual(occurrences('# escape=`\nFROM alpine\nARG DIR=C:\\x\nRUN dir $D<|>IR `\n  `$DIR $DIR'), ['2:4-7 W DIR', '3:9-12 R DIR', '4:9-12 R DIR']);
});

test('ONBUILD: trigger stage references count by name; trigger variables resolve at the ONBUILD', () => {
  assert.deepEqual(occurrences('FROM golang AS tools\nFROM alpine AS b<|>ase\nONBUILD COPY --from=tools /t /t\nONBUILD RUN --mount=from=base,target=/m true\nFROM base'), [
    '1:15-19 W base',
    '3:25-29 R base',
    '4:5-9 R base',
  ]);
  assert.deepEqual(occurrences('FROM alpine\nENV A<|>PP=/app\nONBUILD COPY . $APP\nONBUILD RUN ls ${APP}'), ['1:4-7 W APP', '2:16-19 R APP', '3:17-20 R APP']);
});

test('heredocs: COPY bodies expand unless the delimiter is quoted; RUN bodies are shell scripts', () => {
  const text = ['FROM alpine', 'ARG NAME=x', 'COPY <<EOF /a', '$NAME', 'EOF', "COPY <<'EOF' /b", '$NAME', 'EOF', "RUN <<'EOF'", 'echo $NAME', 'EOF', "RUN cat <<'EOF' > /c", '$NAME', 'EOF'].join('\n');
  assert.deepEqual(occurrences(text.replace('ARG NAME', 'ARG N<|>AME')), ['1:4-8 W NAME', '3:1-5 R NAME', '9:6-10 R NAME']);
});

test('find references: with and without the declaration, in document order; nothing under the cursor gives none', () => {
  const { text, position } = withCursor('ARG TAG=1\nFROM alpine:$TAG\nFROM debian:${T<|>AG}');
  const model = buildModel(text);
  const lines = (includeDeclaration: boolean) => findReferences(model, 'file:///d', position, includeDeclaration).map((l) => `${l.uri} ${l.range.start.line}:${l.range.start.character}`);
  assert.deepEqual(lines(true), ['file:///d 0:4', 'file:///d 1:13', 'file:///d 2:14']);
  assert.deepEqual(lines(false), ['file:///d 1:13', 'file:///d 2:14']);
  assert.deepEqual(findReferences(model, 'file:///d', { line: 1, character: 2 }, true), []);
});
