import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../server/src/service/model';
import { findDefinition } from '../../server/src/service/definition';
import { withCursor } from './helpers';

function definition(marked: string): string {
  const { text, position } = withCursor(marked);
  const location = findDefinition(buildModel(text), 'file:///Dockerfile', position);
  if (!location) return 'null';
  const { start, end } = location.range;
  return `${start.line}:${start.character}-${end.line}:${end.character}`;
}

test('variables go to the ARG or ENV in effect at that line', () => {
  assert.equal(definition('ARG V=1\nFROM alpine:$<|>V'), '0:4-0:5');
  assert.equal(definition('ARG V=1\nFROM alpine\nARG V\nENV V=2\nRUN echo ${V<|>}'), '3:4-3:5');
  assert.equal(definition('FROM alpine\nRUN echo $NOP<|>E'), 'null');
});

test('stage references go to the stage name', () => {
  assert.equal(definition('FROM golang AS build\nFROM bu<|>ild AS test'), '0:15-0:20');
  assert.equal(definition('FROM golang AS build\nFROM alpine\nCOPY --from=bu<|>ild /a /b'), '0:15-0:20');
  assert.equal(definition('FROM golang AS build\nFROM alpine\nRUN --mount=from=bui<|>ld,target=/b true'), '0:15-0:20');
  assert.equal(definition('FROM alpine\nCOPY --from=nginx<|> /a /b'), 'null');
});
