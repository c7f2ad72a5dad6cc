import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-types';
import { buildModel } from '../../server/src/service/model';
import { doHover } from '../../server/src/service/hover';
import { INSTRUCTIONS, MOUNT_TYPES, DIRECTIVES, PREDEFINED_ARGS } from '../../server/src/service/data';
import { lint } from '../../server/src/service/diagnostics/engine';
import { assertGolden, withCursor } from './helpers';

type Format = 'markdown' | 'plaintext';

function hover(marked: string, format: Format = 'markdown'): Hover | null {
  const { text, position } = withCursor(marked);
  return doHover(buildModel(text), position, { format });
}

/** The whole hover as one string: contents, then the range it covers. */
function render(result: Hover | null): string {
  if (!result) return 'null\n';
  const contents = result.contents as { kind: string; value: string };
  const r = result.range!;
  return `${contents.value}\n---\n${contents.kind} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}\n`;
}

function golden(name: string, marked: string, format: Format = 'markdown'): void {
  assertGolden('service', `hover/${name}.${format === 'markdown' ? 'md' : 'txt'}`, render(hover(marked, format)));
}

// Each keyword in a small valid context, the cursor inside the keyword.
const KEYWORD_CASES: Record<string, string> = {
  FROM: 'FR<|>OM alpine:3.20',
  RUN: 'FROM alpine\nR<|>UN apk add curl',
  CMD: 'FROM alpine\nC<|>MD ["sh"]',
  LABEL: 'FROM alpine\nLAB<|>EL a=b',
  MAINTAINER: 'FROM alpine\nMAINTAIN<|>ER me',
  EXPOSE: 'FROM alpine\nEXP<|>OSE 80/tcp',
  ENV: 'FROM alpine\nE<|>NV A=1',
  ADD: 'FROM alpine\nA<|>DD app.tar.gz /opt/',
  COPY: 'FROM alpine\nCO<|>PY . /app',
  ENTRYPOINT: 'FROM alpine\nENTRY<|>POINT ["/bin/app"]',
  VOLUME: 'FROM alpine\nVOL<|>UME /data',
  USER: 'FROM alpine\nUS<|>ER app',
  WORKDIR: 'FROM alpine\nWORK<|>DIR /app',
  ARG: 'A<|>RG VERSION=1',
  ONBUILD: 'FROM alpine\nON<|>BUILD RUN echo',
  STOPSIGNAL: 'FROM alpine\nSTOP<|>SIGNAL SIGTERM',
  HEALTHCHECK: 'FROM alpine\nHEALTH<|>CHECK CMD true',
  SHELL: 'FROM alpine\nSH<|>ELL ["/bin/ash", "-c"]',
};

test('every instruction keyword has a hover of its own', () => {
  assert.deepEqual(Object.keys(KEYWORD_CASES).sort(), INSTRUCTIONS.map((i) => i.keyword).sort());
  for (const [keyword, marked] of Object.entries(KEYWORD_CASES)) golden(`keyword-${keyword}`, marked);
});

test('lower-case keywords hover the same page', () => {
  assert.equal(render(hover('from alpine\nr<|>un echo')), render(hover('FROM alpine\nR<|>UN echo')).replace('1:0-1:3', '1:0-1:3'));
});

test('plain-text clients get the same facts without markdown', () => {
  golden('keyword-CMD', 'FROM alpine\nC<|>MD ["sh"]', 'plaintext');
  const plain = render(hover('FROM alpine\nC<|>MD ["sh"]', 'plaintext'));
  assert.ok(!plain.includes('**') && !plain.includes('```'), plain);
});

test('a flag of every instruction that has flags', () => {
  golden('flag-FROM-platform', 'FROM --plat<|>form=linux/amd64 alpine');
  golden('flag-RUN-network', 'FROM alpine\nRUN --netw<|>ork=none echo');
  golden('flag-RUN-security', 'FROM alpine\nRUN --secu<|>rity=insecure echo');
  golden('flag-COPY-from', 'FROM alpine AS a\nFROM alpine\nCOPY --fr<|>om=a /x /y');
  golden('flag-COPY-link', 'FROM alpine\nCOPY --li<|>nk . /app');
  golden('flag-ADD-checksum', 'FROM alpine\nADD --check<|>sum=sha256:abc https://example.com/a.tgz /');
  golden('flag-HEALTHCHECK-interval', 'FROM alpine\nHEALTHCHECK --inter<|>val=30s CMD true');
  const covered = ['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK'];
  assert.deepEqual(INSTRUCTIONS.filter((i) => i.flags.length > 0).map((i) => i.keyword).sort(), covered.sort());
});

test('every mount type, and mount keys including aliases', () => {
  for (const type of MOUNT_TYPES.map((m) => m.type)) {
    golden(`mount-${type}`, `FROM alpine\nRUN --mount=ty<|>pe=${type},target=/x echo`);
  }
  golden('mount-cache-sharing', 'FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk,shar<|>ing=locked apk add curl');
  golden('mount-bind-dst-alias', 'FROM alpine\nRUN --mount=type=bind,d<|>st=/src echo');
  // Without type= a mount is a bind mount.
  golden('mount-default-bind-source', 'FROM alpine\nRUN --mount=sou<|>rce=.,target=/src echo');
});

test('every parser directive', () => {
  assert.deepEqual(DIRECTIVES.map((d) => d.name).sort(), ['check', 'escape', 'syntax']);
  golden('directive-syntax', '# syn<|>tax=docker/dockerfile:1\nFROM alpine');
  golden('directive-escape', '# escape=<|>`\nFROM alpine');
  golden('directive-check', '# che<|>ck=skip=JSONArgsRecommended\nFROM alpine');
  // A check name inside the directive explains that check.
  golden('directive-check-rule', '# check=skip=StageNameCasing,JSON<|>ArgsRecommended;error=true\nFROM alpine');
});

function value(marked: string): string {
  const result = hover(marked);
  return result ? (result.contents as { value: string }).value : 'null';
}

test('variables: global ARG used in FROM', () => {
  assert.equal(
    value('ARG VERSION=3.20\nFROM alpine:${VER<|>SION}'),
    '**`$VERSION`**\n\nValue here: `3.20`\n\nDefined by `ARG VERSION=3.20` on line 1 in the global scope.\n\nA `--build-arg` given to the build replaces this value.',
  );
});

test('variables: stage ARG re-declared takes the global default', () => {
  assert.equal(
    value('ARG VERSION=3.20\nFROM alpine AS base\nARG VERSION\nRUN echo $VERS<|>ION'),
    '**`$VERSION`**\n\nValue here: `3.20`\n\nDefined by `ARG VERSION` on line 3 in stage `base`.\n\nIts default comes from the global `ARG VERSION` on line 1.\n\nA `--build-arg` given to the build replaces this value.',
  );
});

test('variables: ENV, inherited by a child stage', () => {
  assert.equal(
    value('FROM alpine AS base\nENV APP_HOME=/srv/app\nFROM base\nWORKDIR $APP_H<|>OME'),
    '**`$APP_HOME`**\n\nValue here: `/srv/app`\n\nDefined by `ENV APP_HOME=/srv/app` on line 2 in stage `base`. ENV values are also set in containers and in stages built FROM this one.',
  );
});

test('variables: predefined platform ARG, declared and not', () => {
  assert.equal(
    value('FROM alpine\nARG TARGETARCH\nRUN echo $TARGET<|>ARCH'),
    [
      '**`$TARGETARCH`**',
      'Set automatically by the builder: Architecture part of `TARGETPLATFORM`, e.g. `amd64` or `arm64`.',
      'Defined by `ARG TARGETARCH` on line 2 in stage #0.',
      'A `--build-arg` given to the build replaces this value.',
    ].join('\n\n'),
  );
  assert.equal(
    value('FROM alpine\nRUN echo $TARGET<|>ARCH'),
    [
      '**`$TARGETARCH`**',
      'Architecture part of `TARGETPLATFORM`, e.g. `amd64` or `arm64`.',
      'Typical value: `amd64`',
      'Not set here: the builder sets it in the global scope only; add `ARG TARGETARCH` (no value) in the stage to use it.',
      '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#automatic-platform-args-in-the-global-scope)',
    ].join('\n\n'),
  );
});

test('variables: undefined', () => {
  assert.equal(
    value('FROM alpine\nRUN echo ${NOPE<|>}'),
    '**`$NOPE`**\n\nNot defined here: no ARG or ENV in this stage declares `NOPE` before this line, so it expands to an empty string unless the shell of a RUN sets it.',
  );
});

test('variables: default-value syntax shows the result', () => {
  const text = value('FROM alpine\nENV PORT=\nEXPOSE ${PO<|>RT:-8080}');
  assert.ok(text.endsWith('`${PORT:-8080}` uses the modifier `:-` with `8080`: the word is used when the variable is unset or empty. Here it gives `8080`.'), text);
});

test('variables: a huge value or nested default is shown by its start, not in full', () => {
  const nested = `${'${A:-'.repeat(2000)}z${'}'.repeat(2000)}`;
  const text = value(`FROM alpine\nARG LONG=${'v'.repeat(5000)}\nRUN echo $LO<|>NG ${nested}`);
  assert.equal(
    text,
    `**\`$LONG\`**\n\nValue here: \`${'v'.repeat(200)}…\`\n\nDefined by \`ARG LONG=${'v'.repeat(191)}…\` on line 2 in stage #0.\n\nA \`--build-arg\` given to the build replaces this value.`,
  );
  const inner = value(`FROM alpine\nRUN echo ${nested.slice(0, 3000)}<|>${nested.slice(3000)}`);
  assert.ok(inner.length < 2000, `the hover on a 2,000-level nested default is ${inner.length} characters`);
});

test('variables: hovering the name an ARG defines', () => {
  assert.equal(
    value('ARG BA<|>SE=alpine\nFROM $BASE'),
    '**ARG `BASE`**\n\nDefined by `ARG BASE=alpine` on line 1 in the global scope.\n\nA global ARG: FROM lines can use it; a stage sees it only after re-declaring `ARG BASE`.',
  );
});

test('stage names: where defined, what from, who uses them', () => {
  const text = 'FROM golang:1.22 AS bu<|>ild\nRUN go build\nFROM build AS test\nFROM alpine\nCOPY --from=build /out /bin\nRUN --mount=from=build,target=/b true';
  assert.equal(
    render(hover(text)),
    '**Stage `build`**\n\nStage 1 of 3 (index 0), defined on line 1, built from `golang:1.22`.\n\n**Used by**\n\n- line 3: `FROM build AS test`\n- line 5: `COPY --from=build /out /bin`\n- line 6: `RUN --mount=from=build,target=/b true`\n---\nmarkdown 0:20-0:25\n',
  );
  assert.equal(render(hover('FROM alpine AS a\nFROM a<|> AS b')).split('\n')[0], '**Stage `a`**');
  assert.match(value('FROM alpine AS unused\nFROM alpine\nFROM busybox AS u2<|>'), /The last stage: a plain build produces this image\./);
});

test('image references: registry, repository, tag, digest, resolved ARGs, scratch', () => {
  assert.equal(
    render(hover('FROM ghcr.io/acme/tools:1.<|>4@sha256:0123')),
    '**Image `ghcr.io/acme/tools:1.4@sha256:0123`**\n\n- registry: `ghcr.io`\n- repository: `acme/tools`\n- tag: `1.4`\n- digest: `sha256:0123`\n---\nmarkdown 0:5-0:39\n',
  );
  assert.equal(
    value('ARG TAG=3.20\nFROM alp<|>ine:${TAG}'),
    '**Image `alpine:3.20`**\n\nWritten `alpine:${TAG}`; with the defaults of the ARGs it is `alpine:3.20`.\n\n- registry: `docker.io` (Docker Hub, the default)\n- repository: `library/alpine`\n- tag: `3.20`\n- digest: none (the tag can move; pin with @sha256:... for a reproducible build)',
  );
  assert.match(value('FROM ubu<|>ntu'), /- tag: none, so `latest`/);
  assert.match(value('FROM scr<|>atch'), /^\*\*scratch\*\*\n\nThe empty image/);
  assert.match(value('FROM alpine\nCOPY --from=nginx:1.<|>27 /etc/nginx /etc/nginx'), /^\*\*Image `nginx:1\.27`\*\*/);
});

test('heredoc markers', () => {
  assert.equal(
    render(hover('FROM alpine\nRUN <<E<|>OF\napk add curl\necho done\nEOF')),
    '**Heredoc `EOF`**\n\nThe lines 3-4 up to the line `EOF` are a script: BuildKit runs them with the shell (or with the interpreter a `#!` line names) as one build step.\n\n- Variables in the body are expanded by the build (quote the delimiter to keep them as written).\n- Leading whitespace is kept (`<<-` would strip leading tabs).\n- Heredocs need Dockerfile frontend 1.4 or later.\n---\nmarkdown 1:4-1:9\n',
  );
  assert.match(value('FROM alpine\nCOPY <<-"CONF" /etc/app.conf\n\tkey=1\nCO<|>NF'), /become the content of a file[\s\S]*The delimiter is quoted[\s\S]*`<<-` removes leading tabs/);
});

test('backslash and backtick escape modes', () => {
  const backslash = 'FROM alpine\nRUN echo a \\\n  && ec<|>ho b\nCMD ["sh"]';
  assert.equal(render(hover(backslash)), 'null\n');
  assert.match(render(hover('FROM alpine\nRUN echo a \\\n  && echo b\nC<|>MD ["sh"]')), /---\nmarkdown 3:0-3:3\n$/);
  const backtick = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  C:\\\nWORK<|>DIR C:\\app';
  assert.match(render(hover(backtick)), /^\*\*WORKDIR\*\*[\s\S]*---\nmarkdown 4:0-4:7\n$/);
  assert.match(value('# escape=`\nARG DIR=C:\\tools\nFROM mcr.microsoft.com/windows/nanoserver\nARG DIR\nWORKDIR $D<|>IR'), /Value here: `C:\\tools`/);
});

test('CRLF line endings', () => {
  const crlf = 'ARG V=1\r\nFROM alpine:$V AS base\r\nARG V\r\nRUN echo $<|>V\r\nCMD ["sh"]\r\n';
  assert.match(value(crlf), /^\*\*`\$V`\*\*\n\nValue here: `1`/);
  assert.equal(render(hover('FROM alpine\r\nRUN echo\r\nC<|>MD ["sh"]\r\n')).split('---\n')[1], 'markdown 2:0-2:3\n');
});

test('inside ONBUILD: the trigger keyword and its flags', () => {
  golden('onbuild-trigger-RUN', 'FROM alpine\nONBUILD R<|>UN echo hi');
  golden('onbuild-trigger-COPY-chown', 'FROM alpine\nONBUILD COPY --cho<|>wn=app . /app');
});

test('nothing to explain gives null', () => {
  assert.equal(hover('FROM alpine\nRUN echo hel<|>lo'), null);
  assert.equal(hover('# just a com<|>ment\nFROM alpine'), null);
  assert.equal(hover('<|>'), null);
});

test('with details off: summary, syntax and link only', () => {
  const { text, position } = withCursor('FR<|>OM alpine');
  const brief = doHover(buildModel(text), position, { format: 'markdown', details: false });
  assertGolden('service', 'hover/keyword-FROM-brief.md', render(brief));
  assert.ok(!render(brief).includes('Pitfalls') && render(brief).includes('[Dockerfile reference]'));
});

// One list, data/predefinedArgs.ts, decides both answers: a predefined ARG the hover calls set at a
// point is never reported undefined there, and one it calls unset always is.
test('every predefined ARG: hover and the undefined-variable checks agree on where it is set', () => {
  const outcomes = new Set<string>();
  for (const { name } of PREDEFINED_ARGS) {
    const cases = [
      `FROM alpine:$<|>${name}`,
      `FROM scratch\nENV X=$<|>${name}`,
      `FROM scratch\nARG ${name}\nENV X=$<|>${name}`,
    ];
    for (const marked of cases) {
      const { text, position } = withCursor(marked);
      const shown = value(marked);
      const hoverSet = !/^Not (set|defined) here/m.test(shown);
      const reported = lint(buildModel(text)).some(
        (d) => (d.code === 'UndefinedVar' || d.code === 'UndefinedArgInFrom') && d.range.start.line === position.line,
      );
      assert.equal(hoverSet, !reported, `${JSON.stringify(marked)}: hover ${hoverSet ? 'set' : 'unset'}, lint ${reported ? 'reports' : 'silent'}\n${shown}`);
      outcomes.add(hoverSet ? 'set' : 'unset');
    }
  }
  assert.deepEqual([...outcomes].sort(), ['set', 'unset']);
});
