/**
 * A client that claims to answer `workspace/configuration` and never does: hover and diagnostics
 * still come, computed with the default settings, once the server's time limit on the request
 * has passed (about 5 s, so this test waits that long), and the server says why in its log.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, Hover } from 'vscode-languageserver-types';
import { buildModel } from '../../server/src/service/model';
import { doHover } from '../../server/src/service/hover';
import { startServer, stopServer } from './lspClient';

// A folder that does not exist: no project config and no .dockerignore are found.
const URI = 'file:///nonexistent-dockerfile-studio-test/Dockerfile';
const TEXT = 'FROM alpine:3.20 as base\nENV APP_HOME=/app\nMAINTAINER me\n';

// Before the time limit existed, hover and the lint waited forever: the test timeout turns that into a failure.
test('settings that never come: hover and diagnostics arrive with the defaults', { timeout: 60_000 }, async () => {
  const server = await startServer(['markdown'], { configuration: 'never-answers' });
  try {
    const published = new Promise<Diagnostic[]>((resolve) =>
      server.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
        if (params.uri === URI) resolve(params.diagnostics);
      }),
    );
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text: TEXT } });
    const position = { line: 0, character: 2 };
    const hover: Hover | null = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position });
    assert.deepEqual(hover, doHover(buildModel(TEXT), position, { format: 'markdown', details: true }));
    assert.deepEqual((await published).map((d) => `${d.range.start.line} ${d.severity} ${String(d.code)}`), ['0 2 FromAsCasing', '2 2 MaintainerDeprecated']);
    assert.deepEqual(
      server.logs.filter((message) => message.startsWith('Settings for')),
      [`Settings for ${URI}: no answer to workspace/configuration in 5000 ms; using the defaults.`],
    );
  } finally {
    await stopServer(server);
  }
});
