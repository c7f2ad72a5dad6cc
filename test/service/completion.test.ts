import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { buildModel } from '../../server/src/service/model';
import { doComplete } from '../../server/src/service/completion';
import { INSTRUCTIONS } from '../../server/src/service/data';
import { withCursor } from './helpers';

const KIND = Object.fromEntries(Object.entries(CompletionItemKind).map(([name, value]) => [value, name.toLowerCase()]));

/** Items one per line: `kind label -> inserted text @range` (the range only when it is not empty). */
function render(items: CompletionItem[]): string {
  return items
    .map((item) => {
      const edit = item.textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
      const span = edit.range.start.character === edit.range.end.character ? '' : ` @${edit.range.start.character}-${edit.range.end.character}`;
      return `${KIND[item.kind!]} ${item.label} -> ${JSON.stringify(edit.newText)}${span}`;
    })
    .join('\n');
}

function complete(marked: string, snippets = true): CompletionItem[] {
  const { text, position } = withCursor(marked);
  return doComplete(buildModel(text), position, { snippets });
}

test('keywords at the start of a line: only ARG and FROM before the first FROM', () => {
  assert.equal(render(complete('<|>')), 'keyword ARG -> "ARG ${1:NAME}=${2:default}"\nkeyword FROM -> "FROM ${1:image}:${2:tag}"');
  assert.equal(render(complete('FROM alpine\nCO<|>')).split('\n').length, INSTRUCTIONS.length);
  assert.match(render(complete('FROM alpine\nCO<|>')), /^keyword COPY -> "COPY \$\{1:src\} \$\{2:dest\}" @0-2$/m);
  assert.match(render(complete('FROM alpine\nCO<|>', false)), /^keyword COPY -> "COPY " @0-2$/m);
});

test('after ONBUILD: only the instructions a trigger may be', () => {
  const labels = complete('FROM alpine\nONBUILD <|>').map((i) => i.label);
  assert.deepEqual(labels, INSTRUCTIONS.filter((i) => i.allowedInOnbuild).map((i) => i.keyword));
  assert.ok(!labels.includes('FROM') && !labels.includes('ONBUILD') && !labels.includes('MAINTAINER'));
});

test('no keywords on a continuation line', () => {
  assert.equal(render(complete('FROM alpine\nRUN echo a \\\n  <|>')), '');
});

test('flags of the instruction, without the ones already given', () => {
  assert.equal(
    render(complete('FROM alpine\nCOPY --from=a --<|>')),
    ['property --chown -> "--chown=" @14-16', 'property --chmod -> "--chmod=" @14-16', 'property --link -> "--link" @14-16', 'property --parents -> "--parents" @14-16', 'property --exclude -> "--exclude=" @14-16'].join('\n'),
  );
  assert.deepEqual(complete('FROM alpine\nRUN --mount=type=cache,target=/a --<|>').map((i) => i.label), ['--mount', '--network', '--security', '--device']);
  assert.equal(render(complete('FROM alpine\nCOPY src --<|>')), '');
});

test('flag values: enums, platforms, stages', () => {
  assert.equal(render(complete('FROM alpine\nRUN --network=<|>')), 'enummember default -> "default"\nenummember none -> "none"\nenummember host -> "host"');
  assert.ok(complete('FROM --platform=$<|>').some((i) => i.label === 'BUILDPLATFORM'), 'variables win inside a value after $');
  assert.deepEqual(complete('FROM --platform=<|>').map((i) => i.label).slice(0, 3), ['$BUILDPLATFORM', '$TARGETPLATFORM', 'linux/amd64']);
  assert.equal(render(complete('FROM golang AS build\nFROM alpine AS test\nFROM alpine\nCOPY --from=b<|>')), 'reference build -> "build" @12-13\nreference test -> "test" @12-13');
});

test('--mount: types, keys of the type, enum values, stages', () => {
  assert.deepEqual(complete('FROM alpine\nRUN --mount=type=<|>').map((i) => i.label), ['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
  const keys = complete('FROM alpine\nRUN --mount=type=cache,<|>').map((i) => i.label);
  assert.ok(keys.includes('target=') && keys.includes('sharing=') && !keys.includes('type='), keys.join(' '));
  assert.equal(render(complete('FROM alpine\nRUN --mount=type=cache,target=/x,sharing=<|>')), 'enummember shared -> "shared"\nenummember private -> "private"\nenummember locked -> "locked"');
  assert.equal(render(complete('FROM alpine AS deps\nFROM alpine\nRUN --mount=from=<|>')), 'reference deps -> "deps"');
});

test('variables visible at the line, then predefined ARGs', () => {
  const items = complete('ARG GLOBAL=1\nFROM alpine\nARG LOCAL=2\nENV HOME_DIR=/srv\nRUN echo ${<|>');
  assert.equal(render(items.slice(0, 2)), 'variable LOCAL -> "LOCAL}"\nvariable HOME_DIR -> "HOME_DIR}"');
  assert.equal(items.slice(0, 2).map((i) => i.detail).join(' | '), 'ARG = 2 | ENV = /srv');
  assert.ok(!items.some((i) => i.label === 'GLOBAL'), 'a global ARG is not visible in a stage without re-declaration');
  assert.ok(!items.some((i) => i.label === 'TARGETARCH'), 'platform ARGs need a declaration inside a stage');
  assert.ok(items.some((i) => i.label === 'HTTP_PROXY'));
  const inFrom = complete('ARG GLOBAL=1\nFROM alpine:$<|>').map((i) => i.label);
  assert.equal(inFrom[0], 'GLOBAL');
  assert.ok(inFrom.includes('TARGETARCH'), 'platform ARGs are usable in FROM without a declaration');
});

test('FROM: stages and scratch, then AS; HEALTHCHECK: CMD or NONE', () => {
  assert.equal(render(complete('FROM golang AS build\nFROM <|>')), 'reference build -> "build"\nmodule scratch -> "scratch"');
  assert.equal(render(complete('FROM alpine <|>')), 'keyword AS -> "AS "');
  assert.equal(render(complete('FROM alpine\nHEALTHCHECK --interval=5s <|>')), 'keyword CMD -> "CMD"\nkeyword NONE -> "NONE"');
});

test('parser directives and their values', () => {
  assert.equal(render(complete('# <|>\nFROM alpine')), 'property syntax= -> "syntax="\nproperty escape= -> "escape="\nproperty check= -> "check="');
  assert.equal(render(complete('# syntax=docker/dockerfile:1\n# <|>')), 'property escape= -> "escape="\nproperty check= -> "check="');
  assert.equal(render(complete('# escape=<|>')), 'value \\ -> "\\\\"\nvalue ` -> "`"');
  assert.match(render(complete('# check=skip=JSONArgsRecommended,Stage<|>')), /^enummember StageNameCasing -> "StageNameCasing" @33-38$/m);
});

test('nothing inside a plain RUN command', () => {
  assert.equal(render(complete('FROM alpine\nRUN apt-get ins<|>')), '');
});

test('details quote document text cut, with control characters shown', () => {
  const items = complete(`FROM alpine AS base\nENV V="a\u001b[2J${'v'.repeat(300)}"\nARG W=x\u202ey\nRUN echo $<|>`);
  assert.deepEqual(
    items.slice(0, 2).map((i) => i.detail),
    [`ENV = a\\u001b[2J${'v'.repeat(195)}…`, 'ARG = x\\u202ey'],
  );
  const stages = complete(`FROM ${'i'.repeat(300)}\u009b AS base\nFROM alpine\nCOPY --from=<|>`);
  assert.equal(stages[0].detail, `stage 0, FROM ${'i'.repeat(200)}…`);
});
