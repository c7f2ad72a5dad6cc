/**
 * Diagnostics over stdio, as an editor sees them: published on open, republished after an
 * edit for the new version, a rule turned off through `workspace/configuration`, cleared on close.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TEST_ROOT } from '../service/helpers';

const SERVER = join(TEST_ROOT, '..', 'dist', 'server.js');
// A folder that does not exist: no project config and no .dockerignore are found.
const URI = 'file:///nonexistent-dockerfile-studio-test/Dockerfile';

interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

/** Compact one-line rendering: `line:col-line:col severity code message`. */
function render(list: Diagnostic[]): string[] {
  const names = ['', 'error', 'warning', 'info', 'hint'];
  return list.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${names[d.severity ?? 0]} ${String(d.code)} ${d.message}`);
}

/** Starts the server; `settings` answers every workspace/configuration request. */
async function start(settings: () => unknown): Promise<{ connection: MessageConnection; next: () => Promise<Published>; stop: () => void }> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const queue: Published[] = [];
  const waiters: ((p: Published) => void)[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: Published) => {
    const waiter = waiters.shift();
    if (waiter) waiter(params);
    else queue.push(params);
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings()));
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await connection.sendNotification('initialized', {});
  const next = () => new Promise<Published>((resolve) => {
    const queued = queue.shift();
    if (queued) resolve(queued);
    else waiters.push(resolve);
  });
  return { connection, next, stop: () => { connection.dispose(); child.kill(); } };
}

test('diagnostics are published on open, updated after an edit and cleared on close', async () => {
  const { connection, next, stop } = await start(() => ({}));
  try {
    const text = 'FROM alpine:3.20 as base\nRUNN echo hi\nMAINTAINER me\n';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text } });
    const opened = await next();
    assert.equal(opened.version, 1);
    assert.deepEqual(render(opened.diagnostics), [
      '0:17-0:19 warning FromAsCasing "as" and "FROM" are written in different cases',
      '1:0-1:4 error unknown-instruction Unknown instruction "RUNN" (did you mean "RUN"?)',
      '2:0-2:10 warning MaintainerDeprecated MAINTAINER is deprecated: set the org.opencontainers.image.authors label instead',
    ]);
    assert.equal(opened.diagnostics[1].source, 'dockerfile-studio');

    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 3 }, end: { line: 1, character: 4 } }, text: '' }],
    });
    const changed = await next();
    assert.equal(changed.version, 2);
    assert.deepEqual(render(changed.diagnostics), [
      '0:17-0:19 warning FromAsCasing "as" and "FROM" are written in different cases',
      '2:0-2:10 warning MaintainerDeprecated MAINTAINER is deprecated: set the org.opencontainers.image.authors label instead',
    ]);

    await connection.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
    const closed = await next();
    assert.deepEqual(closed.diagnostics, []);
  } finally {
    stop();
  }
});

test('a severity of "off" in the settings turns a rule off; "error" raises one', async () => {
  const { connection, next, stop } = await start(() => ({
    diagnostics: { severities: { FromAsCasing: 'off', MaintainerDeprecated: 'error', bogus: 'loud' } },
  }));
  try {
    const text = 'FROM alpine:3.20 as base\nMAINTAINER me\n';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text } });
    assert.deepEqual(render((await next()).diagnostics), [
      '1:0-1:10 error MaintainerDeprecated MAINTAINER is deprecated: set the org.opencontainers.image.authors label instead',
    ]);
  } finally {
    stop();
  }
});
