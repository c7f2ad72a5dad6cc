/**
 * Running and cancelling against the real engine: run the built image and read its output,
 * fetch from its published port on 127.0.0.1, replace and stop it; cancel a long build and find
 * no process or container left; hostile names and values reach Docker verbatim.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import type { BuildMode } from '../../client/src/docker/argv';
import { planOf } from '../client/docker/helpers';
import { choosePorts, runContainer, startBuild } from '../../client/src/docker/engine';
import { containerNameFor } from '../../client/src/docker/options';
import { collect } from '../../client/src/docker/runner';
import { build, copyFixture, docker, groupGone, optionsFor, processesWith, skipReason, waitFor } from './engineHelpers';

let skip: string | false = false;
before(async () => {
  skip = await skipReason();
});

async function dockerOut(...args: string[]): Promise<string> {
  const result = await collect(docker.runner, { command: docker.path, args });
  return result.stdout;
}

test('run the image: its output streams, its EXPOSEd port answers on 127.0.0.1, a second run replaces it, stop removes it', { timeout: 60000 }, async (t) => {
  if (skip) return t.skip(skip);
  const context = copyFixture('multistage');
  const tag = 'local/dfs-run:1';
  const built = await build(optionsFor(context, tag, { buildArgs: [['GREETING', 'hello from the test']] }));
  assert.equal(built.exitCode, 0, built.text);

  const exposed = planOf(readFileSync(join(context, 'Dockerfile'), 'utf8')).exposedPorts;
  assert.deepEqual(exposed, ['8080']);
  const ports = await choosePorts(exposed, '127.0.0.1', {});
  const name = containerNameFor(tag);
  let output = '';
  let said: () => void = () => undefined;
  const saidIt = new Promise<void>((resolve) => (said = resolve));
  const first = await runContainer(docker, { image: tag, containerName: name, ports, envFile: null, interactive: false, init: true, dockerfile: join(context, 'Dockerfile'), extraFlags: [], command: [] }, (text) => {
    output += text;
    if (output.includes('app says:')) said();
  });
  await saidIt;
  assert.match(output, /app says: hello from the test\|plain/);

  const url = `http://127.0.0.1:${ports[0][1]}/`;
  let body = '';
  // The app prints before it execs httpd: wait for the port to answer.
  const waited = await waitFor('the published port to answer', async () => {
    try {
      body = await (await fetch(url)).text();
      return true;
    } catch {
      return false;
    }
  });
  assert.match(body, /hello from the test\|plain/);
  t.diagnostic(`port ${ports[0][1]} answered ${waited} ms after the first output line`);

  const second = await runContainer(docker, { image: tag, containerName: name, ports: [], envFile: null, interactive: false, init: true, dockerfile: join(context, 'Dockerfile'), extraFlags: [], command: [] }, () => undefined);
  const firstExit = await first.process.exit;
  assert.notEqual(firstExit.errorCode, 'ENOENT');
  await waitFor('the second container', async () => (await dockerOut('ps', '-a', '--filter', `name=^/${name}$`, '--format', '{{.ID}}')).trim().split('\n').filter(Boolean).length === 1);

  const stopping = Date.now();
  await second.stop();
  t.diagnostic(`stop took ${Date.now() - stopping} ms`);
  assert.equal((await dockerOut('ps', '-a', '--filter', `name=^/${name}$`, '--format', '{{.ID}}')).trim(), '');
  // stop() awaits the CLI's exit; a process it left in its group is killed then and goes a moment later.
  await waitFor('the docker run CLI\'s process group to be gone', () => groupGone(second.process.pid));
});

for (const mode of ['rawjson', 'legacy'] as BuildMode[]) {
  test(`${mode}: cancelling a long build leaves no process and no container`, { timeout: 60000 }, async (t) => {
    if (skip) return t.skip(skip);
    const context = copyFixture('sleeper');
    const mark = `m${process.hrtime.bigint()}`;
    const containersBefore = (await dockerOut('ps', '-aq')).trim();
    assert.deepEqual(processesWith('sleep', '4321'), [], 'no RUN left from an earlier run');
    let running: () => void = () => undefined;
    const isRunning = new Promise<void>((resolve) => (running = resolve));
    const run = startBuild(docker, optionsFor(context, 'local/dfs-sleeper:1', { buildArgs: [['MARK', mark]] }), mode, {
      event: (event) => {
        if (event.type === 'log' && event.text.includes(`started ${mark}`)) running();
      },
    });
    let result;
    const cancelledAt = Date.now();
    try {
      await isRunning;
      // The echo comes just before sleep starts.
      await waitFor('the RUN to run sleep', () => processesWith('sleep', '4321').length > 0);
    } finally {
      run.cancel();
      result = await run.result;
    }
    assert.equal(result.cancelled, true);
    assert.match(result.summary, /^Build cancelled/);
    // The result waits for the CLI; a plugin left in its group (buildx) is SIGKILLed then and goes a moment later.
    await waitFor('the docker CLI and everything it started to be gone', () => groupGone(run.pid));
    const gone = await waitFor('the RUN process to end', () => processesWith('sleep', '4321').length === 0);
    const cleaned = await waitFor('no new container', async () => (await dockerOut('ps', '-aq')).trim() === containersBefore);
    t.diagnostic(`${mode}: CLI exited ${result.durationMs} ms into the build, ${Date.now() - cancelledAt} ms after cancel; RUN process gone after ${gone} ms more, containers back to before after ${cleaned} ms`);
  });
}

const HOSTILE = `a b 'single' "double" $(touch PWNED) \`touch PWNED\`; touch PWNED & | > x\nsecond line ünïcødé 日本`;

for (const mode of ['rawjson', 'legacy'] as BuildMode[]) {
  test(`${mode}: hostile folder, file name and build arg reach Docker verbatim`, async (t) => {
    if (skip) return t.skip(skip);
    const plain = copyFixture('echo');
    // A folder and Dockerfile name with quotes, $(...), ;, a newline and non-ASCII.
    const context = join(dirname(plain), `ctx 'q' "d" $(touch PWNED); é\nx`);
    mkdirSync(context);
    const dockerfile = join(context, 'Docker file;$(touch PWNED) ü');
    renameSync(join(plain, 'Dockerfile'), dockerfile);
    const tag = `local/dfs-hostile-${mode}:1`;
    const result = await build({ ...optionsFor(context, tag, { buildArgs: [['V', HOSTILE]] }), dockerfile }, mode);
    assert.equal(result.exitCode, 0, result.text);
    const read = await collect(docker.runner, { command: docker.path, args: ['run', '--rm', tag] });
    assert.equal(read.stdout, HOSTILE);
    assert.ok(!existsSync(join(context, 'PWNED')) && !existsSync(join(process.cwd(), 'PWNED')) && !existsSync(join(dirname(plain), 'PWNED')));
  });
}

test('a hostile tag is rejected by Docker as a tag, and nothing in it runs', async (t) => {
  if (skip) return t.skip(skip);
  const context = copyFixture('echo');
  const marker = join(context, 'PWNED');
  writeFileSync(join(context, '.keep'), '');
  const result = await build(optionsFor(context, `x;touch ${marker} $(touch ${marker})`));
  assert.notEqual(result.exitCode, 0);
  assert.equal(result.failure?.kind, 'bad-tag', result.text);
  assert.ok(!existsSync(marker));
});
