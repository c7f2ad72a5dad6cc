/**
 * Hover over real LSP: the bundled server answers exactly what the pure service computes for
 * the same text, honours the client's content format, follows incremental edits, survives a
 * handler that throws, and exits cleanly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover, Position } from 'vscode-languageserver-types';
import { buildModel } from '../../server/src/service/model';
import { doHover } from '../../server/src/service/hover';
import { startServer, stopServer, type TestServer } from './lspClient';

const URI = 'file:///work/Dockerfile';
const TEXT = ['ARG VERSION=3.19', 'FROM alpine:${VERSION} AS base', 'ENV APP_HOME=/app', 'RUN echo $APP_HOME', 'FROM base', ''].join('\n');
const AT_FROM: Position = { line: 1, character: 2 };
const AT_VARIABLE: Position = { line: 3, character: 13 };
const AT_STAGE: Position = { line: 4, character: 7 };

function open(server: TestServer, text: string): Promise<void> {
  return server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text } });
}

function hover(server: TestServer, position: Position | null): Promise<Hover | null> {
  return server.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position });
}

test('hover over LSP equals the service hover (markdown), follows edits, survives a throw', async () => {
  const server = await startServer(['markdown', 'plaintext']);
  try {
    await open(server, TEXT);
    const model = buildModel(TEXT);
    for (const position of [AT_FROM, AT_VARIABLE, AT_STAGE]) {
      const expected = doHover(model, position, { format: 'markdown' });
      assert.ok(expected, `the service has a hover at ${JSON.stringify(position)}`);
      assert.deepEqual(await hover(server, position), expected);
    }
    assert.deepEqual(await hover(server, AT_VARIABLE), {
      contents: {
        kind: 'markdown',
        value:
          '**`$APP_HOME`**\n\nValue here: `/app`\n\nDefined by `ENV APP_HOME=/app` on line 3 in stage `base`. ' +
          'ENV values are also set in containers and in stages built FROM this one.',
      },
      range: { start: { line: 3, character: 9 }, end: { line: 3, character: 18 } },
    });

    // An incremental edit: /app -> /srv on line 3.
    const edited = TEXT.replace('APP_HOME=/app', 'APP_HOME=/srv');
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 2, character: 14 }, end: { line: 2, character: 17 } }, text: 'srv' }],
    });
    const afterEdit = await hover(server, AT_VARIABLE);
    assert.deepEqual(afterEdit, doHover(buildModel(edited), AT_VARIABLE, { format: 'markdown' }));
    assert.match((afterEdit!.contents as { value: string }).value, /Value here: `\/srv`/);

    // A handler that throws (no position) is answered with null, and the next request still works.
    assert.equal(await hover(server, null), null);
    assert.ok(server.logs.some((m) => m.startsWith('hover failed')), `logged: ${server.logs.join(' | ')}`);
    assert.equal(await hover(server, { line: 100_000, character: 3 }), null);
    assert.deepEqual(await hover(server, AT_FROM), doHover(buildModel(edited), AT_FROM, { format: 'markdown' }));
  } finally {
    assert.equal(await stopServer(server), 0);
  }
});

test('a client that only takes plain text gets plain-text hovers', async () => {
  const server = await startServer(['plaintext']);
  try {
    await open(server, TEXT);
    const actual = await hover(server, AT_VARIABLE);
    assert.deepEqual(actual, doHover(buildModel(TEXT), AT_VARIABLE, { format: 'plaintext' }));
    assert.equal((actual!.contents as { kind: string }).kind, 'plaintext');
    assert.doesNotMatch((actual!.contents as { value: string }).value, /\*\*|`/);
  } finally {
    assert.equal(await stopServer(server), 0);
  }
});
