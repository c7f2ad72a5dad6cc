/**
 * A build that cannot start says why: Node reports a missing working directory (the build
 * context) as ENOENT of the executable and throws ENOTDIR for a file, and neither is "docker CLI
 * not found". Real spawns through the node runner; no engine is needed since nothing starts.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { BuildOptions } from '../../../client/src/docker/argv';
import { type Docker, startBuild } from '../../../client/src/docker/engine';
import { classifyFailure } from '../../../client/src/docker/errors';
import { nodeRunner } from '../../../client/src/docker/runner';

const NO_ENGINE = { dockerContext: null, dockerHost: null };

function options(context: string): BuildOptions {
  return { dockerfile: join(context, 'Dockerfile'), context, tag: 't:latest', target: null, buildArgs: [], platform: null, noCache: false, builder: null, extraFlags: [] };
}

async function failure(docker: Docker, context: string): Promise<{ kind: string; message: string; summary: string } | null> {
  const result = await startBuild(docker, options(context), 'plain').result;
  return result.failure && { kind: result.failure.kind, message: result.failure.message, summary: result.summary };
}

test('a missing or non-folder build context is reported as such; a missing CLI as a missing CLI', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dfs-spawn-'));
  try {
    writeFileSync(join(dir, 'a-file'), '');
    // Any executable that exists stands in for docker: it never starts.
    const docker: Docker = { runner: nodeRunner, path: process.execPath, engine: NO_ENGINE };
    const missing = join(dir, 'gone');
    assert.deepEqual(await failure(docker, missing), {
      kind: 'no-context',
      message: `The build context folder ${missing} does not exist. Check "dockerfileStudio.build.context" and the build profile's "context".`,
      summary: `Build failed: The build context folder ${missing} does not exist. Check "dockerfileStudio.build.context" and the build profile's "context".`,
    });
    assert.deepEqual(await failure(docker, join(dir, 'a-file')), {
      kind: 'no-context',
      message: `The build context ${join(dir, 'a-file')} is not a folder. Check "dockerfileStudio.build.context" and the build profile's "context".`,
      summary: `Build failed: The build context ${join(dir, 'a-file')} is not a folder. Check "dockerfileStudio.build.context" and the build profile's "context".`,
    });
    const noCli = await failure({ runner: nodeRunner, path: join(dir, 'no-docker'), engine: NO_ENGINE }, dir);
    assert.equal(noCli?.kind, 'no-cli');
    assert.equal(noCli?.message, `The Docker CLI was not found at "${join(dir, 'no-docker')}". Install Docker, or set "dockerfileStudio.docker.path" (a machine setting) to the docker executable.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a spawn that throws (a NUL byte in an argument) ends as a failed start, not an exception', async () => {
  const process = nodeRunner.spawn({ command: 'docker', args: ['build', '--tag', 'a\u0000b'] });
  assert.equal(process.pid, undefined);
  assert.deepEqual(await process.exit, { code: null, signal: null, errorCode: 'ERR_INVALID_ARG_VALUE' });
});

test('classifyFailure: a working-directory problem wins over ENOENT; without one ENOENT is a missing CLI', () => {
  assert.deepEqual(classifyFailure('', '/usr/bin/docker', 'ENOENT', 'The build context folder /w/x does not exist.'), {
    kind: 'no-context',
    message: 'The build context folder /w/x does not exist. Check "dockerfileStudio.build.context" and the build profile\'s "context".',
  });
  assert.equal(classifyFailure('', '/usr/bin/docker', 'ENOENT', null)?.kind, 'no-cli');
  assert.equal(classifyFailure('Cannot connect to the Docker daemon', '/usr/bin/docker', undefined, null)?.kind, 'engine-down');
});
