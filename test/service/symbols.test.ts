import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { buildModel } from '../../server/src/service/model';
import { documentSymbols } from '../../server/src/service/symbols';

const KIND = Object.fromEntries(Object.entries(SymbolKind).map(([name, value]) => [value, name.toLowerCase()]));

function render(symbols: DocumentSymbol[], indent = ''): string {
  return symbols
    .map((s) => `${indent}${KIND[s.kind]} ${s.name} (${s.detail}) ${s.range.start.line}-${s.range.end.line} @${s.selectionRange.start.line}:${s.selectionRange.start.character}\n${render(s.children ?? [], indent + '  ')}`)
    .join('');
}

test('outline: global ARGs, then stages with their ARG and ENV', () => {
  const model = buildModel('ARG BASE=alpine\nFROM $BASE AS build\nARG V\nENV HOME=/app\nRUN make\nFROM scratch\nCOPY --from=build /a /a');
  assert.equal(
    render(documentSymbols(model)),
    [
      'variable BASE (ARG = alpine) 0-0 @0:4',
      'class build (FROM $BASE) 1-4 @1:14',
      '  variable V (ARG) 2-2 @2:4',
      '  constant HOME (ENV = /app) 3-3 @3:4',
      'class stage 1 (FROM scratch) 5-6 @5:0',
      '',
    ].join('\n'),
  );
});
