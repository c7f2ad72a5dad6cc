/**
 * A non-default engine picked through a Docker context (scripts/engine/second.sh): build, image
 * lookup and run all go to it through client/src/docker/engine.ts, and the image is not on the
 * default engine. Users' remote engines are picked the same way.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { stepCounts } from '../../client/src/docker/buildState';
import { runContainer, startBuild } from '../../client/src/docker/engine';
import { inspectImage } from '../../client/src/docker/imageFacts';
import { containerNameFor } from '../../client/src/docker/options';
import { dockerCli, engineProblem, secondEngine, skipOrFail } from './engines';
import { copyFixture, docker, optionsFor, waitFor } from './engineHelpers';

let skip: string | false = false;
before(async () => {
  skip = skipOrFail([await engineProblem(docker, 'scripts/engine/setup.sh'), await engineProblem(secondEngine, 'scripts/engine/second.sh')]);
});

test('the engines are two: the context reaches another daemon than the default', async (t) => {
  if (skip) return t.skip(skip);
  const first = await dockerCli(docker, 'info', '--format', '{{.ID}} {{.DockerRootDir}}');
  const second = await dockerCli(secondEngine, 'info', '--format', '{{.ID}} {{.DockerRootDir}}');
  assert.equal(second.code, 0, second.stderr);
  assert.equal(second.stdout.trim().split(' ')[1], '/var/lib/docker-second');
  assert.notEqual(first.stdout.trim(), second.stdout.trim());
});

test('build, image lookup and run on the engine of the studio-second context; the image is not on the default engine', { timeout: 120000 }, async (t) => {
  if (skip) return t.skip(skip);
  const context = copyFixture('multistage');
  // A fresh greeting so the build is not served from an earlier run's cache, and a tag no other test uses.
  const nonce = `${process.hrtime.bigint()}`;
  const tag = `local/dfs-second:${nonce}`;
  const greeting = `from the second engine ${nonce}`;
  let text = '';
  const run = startBuild(secondEngine, optionsFor(context, tag, { buildArgs: [['GREETING', greeting]] }), 'rawjson', { text: (chunk) => (text += chunk) });
  const result = await run.result;
  assert.equal(result.exitCode, 0, text);
  assert.equal(result.failure, null);
  // The RUN that prints the greeting and the COPY of its output in the final stage.
  assert.ok(stepCounts(result.state).built >= 2, `steps were built, not only cached: ${result.summary}`);

  const id = (await inspectImage(secondEngine, tag))?.id ?? null;
  assert.match(id ?? '', /^sha256:[0-9a-f]{64}$/);
  assert.equal(await inspectImage(docker, tag), null, 'the default engine does not have the image');

  const name = containerNameFor(tag);
  let output = '';
  let said: () => void = () => undefined;
  const saidIt = new Promise<void>((resolve) => (said = resolve));
  const container = await runContainer(secondEngine, { image: tag, containerName: name, ports: [], envFile: null, interactive: false, init: true, dockerfile: join(context, 'Dockerfile'), extraFlags: [], command: [] }, (chunk) => {
    output += chunk;
    if (output.includes('app says:')) said();
  });
  const on = async (engine: typeof docker) => (await dockerCli(engine, 'ps', '--filter', `name=^/${name}$`, '--format', '{{.Image}}')).stdout.trim();
  try {
    await saidIt;
    assert.match(output, new RegExp(`app says: ${greeting}\\|plain`));
    assert.equal(await on(secondEngine), tag);
    assert.equal(await on(docker), '', 'no such container on the default engine');
  } finally {
    await container.stop();
  }
  await waitFor('the container to be gone from the second engine', async () => (await on(secondEngine)) === '');
  await dockerCli(secondEngine, 'image', 'rm', tag);
  t.diagnostic(`${result.summary} (${result.durationMs} ms)`);
});
