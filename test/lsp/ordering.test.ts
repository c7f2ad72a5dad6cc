/**
 * Diagnostics never hold up a hover: a hover sent right after opening a large file is answered
 * before that file's first diagnostics are published.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopServer } from './lspClient';

test('a hover right after didOpen is answered before the first diagnostics', async () => {
  const server = await startServer(['markdown']);
  try {
    const lines = ['FROM debian:12 AS build'];
    for (let i = 0; i < 3000; i++) lines.push(`RUN apt-get install pkg${i} && echo $HOME`, `ENV V${i} ${i}`);
    const uri = 'file:///work/big/Dockerfile';
    const events: string[] = [];
    const published = new Promise<void>((resolve) =>
      server.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => {
        if (params.uri === uri) {
          events.push('diagnostics');
          resolve();
        }
      }),
    );
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: lines.join('\n') } });
    const hover = server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } }).then((result) => {
      events.push('hover');
      return result;
    });
    assert.ok(await hover);
    await published;
    assert.deepEqual(events, ['hover', 'diagnostics']);
  } finally {
    assert.equal(await stopServer(server), 0);
  }
});
