#!/usr/bin/env node
// `npm start`: code-server with Dockerfile Studio loaded (linked from this working tree) on a copy
// of sample/ (or DFS_START_FOLDER), on 127.0.0.1 only. Prints the URL and runs until Ctrl+C, then
// stops code-server's whole process group. DFS_PORT picks the port (default 8765, or a free one).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startCodeServer } from './codeServer.mjs';
import { workbenchUrl } from './browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let folder = process.env.DFS_START_FOLDER ? resolve(process.env.DFS_START_FOLDER) : undefined;
let copy;
if (!folder) {
  // A copy, so trying things out never dirties the repository's sample.
  copy = mkdtempSync(join(tmpdir(), 'dfs-sample-'));
  folder = join(copy, 'sample');
  cpSync(join(root, 'sample'), folder, { recursive: true });
}
process.on('exit', () => { if (copy) rmSync(copy, { recursive: true, force: true }); });

const wanted = Number(process.env.DFS_PORT) || 8765;
const port = await new Promise((r) => {
  // Use the usual port when it is free, so a bookmarked URL keeps working.
  import('node:net').then(({ createServer }) => {
    const probe = createServer();
    probe.once('error', () => freePort().then(r));
    probe.listen(wanted, '127.0.0.1', () => probe.close(() => r(wanted)));
  });
});
const server = await startCodeServer({ port, linkExtensions: [root] });
console.log(`
Dockerfile Studio is running in code-server (VS Code in the browser), on this machine only.

  Open:      ${workbenchUrl(server.base, folder)}
  Workspace: ${folder}${copy ? ' (a copy of sample/)' : ''}
  Logs:      ${server.logFile}

Press Ctrl+C to stop.`);
// Runs until Ctrl+C (codeServer.mjs stops the process group on SIGINT/SIGTERM) or until the server dies.
server.exited.then(() => {
  if (server.stopping) return;
  console.error('code-server stopped by itself:');
  console.error(server.logs());
  process.exit(1);
});
