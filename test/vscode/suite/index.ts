/**
 * The mocha entry the VS Code extension host loads (extensionTestsPath). It runs every
 * `*.test.js` next to it, activation first, and resolves or rejects with the result, which the
 * workbench turns into the exit code of the run. When DFS_VSCODE_RESULTS names a file, the counts
 * and failures are written there for the runner's summary.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Runs the suite inside the extension host. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort((a, b) => Number(b === 'activation.test.js') - Number(a === 'activation.test.js') || a.localeCompare(b));
  for (const name of files) mocha.addFile(path.join(__dirname, name));

  return new Promise((resolve, reject) => {
    const failures: { title: string; error: string }[] = [];
    const runner = mocha.run((failed) => {
      const stats = runner.stats ?? { passes: 0, failures: failed, pending: 0 };
      const summary = { passed: stats.passes, failed: stats.failures, pending: stats.pending, failures };
      const resultsFile = process.env.DFS_VSCODE_RESULTS;
      if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(summary, null, 2));
      console.log(`extension host: ${summary.passed} passed, ${summary.failed} failed`);
      if (failed > 0) reject(new Error(`${failed} integration test(s) failed`));
      else resolve();
    });
    runner.on('fail', (test, error: Error) => failures.push({ title: test.fullTitle(), error: String(error?.stack ?? error) }));
  });
}
