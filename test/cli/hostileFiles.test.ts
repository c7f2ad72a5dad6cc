/**
 * The CLI as a process on files a repository (or a hostile caller) can put in its way: a FIFO,
 * a link to /dev/zero, a symbolic link cycle, an oversized file, an endless standard input.
 * Each must end with a clear line and exit 2 (or be skipped in a walk), never hang or eat
 * memory: every spawn has a timeout, so a regression fails instead of hanging the suite.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildModel } from '../../server/src/service/model';
import { lint } from '../../server/src/service/diagnostics/engine';
import { formatText, summary, toFindings } from '../../server/src/cli/format';
import { TEST_ROOT } from '../service/helpers';

const CLI = join(TEST_ROOT, '..', 'dist', 'cli.js');
const POSIX = process.platform !== 'win32';
const LIMITS = { timeout: 30_000 };
let tmp = '';

function cli(args: string[], options: SpawnSyncOptions = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: tmp, encoding: 'utf8', timeout: 20_000, ...options });
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

function write(path: string, text: string | Buffer): void {
  mkdirSync(join(tmp, path, '..'), { recursive: true });
  writeFileSync(join(tmp, path), text);
}

function mkfifo(path: string): void {
  mkdirSync(join(tmp, path, '..'), { recursive: true });
  const made = spawnSync('mkfifo', [join(tmp, path)]);
  assert.equal(made.status, 0, String(made.stderr));
}

const BAD = 'FROM alpine:3.20\nRUNN echo hi\n';

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'dfs-hostile-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

test('a FIFO named on the command line is not opened for reading: could not check, exit 2', { ...LIMITS, skip: !POSIX }, () => {
  mkfifo('named/Dockerfile');
  assert.deepEqual(cli(['lint', 'named/Dockerfile']), {
    status: 2,
    stdout: '',
    stderr: "dockerfile-studio: could not check 'named/Dockerfile': not a regular file (a FIFO)\nno problems in 0 files\n",
  });
});

test('a link to /dev/zero named on the command line is not read: could not check, exit 2', { ...LIMITS, skip: !POSIX }, () => {
  mkdirSync(join(tmp, 'zero'));
  symlinkSync('/dev/zero', join(tmp, 'zero/Dockerfile'));
  assert.deepEqual(cli(['lint', 'zero/Dockerfile', '--severity', 'none']), {
    status: 2,
    stdout: '',
    stderr: "dockerfile-studio: could not check 'zero/Dockerfile': not a regular file (a character device)\nno problems in 0 files\n",
  });
});

test('a folder walk skips a FIFO and a link to a device with a Dockerfile name, and never follows a link cycle', { ...LIMITS, skip: !POSIX }, () => {
  write('walk/app/Dockerfile', BAD);
  symlinkSync('/dev/zero', join(tmp, 'walk/Dockerfile'));
  mkfifo('walk/app/Dockerfile.dev');
  // Links back up and to themselves: a walk that followed them would never end.
  symlinkSync('..', join(tmp, 'walk/app/up'));
  symlinkSync('.', join(tmp, 'walk/app/here'));
  symlinkSync('x.dockerfile', join(tmp, 'walk/app/x.dockerfile'));
  const findings = toFindings('walk/app/Dockerfile', lint(buildModel(BAD), { dockerignore: null }));
  assert.ok(findings.some((f) => f.severity === 'error'), 'the real Dockerfile has an error to report');
  assert.deepEqual(cli(['lint', 'walk']), {
    status: 1,
    stdout: formatText(findings),
    stderr: `walk/Dockerfile: skipped: not a regular file (a character device)\nwalk/app/Dockerfile.dev: skipped: not a regular file (a FIFO)\n${summary(findings, 1)}\n`,
  });
});

test('a named file over 8 MB is not read: could not check, exit 2', LIMITS, () => {
  write('big/api.dockerfile', Buffer.alloc(9 * 1024 * 1024, 0x23));
  assert.deepEqual(cli(['lint', 'big/api.dockerfile']), {
    status: 2,
    stdout: '',
    stderr: "dockerfile-studio: could not check 'big/api.dockerfile': 9.0 MB is more than the 8 MB a Dockerfile is read up to\nno problems in 0 files\n",
  });
});

const STDIN_OVER = "dockerfile-studio: could not check '-': standard input holds more than the 8 MB a Dockerfile is read up to; reading stopped there\nno problems in 0 files\n";

test('standard input over 8 MB: reading stops at the cap, could not check, exit 2 (a pipe, and an endless /dev/zero)', { ...LIMITS, skip: !POSIX }, () => {
  // A pipe of 8 MB and one byte: all of it can be read, and the extra byte decides.
  assert.deepEqual(cli(['lint', '-'], { input: Buffer.alloc(8 * 1024 * 1024 + 1, 0x23) }), { status: 2, stdout: '', stderr: STDIN_OVER });
  // Endless: the run ends only because reading stops.
  const zero = openSync('/dev/zero', 'r');
  try {
    assert.deepEqual(cli(['lint', '-'], { stdio: [zero, 'pipe', 'pipe'] }), { status: 2, stdout: '', stderr: STDIN_OVER });
  } finally {
    closeSync(zero);
  }
  // Under the cap, a pipe is read whole.
  const text = `${BAD}#${' '.repeat(1024 * 1024)}\n`;
  const findings = toFindings('-', lint(buildModel(text), { dockerignore: null }));
  assert.deepEqual(cli(['lint', '-'], { input: text }), { status: 1, stdout: formatText(findings), stderr: `${summary(findings, 1)}\n` });
});
