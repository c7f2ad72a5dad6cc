/**
 * "Installable with npm install -g": pack the project, install the tarball into a temporary
 * prefix as a user would and run the installed `dockerfile-studio` bin. Takes a few seconds.
 *
 * The bundles in dist/ carry everything they load (esbuild, no externals but `vscode`), so the
 * package declares no dependencies and the install is `--offline`: it needs nothing from npm's
 * registry or cache, as on a new machine with an empty cache.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_ROOT } from '../service/helpers';

const ROOT = join(TEST_ROOT, '..');

test('npm pack + npm install -g --prefix gives a working dockerfile-studio bin', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'dfs-install-'));
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const pack = spawnSync(npm, ['pack', '--pack-destination', tmp, '--json'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    const [{ filename, files }] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    assert.ok(files.some((f) => f.path === 'dist/cli.js'), 'the tarball carries dist/cli.js');
    const prefix = join(tmp, 'prefix');
    const install = spawnSync(npm, ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(tmp, filename)], {
      cwd: tmp,
      encoding: 'utf8',
    });
    assert.equal(install.status, 0, `npm install -g failed:\n${install.stderr}`);
    const bin = join(prefix, 'bin', 'dockerfile-studio');
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const run = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    assert.deepEqual({ status: run.status, stdout: run.stdout }, { status: 0, stdout: `${version}\n` });
    mkdirSync(join(tmp, 'w'));
    writeFileSync(join(tmp, 'w', 'Dockerfile'), 'FROM alpine:3.20\nRUNN x\n');
    const lint = spawnSync(bin, ['lint', 'Dockerfile'], { cwd: join(tmp, 'w'), encoding: 'utf8' });
    assert.equal(lint.status, 1);
    assert.match(lint.stdout, /^Dockerfile:2:1 error unknown-instruction /m);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
