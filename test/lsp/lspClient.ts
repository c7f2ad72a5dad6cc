/**
 * A minimal LSP client for tests: spawns the bundled server over stdio, as an editor would, and
 * speaks JSON-RPC through vscode-jsonrpc. Server-to-client requests are answered like a plain
 * editor (no configuration, registrations accepted), or by a client that says it answers
 * `workspace/configuration` and never does; log messages are kept for assertions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

/** A running server and the connection to it. */
export interface TestServer {
  connection: MessageConnection;
  process: ChildProcess;
  /** Messages the server logged (window/logMessage), in order. */
  logs: string[];
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/**
 * Starts dist/server.js --stdio and initializes it with the given hover content formats;
 * `configuration: 'never-answers'` claims the capability and leaves every request unanswered.
 */
export async function startServer(hoverFormats: string[], options: { configuration?: 'unsupported' | 'never-answers' } = {}): Promise<TestServer> {
  const silent = options.configuration === 'never-answers';
  const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const logs: string[] = [];
  connection.onNotification('window/logMessage', (params: { message: string }) => logs.push(params.message));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => (silent ? new Promise<never>(() => undefined) : params.items.map(() => null)));
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      textDocument: { hover: { contentFormat: hoverFormats }, synchronization: { dynamicRegistration: false } },
      workspace: { configuration: silent },
    },
  });
  await connection.sendNotification('initialized', {});
  return { connection, process: child, logs, exited };
}

/** Shuts the server down the polite way and waits for the process to exit. */
export async function stopServer(server: TestServer): Promise<number | null> {
  await server.connection.sendRequest('shutdown');
  await server.connection.sendNotification('exit');
  const code = await server.exited;
  server.connection.dispose();
  return code;
}
