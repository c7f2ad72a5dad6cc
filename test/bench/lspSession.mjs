// An LSP session for the fuzz and soak benchmarks: starts a server over stdio (argv array, no
// shell), initializes it like an editor (markdown hovers, snippets), and gives every request back
// as a value (result or error, with its time) instead of throwing, with a time limit. It keeps
// what the server reports about itself: the process's exit, its stderr, the messages it logs
// (window/logMessage) and the diagnostics it publishes, by URI and version.

import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

/** Starts `argv`, completes initialize/initialized and resolves with the session. */
export async function startSession(argv, { rootUri = null } = {}) {
  const child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
  const state = { exitCode: undefined, stderr: '', logs: [] };
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      state.exitCode = code ?? signal;
      resolve(state.exitCode);
    }),
  );
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    // Kept short: a server printing in a loop must not fill the benchmark's memory.
    if (state.stderr.length < 1_000_000) state.stderr += chunk;
  });
  // A write to a server that died is reported by the exit, not as an unhandled error.
  child.stdin.on('error', () => undefined);
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onError(() => undefined);
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('window/logMessage', (params) => state.logs.push(params.message));
  /** The last publish per URI: { version, diagnostics }. */
  const published = new Map();
  const waiters = new Set();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.set(params.uri, { version: params.version ?? null, diagnostics: params.diagnostics });
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && (params.version ?? Infinity) >= waiter.version) {
        waiters.delete(waiter);
        waiter.resolve(params.diagnostics);
      }
    }
  });
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    capabilities: {
      textDocument: {
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true } },
        synchronization: { didSave: true },
        publishDiagnostics: { versionSupport: true },
        rename: { prepareSupport: true },
      },
      workspace: { configuration: false },
    },
  });
  await connection.sendNotification('initialized', {});

  /** Resolves after `ms`, without keeping the process alive. */
  const after = (ms, value) => new Promise((resolve) => setTimeout(() => resolve(value), ms).unref());

  return {
    pid: child.pid,
    state,
    exited,
    /** The last diagnostics published for `uri` ({ version, diagnostics }), or undefined. */
    published: (uri) => published.get(uri),
    notify: (method, params) => connection.sendNotification(method, params).catch(() => undefined),
    /**
     * Sends a request and resolves with { ms, result } or { ms, error: { code, message } }, or
     * { ms, timedOut: true } past `limitMs`, or { ms, closed: true } when the connection died.
     */
    async request(method, params, limitMs) {
      const start = performance.now();
      const answer = connection.sendRequest(method, params).then(
        (result) => ({ result }),
        (error) => (typeof error?.code === 'number' && state.exitCode === undefined ? { error: { code: error.code, message: String(error.message) } } : { closed: true, message: String(error?.message ?? error) }),
      );
      const outcome = await Promise.race([answer, exited.then(() => ({ closed: true })), after(limitMs, { timedOut: true })]);
      return { ms: performance.now() - start, ...outcome };
    },
    /** Resolves with the diagnostics published for `uri` at `version` or later, or null past `limitMs` or on exit. */
    waitDiagnostics(uri, version, limitMs) {
      const last = published.get(uri);
      if (last && last.version !== null && last.version >= version) return Promise.resolve(last.diagnostics);
      return Promise.race([
        new Promise((resolve) => waiters.add({ uri, version, resolve })),
        exited.then(() => null),
        after(limitMs, null),
      ]).finally(() => {
        for (const waiter of waiters) if (waiter.uri === uri && waiter.version === version) waiters.delete(waiter);
      });
    },
    /** Shuts the server down (killed when it does not answer within a few seconds). */
    async stop() {
      if (state.exitCode === undefined) {
        const polite = (async () => {
          await connection.sendRequest('shutdown');
          await connection.sendNotification('exit');
          return exited;
        })().catch(() => null);
        if ((await Promise.race([polite, after(5000, 'late')])) === 'late') child.kill('SIGKILL');
      }
      await exited;
      connection.dispose();
      return state.exitCode;
    },
    kill() {
      child.kill('SIGKILL');
      return exited;
    },
  };
}

/** `--name value` pairs read as numbers over `defaults`; an unknown name points at `script`'s header. */
export function numericOptions(argv, defaults, script) {
  const options = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in options)) throw new Error(`unknown option ${argv[i]} (see the header of ${script})`);
    options[key] = Number(argv[++i]);
  }
  return options;
}
