import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { buildModel } from '../../server/src/service/model';
import { lint } from '../../server/src/service/diagnostics/engine';
import { TEST_ROOT } from '../service/helpers';

const SERVER = join(TEST_ROOT, '..', 'dist', 'server.js');
const URI = 'file:///work/project/Dockerfile';

test('textDocument/codeAction over stdio: the fix, then both ignore actions, for one diagnostic', async () => {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  try {
    const init = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as {
      capabilities: { codeActionProvider?: unknown };
    };
    assert.deepEqual(init.capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
    await connection.sendNotification('initialized', {});

    const text = '# syntax=docker/dockerfile:1\nFROM alpine\nRUNN echo hi\n';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text } });
    // The client sends back the diagnostics it was given; compute the same one here.
    const diagnostic = lint(buildModel(text)).find((d) => d.code === 'unknown-instruction');
    assert.ok(diagnostic, 'the engine reports RUNN');
    const range = { start: { line: 2, character: 1 }, end: { line: 2, character: 1 } };
    const actions = await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range,
      context: { diagnostics: [diagnostic], triggerKind: 1 },
    });
    const at = (line: number, character: number) => ({ line, character });
    assert.deepEqual(actions, [
      {
        title: 'Change to RUN',
        kind: 'quickfix',
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [URI]: [{ range: { start: at(2, 0), end: at(2, 4) }, newText: 'RUN' }] } },
      },
      {
        title: 'Ignore unknown-instruction here',
        kind: 'quickfix',
        diagnostics: [diagnostic],
        edit: { changes: { [URI]: [{ range: { start: at(2, 0), end: at(2, 0) }, newText: '# dockerfile-studio ignore=unknown-instruction\n' }] } },
      },
      {
        title: 'Ignore unknown-instruction in this file',
        kind: 'quickfix',
        diagnostics: [diagnostic],
        edit: { changes: { [URI]: [{ range: { start: at(1, 0), end: at(1, 0) }, newText: '# dockerfile-studio ignore-file=unknown-instruction\n' }] } },
      },
    ]);

    // A client asking only for refactorings gets none of these.
    const only = await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range,
      context: { diagnostics: [diagnostic], only: ['refactor'] },
    });
    assert.deepEqual(only, []);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } finally {
    connection.dispose();
    child.kill();
  }
});
