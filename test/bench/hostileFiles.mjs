// Hostile project files a repository can commit (a .dockerignore or config that is a symlink to
// /dev/zero or /dev/urandom, or a FIFO): open-to-first-diagnostics and the server's RSS, for one
// server build. Usage: node test/bench/hostileFiles.mjs [dist/server.js] [name filter]. A server
// that reads such a file blocking never publishes (10 s limit) or grows by gigabytes.
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const { startServer } = await import('./lspDriver.mjs');
const [server = 'dist/server.js', which] = process.argv.slice(2);
const cases = {
  'dockerignore -> /dev/zero': (dir) => symlinkSync('/dev/zero', join(dir, '.dockerignore')),
  'dockerignore FIFO': (dir) => spawnSync('mkfifo', [join(dir, '.dockerignore')]),
  'config -> /dev/urandom': (dir) => symlinkSync('/dev/urandom', join(dir, '.dockerfile-studio.json')),
  'config FIFO': (dir) => spawnSync('mkfifo', [join(dir, '.dockerfile-studio.json')]),
};
const rss = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
for (const [name, make] of Object.entries(cases)) {
  if (which && !name.includes(which)) continue;
  const dir = mkdtempSync(join(tmpdir(), 'hfs-'));
  mkdirSync(join(dir, '.git'));
  make(dir);
  const file = join(dir, 'Dockerfile');
  writeFileSync(file, 'FROM alpine:3.20\nCOPY a /a\nMAINTAINER me\n');
  const s = await startServer(['node', server, '--stdio']);
  const t0 = performance.now();
  const result = await Promise.race([
    s.openAndDiagnose(pathToFileURL(file).href, readFileSync(file, 'utf8')).then((r) => `diagnostics in ${r.ms.toFixed(0)} ms (${r.diagnostics.length})`),
    new Promise((r) => setTimeout(() => r('no diagnostics within 10 s'), 10000)),
  ]);
  let mem = 0;
  try {
    mem = rss(s.pid);
  } catch {
    mem = -1;
  }
  console.log(`${name}: ${result}; RSS ${mem.toFixed(0)} MB after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  try {
    process.kill(s.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
