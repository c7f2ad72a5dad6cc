// A small LSP driver for the benchmark: starts a server over stdio (argv array, no shell),
// initializes it like an editor with markdown hovers, opens documents, times hover requests and
// edit-to-diagnostics round trips, and reads the process's resident memory. Never sleeps: every
// step waits on a response or a notification.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

/** Starts `argv` and completes initialize/initialized. */
export async function startServer(argv) {
  const child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'ignore'] });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  // Answer server-to-client requests as a plain editor would; diagnostics go to their waiters.
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  const waiters = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const waiter = waiters.get(params.uri);
    // A publish for an older version is stale; one without a version (the peer) answers the last change.
    if (!waiter || (params.version !== undefined && params.version !== null && params.version < waiter.version)) return;
    waiters.delete(params.uri);
    waiter.resolve(params.diagnostics);
  });
  connection.onNotification(() => undefined);
  connection.listen();
  const initialized = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      textDocument: {
        hover: { contentFormat: ['markdown', 'plaintext'] },
        synchronization: { didSave: true },
        publishDiagnostics: {},
      },
      workspace: { configuration: false },
    },
  });
  await connection.sendNotification('initialized', {});
  let version = 0;
  const sync = initialized.capabilities.textDocumentSync;
  const syncKind = typeof sync === 'number' ? sync : (sync?.change ?? 0);
  /** The diagnostics published for `uri` at `atLeast` or later, with the ms since `start`. */
  const nextDiagnostics = (uri, atLeast, start) =>
    new Promise((resolve) => waiters.set(uri, { version: atLeast, resolve: (diagnostics) => resolve({ ms: performance.now() - start, diagnostics }) }));
  return {
    pid: child.pid,
    /** 2 when the server takes incremental changes, 1 for whole-text changes. */
    syncKind,
    open: (uri, text) => connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: ++version, text } }),
    /** Opens a document and resolves with its first diagnostics and the ms they took. */
    openAndDiagnose(uri, text) {
      const start = performance.now();
      const done = nextDiagnostics(uri, version + 1, start);
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: ++version, text } });
      return done;
    },
    /**
     * Sends one edit (a range replaced by `newText`; `fullText` is the document after it, sent
     * instead when the server only takes whole texts) and resolves with the diagnostics published
     * for that version and the ms from sending to receiving them.
     */
    change(uri, range, newText, fullText) {
      const start = performance.now();
      const done = nextDiagnostics(uri, version + 1, start);
      const contentChanges = syncKind === 2 ? [{ range, text: newText }] : [{ text: fullText }];
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges });
      return done;
    },
    close: (uri) => connection.sendNotification('textDocument/didClose', { textDocument: { uri } }),
    /** Milliseconds from sending a hover to its answer; throws when the answer is an error. */
    async hover(uri, position) {
      const start = performance.now();
      await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
      return performance.now() - start;
    },
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}

/** Resident memory of a process in MiB (VmRSS from /proc), or null where /proc is missing. */
export function rssMiB(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Median and 95th percentile (linear interpolation) of a list of numbers. */
export function stats(values) {
  if (values.length === 0) return { median: NaN, p95: NaN, n: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => {
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  };
  return { median: at(0.5), p95: at(0.95), n: sorted.length };
}
