/**
 * The docker executable is found on absolute PATH entries only, never in the working directory
 * (the build context): recorded PATHs of Linux and Windows machines, and a repository that
 * committed `docker` / `docker.exe` next to its Dockerfile.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { findOnPath, resolveDocker, searchEnv } from '../../../client/src/docker/executable';
import { isExecutableFile } from '../../../client/src/docker/hostFiles';

const exists = (files: string[]) => (file: string) => files.includes(file);

test('POSIX: empty, "." and relative PATH entries are skipped; the first absolute hit wins', () => {
  const files = exists(['docker', './docker', 'bin/docker', '/usr/local/bin/docker', '/usr/bin/docker']);
  const env = { PATH: ':.:bin:./bin:/usr/local/bin:/usr/bin' };
  assert.equal(findOnPath('docker', env, 'linux', files), '/usr/local/bin/docker');
  assert.equal(findOnPath('docker', { PATH: '.::bin' }, 'linux', files), null);
  assert.equal(findOnPath('docker', {}, 'linux', files), null);
  assert.deepEqual(resolveDocker('', env, 'linux', files), { path: '/usr/local/bin/docker' });
  assert.deepEqual(resolveDocker(undefined, { PATH: '/usr/bin' }, 'linux', files), { path: '/usr/bin/docker' });
  assert.deepEqual(resolveDocker('', { PATH: '.:bin' }, 'linux', files), {
    error: 'The Docker CLI ("docker") was not found on PATH. Install Docker, or set "dockerfileStudio.docker.path" (a user setting) to the docker executable\'s absolute path.',
  });
});

test('the docker.path setting: absolute as given, a bare name searched on PATH, a relative path refused', () => {
  const files = exists(['/opt/docker/bin/docker', '/usr/bin/podman', 'C:\\Tools\\docker.exe']);
  assert.deepEqual(resolveDocker('/opt/docker/bin/docker', { PATH: '/usr/bin' }, 'linux', files), { path: '/opt/docker/bin/docker' });
  assert.deepEqual(resolveDocker(' podman ', { PATH: '.:/usr/bin' }, 'linux', files), { path: '/usr/bin/podman' });
  assert.deepEqual(resolveDocker('/opt/nothing/docker', { PATH: '/usr/bin' }, 'linux', files), {
    error: 'The Docker CLI was not found at "/opt/nothing/docker" (from "dockerfileStudio.docker.path" (a user setting)). Point it at the docker executable.',
  });
  for (const [relative, platform] of [['./docker', 'linux'], ['bin/docker', 'linux'], ['bin\\docker.exe', 'win32'], ['C:docker.exe', 'win32'], ['\\docker.exe', 'win32']] as const) {
    assert.deepEqual(resolveDocker(relative, { PATH: '/usr/bin;C:\\Tools' }, platform, files), {
      error: `"dockerfileStudio.docker.path" (a user setting) is "${relative}", a relative path. Give the docker executable's absolute path, or a bare name to look up on PATH.`,
    });
  }
  assert.deepEqual(resolveDocker('C:\\Tools\\docker.exe', {}, 'win32', files), { path: 'C:\\Tools\\docker.exe' });
});

test('Windows: the working directory is never searched; spawnable PATHEXT suffixes only; quoted entries and `Path`', () => {
  // A Windows PATH as recorded, with the repository's folder (where docker.exe was committed) as the process's cwd.
  const files = exists(['C:\\repo\\docker.exe', 'C:\\repo\\docker.bat', 'C:\\Program Files\\Docker\\Docker\\resources\\bin\\docker.exe', 'C:\\Windows\\system32\\docker.cmd']);
  const Path = 'C:\\Windows\\system32;;.;repo;\\repo;"C:\\Program Files\\Docker\\Docker\\resources\\bin"';
  const env = searchEnv({ Path, PATHEXT: '.COM;.EXE;.BAT;.CMD;.VBS' }, 'win32');
  assert.deepEqual(env, { PATH: Path, PATHEXT: '.COM;.EXE;.BAT;.CMD;.VBS' });
  assert.deepEqual(resolveDocker('', env, 'win32', files), { path: 'C:\\Program Files\\Docker\\Docker\\resources\\bin\\docker.exe' });
  assert.equal(findOnPath('docker.exe', { PATH: 'C:\\repo' }, 'win32', files), 'C:\\repo\\docker.exe', 'an absolute entry is searched as any other');
  assert.equal(findOnPath('docker', { PATH: '.;repo;\\repo;C:repo' }, 'win32', files), null);
  assert.deepEqual(searchEnv({ Path: 'x', PATH: undefined }, 'linux'), { PATH: undefined, PATHEXT: undefined });
});

test('the real file checks: a regular executable file, not a folder, a missing path or a file without the execute bit', { skip: process.platform === 'win32' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'dfs-exe-'));
  try {
    writeFileSync(join(dir, 'docker'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(join(dir, 'plain'), '', { mode: 0o644 });
    assert.deepEqual([join(dir, 'docker'), join(dir, 'plain'), dir, join(dir, 'none')].map(isExecutableFile), [true, false, false, false]);
    assert.deepEqual(resolveDocker('', { PATH: `relative:${dir}` }, 'linux', isExecutableFile), { path: join(dir, 'docker') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
