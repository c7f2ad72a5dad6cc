/**
 * Outline, go to definition and completion over real LSP: the bundled server answers what the
 * pure service computes for the same text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../server/src/service/model';
import { documentSymbols } from '../../server/src/service/symbols';
import { doComplete } from '../../server/src/service/completion';
import { startServer, stopServer } from './lspClient';

const URI = 'file:///work/Dockerfile';
const TEXT = ['ARG BASE=alpine:3.20', 'FROM $BASE AS build', 'ENV OUT=/out', 'RUN make', 'FROM scratch', 'COPY --from=build $OUT /app', 'RUN --'].join('\n');

test('documentSymbol, definition and completion over LSP', async () => {
  const server = await startServer(['markdown']);
  try {
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text: TEXT } });
    const model = buildModel(TEXT);
    assert.deepEqual(await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } }), documentSymbols(model));
    assert.deepEqual(await server.connection.sendRequest('textDocument/definition', { textDocument: { uri: URI }, position: { line: 5, character: 14 } }), {
      uri: URI,
      range: { start: { line: 1, character: 14 }, end: { line: 1, character: 19 } },
    });
    const position = { line: 6, character: 6 };
    // The test client does not announce snippet support, so items come as plain text.
    assert.deepEqual(await server.connection.sendRequest('textDocument/completion', { textDocument: { uri: URI }, position }), doComplete(model, position, { snippets: false }));
    assert.deepEqual(
      doComplete(model, position, { snippets: false }).map((i) => i.label),
      ['--mount', '--network', '--security', '--device'],
    );
  } finally {
    assert.equal(await stopServer(server), 0);
  }
});
