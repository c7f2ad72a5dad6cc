#!/usr/bin/env node
// Runs the tests that need a real VS Code:
//   1. the integration suite (mocha, test/vscode/suite) inside the extension host, through
//      @vscode/test-electron's runTests. Here runTests gets test/vscode/code-shim.mjs as its
//      vscodeExecutablePath (code-server in Chromium); with DFS_VSCODE=desktop it downloads a
//      desktop VS Code instead, where that is possible.
//   2. the UI tests (node:test + Playwright, test/vscode/ui), screenshots in test-output/vscode/.
// Both open a temporary copy of sample/. Closing line: `vscode: N passed, N failed`.
// With CI=true a missing component fails the run; elsewhere it is reported and skipped.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { missingTools } from '../../scripts/vscode/codeServer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(root);
const ci = process.env.CI === 'true';
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const only = process.argv[2]; // 'suite' or 'ui' runs one part

const missing = missingTools();
if (missing.length > 0) {
  console.error(`test/vscode: the real VS Code is not installed: ${missing.join(', ')}`);
  if (ci) {
    console.error('CI=true: a missing component is a failure (run scripts/vscode/install.sh)');
    process.exit(1);
  }
  console.log('SKIPPED: VS Code integration and UI tests (run scripts/vscode/install.sh to enable them)');
  process.exit(0);
}

// Build the extension, the suite (one bundle per file; vscode and mocha come from the host and
// node_modules) and the data module the UI tests read expected text from.
const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status || 1);
rmSync('out/vscode', { recursive: true, force: true });
await esbuild.build({
  entryPoints: ['test/vscode/suite/*.ts'],
  outdir: 'out/vscode/suite',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
await esbuild.build({
  entryPoints: { data: 'server/src/service/data/index.ts' },
  outdir: 'out/vscode',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  logLevel: 'warning',
});

const scratch = mkdtempSync(join(tmpdir(), 'dfs-vscode-run-'));
const results = { suite: null, ui: null };
try {
  if (only !== 'ui') results.suite = await runSuite();
  if (only !== 'suite') results.ui = await runUi();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

let passed = 0;
let failed = 0;
console.log('\n=== VS Code tests ===');
if (results.suite) {
  const s = results.suite;
  console.log(`integration (extension host): ${s.passed} passed, ${s.failed} failed${s.note ? ` (${s.note})` : ''}`);
  passed += s.passed;
  failed += s.failed;
}
if (results.ui) {
  const u = results.ui;
  console.log(`UI (Playwright + Chromium): ${u.passed} passed, ${u.failed} failed`);
  console.log(`  screenshots: ${join(root, 'test-output', 'vscode')}/`);
  passed += u.passed;
  failed += u.failed;
}
console.log(`wall time ${elapsed()}`);
console.log(`vscode: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

/** Copies sample/ to a fresh folder: the editor may write to what it opens. */
function workspaceCopy(name) {
  const folder = join(scratch, name);
  cpSync('sample', folder, { recursive: true });
  return folder;
}

async function runSuite() {
  console.log(`\n=== integration suite in the extension host (${elapsed()}) ===`);
  const resultsFile = join(scratch, 'suite-results.json');
  const desktop = process.env.DFS_VSCODE === 'desktop';
  const options = {
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/vscode/suite/index.js'),
    // A throwaway profile for this run: runTests would otherwise reuse .vscode-test/.
    launchArgs: [workspaceCopy('suite-workspace'), `--user-data-dir=${join(scratch, 'user-data')}`, `--extensions-dir=${join(scratch, 'extensions')}`],
    extensionTestsEnv: { DFS_VSCODE_RESULTS: resultsFile },
  };
  if (!desktop) options.vscodeExecutablePath = join(root, 'test/vscode/code-shim.mjs');
  let code;
  try {
    code = await runTests(options);
  } catch (error) {
    code = typeof error?.code === 'number' ? error.code : 1;
    if (typeof error?.code !== 'number') console.error(`runTests: ${error?.message ?? error}`);
  }
  if (!existsSync(resultsFile)) {
    return { passed: 0, failed: 1, note: `the suite did not report (exit code ${code})` };
  }
  const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
  if (code !== 0 && r.failed === 0) return { passed: r.passed, failed: 1, note: `exit code ${code}` };
  return { passed: r.passed, failed: r.failed };
}

async function runUi() {
  console.log(`\n=== UI tests (${elapsed()}) ===`);
  const shots = join(root, 'test-output', 'vscode');
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  const resultsFile = join(scratch, 'ui-results.json');
  const timeoutMs = (Number(process.env.DFS_VSCODE_UI_TIMEOUT) || 600) * 1000;
  const child = spawn(process.execPath, [
    '--test', '--test-concurrency=1', `--test-timeout=${timeoutMs}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=./test/vscode/ui/results-reporter.mjs', `--test-reporter-destination=${resultsFile}`,
    'test/vscode/ui/',
  ], {
    stdio: 'inherit',
    env: { ...process.env, DFS_SCREENSHOTS: shots, DFS_WORKSPACE: workspaceCopy('ui-workspace'), DFS_DATA_MODULE: join(root, 'out/vscode/data.js') },
  });
  // The UI tests stop their own code-server on exit and on SIGTERM; this is the backstop.
  const timer = setTimeout(() => {
    console.error(`UI tests did not finish within ${timeoutMs / 1000} s: stopping them`);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  }, timeoutMs + 30_000);
  const code = await new Promise((resolve) => child.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  clearTimeout(timer);
  if (!existsSync(resultsFile)) return { passed: 0, failed: 1 };
  const tests = JSON.parse(readFileSync(resultsFile, 'utf8'));
  // A skipped or todo step did not show what it should have: it counts as a failure.
  const passedTests = tests.filter((t) => t.status === 'pass' && !t.skip && !t.todo);
  const failedTests = tests.filter((t) => !passedTests.includes(t));
  return { passed: passedTests.length, failed: failedTests.length + (code !== 0 && failedTests.length === 0 ? 1 : 0) };
}
