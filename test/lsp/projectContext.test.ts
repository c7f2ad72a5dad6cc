/**
 * The project context over stdio, as an editor sees it: the server watches config and ignore
 * files, and a change reported by `workspace/didChangeWatchedFiles` re-lints the open Dockerfile
 * without reopening it; the config's `ignore` list silences the editor; the `build.context`
 * setting chooses which `.dockerignore` applies.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TEST_ROOT } from '../service/helpers';

const SERVER = join(TEST_ROOT, '..', 'dist', 'server.js');
let tmp = '';

before(() => {
  tmp = realpathSync(mkdtempSync(join(tmpdir(), 'dfs-lsp-context-')));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

interface Published {
  uri: string;
  diagnostics: Diagnostic[];
}

interface Session {
  connection: MessageConnection;
  /** The next publishDiagnostics, in order of arrival. */
  next: () => Promise<Published>;
  /** The watchers the server registered for workspace/didChangeWatchedFiles. */
  watchers: Promise<unknown>;
  stop: () => void;
}

/** `line:col-line:col severity code message`, one per diagnostic. */
function render(list: Diagnostic[]): string[] {
  const names = ['', 'error', 'warning', 'info', 'hint'];
  return list.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${names[d.severity ?? 0]} ${String(d.code)} ${d.message}`);
}

/** Starts the server with `tmp/<folder>` as the workspace folder; `settings` answers workspace/configuration. */
async function start(folder: string, settings: unknown = {}): Promise<Session> {
  const workspace = pathToFileURL(join(tmp, folder)).href;
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const queue: Published[] = [];
  const waiters: ((p: Published) => void)[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: Published) => {
    const waiter = waiters.shift();
    if (waiter) waiter(params);
    else queue.push(params);
  });
  let registered: (value: unknown) => void = () => undefined;
  const watchers = new Promise<unknown>((resolve) => (registered = resolve));
  connection.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
    for (const registration of params.registrations) {
      if (registration.method === 'workspace/didChangeWatchedFiles') registered(registration.registerOptions);
    }
    return null;
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: workspace,
    workspaceFolders: [{ uri: workspace, name: folder }],
    capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  await connection.sendNotification('initialized', {});
  const next = () =>
    new Promise<Published>((resolve) => {
      const queued = queue.shift();
      if (queued) resolve(queued);
      else waiters.push(resolve);
    });
  return { connection, next, watchers, stop: () => (connection.dispose(), child.kill()) };
}

function write(path: string, text: string): string {
  const full = join(tmp, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
  return full;
}

const open = (connection: MessageConnection, path: string, text: string) =>
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(path).href, languageId: 'dockerfile', version: 1, text } });

/** Tells the server files were created (1) or changed (2), as the editor's watcher would. */
const changed = (connection: MessageConnection, paths: string[], type: 1 | 2 | 3 = 2) =>
  connection.sendNotification('workspace/didChangeWatchedFiles', { changes: paths.map((path) => ({ uri: pathToFileURL(path).href, type })) });

const MAINTAINER = '1:0-1:10 warning MaintainerDeprecated MAINTAINER is deprecated: set the org.opencontainers.image.authors label instead';

// A missing registration or publish would wait forever: the timeout turns that into a failure.
test('a new .dockerignore or config file changes the open Dockerfile\'s diagnostics without reopening it', { timeout: 60_000 }, async () => {
  const session = await start('watch');
  const { connection, next } = session;
  try {
    assert.deepEqual(await session.watchers, {
      watchers: [{ globPattern: '**/.dockerfile-studio.json' }, { globPattern: '**/.dockerignore' }, { globPattern: '**/*.dockerignore' }],
    });
    const dockerfile = write('watch/app/Dockerfile', '');
    await open(connection, dockerfile, 'FROM alpine:3.20\nMAINTAINER me\nCOPY notes.md /\n');
    assert.deepEqual(render((await next()).diagnostics), [MAINTAINER]);

    const ignore = write('watch/app/.dockerignore', '*.md\n');
    await changed(connection, [ignore], 1);
    assert.deepEqual(render((await next()).diagnostics), [
      MAINTAINER,
      '2:5-2:13 warning CopyIgnoredFile "notes.md" is excluded by .dockerignore, so COPY cannot use it',
    ]);

    // A config above, in the workspace: its rule severity applies, its warnings are shown.
    const config = write('watch/.dockerfile-studio.json', JSON.stringify({ rules: { MaintainerDeprecated: 'off', CopyIgnoredFle: 'off' } }));
    await changed(connection, [config], 1);
    assert.deepEqual(render((await next()).diagnostics), [
      `0:0-0:16 warning project-config ${config}: unknown rule 'CopyIgnoredFle'; did you mean 'CopyIgnoredFile'?`,
      '2:5-2:13 warning CopyIgnoredFile "notes.md" is excluded by .dockerignore, so COPY cannot use it',
    ]);

    // A change elsewhere does not re-lint; the next publish is the one for the deletion.
    await changed(connection, [write('watch/other/.dockerignore', '*\n')]);
    rmSync(ignore);
    await changed(connection, [ignore], 3);
    assert.deepEqual(render((await next()).diagnostics), [`0:0-0:16 warning project-config ${config}: unknown rule 'CopyIgnoredFle'; did you mean 'CopyIgnoredFile'?`]);

    write('watch/.dockerfile-studio.json', '{"rules": ');
    await changed(connection, [config]);
    assert.deepEqual(render((await next()).diagnostics), [
      `0:0-0:16 warning project-config ${config}: not valid JSON (${jsonError('{"rules": ')})`,
      MAINTAINER,
    ]);
  } finally {
    session.stop();
  }
});

function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

test('a Dockerfile the config ignores gets no diagnostics in the editor', { timeout: 60_000 }, async () => {
  write('silenced/.dockerfile-studio.json', JSON.stringify({ ignore: ['legacy/'] }));
  const session = await start('silenced');
  const { connection, next } = session;
  try {
    await open(connection, write('silenced/legacy/Dockerfile', ''), 'FROM alpine:3.20\nMAINTAINER me\n');
    assert.deepEqual((await next()).diagnostics, []);
    await open(connection, write('silenced/app/Dockerfile', ''), 'FROM alpine:3.20\nMAINTAINER me\n');
    assert.deepEqual(render((await next()).diagnostics), [MAINTAINER]);
  } finally {
    session.stop();
  }
});

test('the build.context setting picks the .dockerignore at the context root', { timeout: 60_000 }, async () => {
  write('ctx/.dockerignore', '*.md\n');
  write('ctx/docker/.dockerignore', 'unrelated\n');
  const text = 'FROM alpine:3.20\nCOPY notes.md /\n';
  const copied = '1:5-1:13 warning CopyIgnoredFile "notes.md" is excluded by .dockerignore, so COPY cannot use it';
  for (const [settings, expected] of [
    [{ build: { context: '..' } }, [copied]],
    [{}, []],
  ] as const) {
    const session = await start('ctx', settings);
    try {
      await open(session.connection, write('ctx/docker/Dockerfile', ''), text);
      assert.deepEqual(render((await session.next()).diagnostics), expected, JSON.stringify(settings));
    } finally {
      session.stop();
    }
  }
});
