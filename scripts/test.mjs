#!/usr/bin/env node
// The unit test command: bundle dist/, type-check, lint, transpile the TypeScript tests to
// out/run-<pid> (one folder per run, so parallel runs do not trample each other) and run them
// with node:test. Arguments pick test folders (default: every folder that
// needs no system component); `--quick` skips the type-check and lint.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as esbuild from 'esbuild';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
process.chdir(root);

const UNIT_FOLDERS = ['test/service', 'test/client', 'test/server', 'test/lsp', 'test/cli', 'test/corpus', 'test/grammar'];
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const folders = args.filter((a) => !a.startsWith('--'));
const selected = folders.length > 0 ? folders : UNIT_FOLDERS;

function run(command, argv) {
  const result = spawnSync(command, argv, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${command} ${argv.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

function walk(dir, keep) {
  let found = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return found;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found = found.concat(walk(path, keep));
    else if (keep(path)) found.push(path);
  }
  return found;
}

run(process.execPath, ['esbuild.mjs']);
if (!quick) {
  run(process.execPath, ['node_modules/typescript/bin/tsc', '-b']);
  run(process.execPath, ['node_modules/eslint/bin/eslint.js', '.']);
}

const outdir = `out/run-${process.pid}`;
process.on('exit', () => rmSync(outdir, { recursive: true, force: true }));
const sources = ['client/src', 'server/src', 'test'].flatMap((dir) =>
  walk(dir, (p) => p.endsWith('.ts') && !p.endsWith('.d.ts')),
);
await esbuild.build({
  entryPoints: sources,
  outdir,
  outbase: '.',
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
});

const testFiles = selected
  .flatMap((folder) => walk(join(outdir, folder), (p) => p.endsWith('.test.js')))
  .map((p) => relative(root, p))
  .sort();
if (testFiles.length === 0) {
  console.error(`no test files under ${selected.join(', ')}`);
  process.exit(1);
}
run(process.execPath, ['--test', '--test-reporter=spec', ...testFiles]);
