/** Image environments for the server's UndefinedVar: the inspect argv, the output reader and the cache. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ImageEnvCache, IMAGE_ENV_TTL_MS, parseImageEnv } from '../../../client/src/docker/imageEnv';
import { imageEnvInvocation } from '../../../client/src/docker/argv';
import type { ProcessRunner, SpawnRequest } from '../../../client/src/docker/runner';

/** A runner that answers `docker image inspect` from a table and records every call. */
function fakeRunner(images: Record<string, string>): { runner: ProcessRunner; calls: SpawnRequest[] } {
  const calls: SpawnRequest[] = [];
  const runner: ProcessRunner = {
    spawn(request) {
      calls.push(request);
      const image = request.args[request.args.length - 1];
      const out = images[image];
      let emit: (chunk: string) => void = () => undefined;
      return {
        pid: 1,
        onStdout: (listener) => (emit = listener),
        onStderr: () => undefined,
        exit: Promise.resolve().then(() => {
          if (out !== undefined) emit(out);
          return { code: out === undefined ? 1 : 0, signal: null };
        }),
        kill: () => undefined,
      };
    },
  };
  return { runner, calls };
}

test('the inspect argv asks for the config environment as JSON, after --', () => {
  assert.deepEqual(imageEnvInvocation('python:3.12', { dockerContext: 'remote', dockerHost: null }), {
    args: ['--context', 'remote', 'image', 'inspect', '--format', '{{json .Config.Env}}', '--', 'python:3.12'],
    env: {},
  });
});

test('inspect output: entries, null config env, and anything else unknown', () => {
  assert.deepEqual(parseImageEnv('["PATH=/bin","LANG=C.UTF-8"]\n'), ['PATH=/bin', 'LANG=C.UTF-8']);
  assert.deepEqual(parseImageEnv('null\n'), []);
  assert.equal(parseImageEnv('Error: No such image'), null);
  assert.equal(parseImageEnv('[1, 2]'), null);
});

test('the cache asks the engine once per image and time window; a missing image is null', async () => {
  const { runner, calls } = fakeRunner({ 'python:3.12': '["PATH=/bin","PYTHON_VERSION=3.12.8"]' });
  let now = 1000;
  const cache = new ImageEnvCache(() => ({ runner, path: 'docker', engine: { dockerContext: null, dockerHost: null } }), () => now);
  assert.deepEqual(await cache.lookup(['python:3.12', 'missing:1']), { 'python:3.12': ['PATH=/bin', 'PYTHON_VERSION=3.12.8'], 'missing:1': null });
  assert.deepEqual(await cache.lookup(['python:3.12']), { 'python:3.12': ['PATH=/bin', 'PYTHON_VERSION=3.12.8'] });
  assert.equal(calls.length, 2);
  now += IMAGE_ENV_TTL_MS;
  await cache.lookup(['python:3.12']);
  assert.equal(calls.length, 3);
});
