/**
 * Builds against the real engine: a multi-stage fixture in each progress mode, a cached rebuild,
 * a one-file change, a broken RUN and its place in the file, and the clear message for each
 * failure outside the Dockerfile.
 */
import * as assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { basename, join } from 'node:path';
import { before, test } from 'node:test';
import type { BuildMode } from '../../client/src/docker/argv';
import { analyzeRequest } from '../../client/src/docker/analyzeRequest';
import { observedSteps, stepCounts } from '../../client/src/docker/buildState';
import { detect, startBuild } from '../../client/src/docker/engine';
import { analyzeBuild } from '../../server/src/buildAnalysis';
import { createDockerfileService, matchSteps } from '../../server/src/service';
import { planOf } from '../client/docker/helpers';
import { collect, nodeRunner } from '../../client/src/docker/runner';
import type { BuildResult } from '../../client/src/docker/engine';
import { build, copyFixture, docker, optionsFor, skipReason, waitFor } from './engineHelpers';

let skip: string | false = false;
before(async () => {
  skip = await skipReason();
});

/** `L<line> <CACHED|BUILT>` for each Dockerfile step, by line. */
function lines(result: BuildResult, dockerfile: string): string[] {
  const plan = planOf(dockerfile);
  const rows = new Map<number, string>();
  matchSteps(plan, observedSteps(result.state)).forEach((step, i) => {
    if (step) rows.set(plan.steps[i].line + 1, step.cached ? 'CACHED' : 'BUILT');
  });
  return [...rows].sort((a, b) => a[0] - b[0]).map(([line, state]) => `L${line} ${state}`);
}

test('the installation offers buildx with rawjson', async (t) => {
  if (skip) return t.skip(skip);
  const found = await detect(docker);
  assert.ok(!('kind' in found));
  assert.equal(found.mode, 'rawjson');
  assert.equal(found.engineError, null);
  t.diagnostic(`client ${found.clientVersion}, engine ${found.serverVersion}, buildx ${found.buildxVersion}`);
});

for (const mode of ['rawjson', 'plain', 'legacy'] as BuildMode[]) {
  test(`${mode}: build, rebuild cached, then change app.sh and see exactly the steps from its COPY onward rebuilt`, async (t) => {
    if (skip) return t.skip(skip);
    const context = copyFixture('multistage');
    // A fresh nonce so the first build is not served from an earlier run's cache.
    appendFileSync(join(context, 'lib.txt'), `nonce ${mode} ${process.hrtime.bigint()}\n`);
    const dockerfile = readFileSync(join(context, 'Dockerfile'), 'utf8');
    const options = optionsFor(context, `local/dfs-test-${mode}:1`, { buildArgs: [['GREETING', 'hi']] });

    const first = await build(options, mode);
    assert.equal(first.exitCode, 0, first.text);
    // WORKDIR on the base image may come from any earlier build; everything from the COPY of the new lib.txt is built.
    const firstBuilt = lines(first, dockerfile).filter((row) => row.endsWith('BUILT')).map((row) => row.split(' ')[0]);
    for (const line of ['L8', 'L9', 'L10', 'L11', 'L15', 'L16']) assert.ok(firstBuilt.includes(line), `${line} built: ${firstBuilt.join(' ')}`);

    const second = await build(options, mode);
    assert.equal(second.exitCode, 0);
    // FROM lines are never reported cached (BuildKit merges the two into one step under either name);
    // the legacy builder also numbers the global ARG, which it never reports cached either.
    const fromLines = ['L3', 'L4', 'L13'];
    const built = lines(second, dockerfile).filter((row) => row.endsWith('BUILT')).map((row) => row.split(' ')[0]);
    assert.deepEqual(built.filter((line) => !fromLines.includes(line)), []);

    writeFileSync(join(context, 'app.sh'), `${readFileSync(join(context, 'app.sh'), 'utf8')}# changed\n`);
    const third = await build(options, mode);
    assert.equal(third.exitCode, 0);
    const rebuilt = lines(third, dockerfile).filter((row) => row.endsWith('BUILT')).map((row) => row.split(' ')[0]);
    // Legacy numbers EXPOSE and CMD too; after a changed layer they are rebuilt as well.
    const expected = mode === 'legacy' ? ['L10', 'L11', 'L15', 'L16', 'L17', 'L18'] : ['L10', 'L11', 'L15', 'L16'];
    assert.deepEqual(rebuilt.filter((line) => !fromLines.includes(line)), expected);
    t.diagnostic(`${mode}: first ${first.durationMs} ms, cached ${second.durationMs} ms (${stepCounts(second.state).cached}/${stepCounts(second.state).total} cached), after change ${third.durationMs} ms; ${third.summary}`);
  });
}

for (const mode of ['rawjson', 'plain', 'legacy'] as BuildMode[]) {
  test(`${mode}: a broken RUN fails the build and is placed on its line with its logs, whatever its output says`, async (t) => {
    if (skip) return t.skip(skip);
    const context = copyFixture('multistage');
    // The command's own output names a full disk and an unreachable host: still the RUN's failure.
    const noise = "echo 'write /x: no space left on device' && echo 'dial tcp 10.0.0.1:443: i/o timeout'";
    const broken = readFileSync(join(context, 'Dockerfile'), 'utf8').replace('RUN cat lib.txt > out.txt', `RUN echo about to fail && ${noise} && cat missing.txt > out.txt`);
    writeFileSync(join(context, 'Dockerfile'), broken);
    const result = await build(optionsFor(context, 'local/dfs-test-broken:1'), mode);
    assert.notEqual(result.exitCode, 0);
    assert.equal(result.failure, null, 'an ordinary build error, not an engine problem');
    // What the editor sends the server after the build, and the record's failure it shows.
    const options = optionsFor(context, 'local/dfs-test-broken:1');
    const params = analyzeRequest('file:///w/Dockerfile', options, mode, { ...result, startedAt: new Date().toISOString(), imageId: null });
    const place = (await analyzeBuild(createDockerfileService().parse(broken), params)).failure;
    assert.equal(place?.line, 9);
    assert.match(place?.message ?? '', /about to fail/);
    assert.match(place?.message ?? '', /missing\.txt/);
    assert.match(result.summary, /^Build failed/);
    // The legacy builder keeps a failed step's container unless told otherwise (--force-rm).
    const left = await collect(docker.runner, { command: docker.path, args: ['ps', '-a', '--filter', 'status=exited', '--format', '{{.Command}}'] });
    assert.ok(!left.stdout.includes('about to fail'), left.stdout);
  });
}

test('an engine that takes the connection and never answers gives a clear message in time, and no docker process is left', async (t) => {
  if (skip) return t.skip(skip);
  const context = copyFixture('multistage');
  const socket = join(context, 'hung-engine.sock');
  const connections: Socket[] = [];
  const open = new Set<Socket>();
  // Read and drop what the CLI sends (a paused socket would never report the CLI going away).
  const hung = createServer((connection) => {
    connections.push(connection);
    open.add(connection);
    connection.on('close', () => open.delete(connection)).resume();
  }).listen(socket);
  await once(hung, 'listening');
  try {
    const engine = { runner: nodeRunner, path: docker.path, engine: { dockerContext: null, dockerHost: `unix://${socket}` } };
    // Without the probe's own limit this would wait forever: give up on it after 20 s.
    const gaveUp = new Promise<'gave up'>((resolve) => setTimeout(() => resolve('gave up'), 20_000).unref());
    const found = await Promise.race([detect(engine, 2000), gaveUp]);
    assert.ok(found !== 'gave up', 'detect() returned within 20 s');
    assert.equal('kind' in found && found.kind, 'engine-slow');
    assert.match('message' in found ? found.message : '', /did not answer within 2 s/);
    assert.ok(connections.length > 0, 'the CLI reached the hung engine');
    // The probe's docker process went with its group: nothing holds a connection any more.
    await waitFor('the probe to let go of the socket', () => open.size === 0);
  } finally {
    for (const connection of connections) connection.destroy();
    hung.close();
  }
});

test('a missing CLI, a stopped engine and an unreachable registry each give one clear message', async (t) => {
  if (skip) return t.skip(skip);
  const context = copyFixture('multistage');
  const missing = await startBuild({ ...docker, path: '/nonexistent/docker' }, optionsFor(context, 'x:1'), 'rawjson').result;
  assert.equal(missing.failure?.kind, 'no-cli');
  const detectMissing = await detect({ ...docker, path: '/nonexistent/docker' });
  assert.equal('kind' in detectMissing && detectMissing.kind, 'no-cli');

  const down = { runner: nodeRunner, path: docker.path, engine: { dockerContext: null, dockerHost: `unix://${join(context, 'no-engine.sock')}` } };
  const stopped = await startBuild(down, optionsFor(context, 'x:1'), 'rawjson').result;
  assert.equal(stopped.failure?.kind, 'engine-down', stopped.summary);
  const probe = await detect(down);
  assert.ok(!('kind' in probe) && probe.engineError !== null);

  writeFileSync(join(context, 'Dockerfile'), 'FROM registry.invalid/nothing:1\nRUN true\n');
  const registry = await build(optionsFor(context, 'x:1'));
  assert.equal(registry.failure?.kind, 'registry', registry.text);
  t.diagnostic(registry.summary);
  assert.ok(basename(context) === 'ctx');
});
