/**
 * `dockerfile-studio build` as a process on another engine and when things go wrong: the same
 * report through the `studio-second` context (DOCKER_CONTEXT, as a CI job picks a remote
 * engine); a failed build still reports, with the failure on its line; no docker, or no engine,
 * is one line and exit 2; a records folder that cannot be written loses the record, not the report.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { docker, dockerCli, engineProblem, secondEngine, skipOrFail, SECOND_CONTEXT } from './engines';
import { copyFixture } from './engineHelpers';
import { type CliRun, cli, everyStep, expected, fromsWith, reportOf, runCli, summarize, versionImage } from './reportHelpers';

let skip: string | false = false;
before(async () => {
  skip = skipOrFail([await engineProblem(docker, 'scripts/engine/setup.sh'), await engineProblem(secondEngine, 'scripts/engine/second.sh')]);
});

/** A folder with a Dockerfile, under a fresh temporary folder. */
function contextWith(dockerfile: string): string {
  const context = join(mkdtempSync(join(tmpdir(), 'dfs-report-')), 'ctx');
  mkdirSync(context);
  writeFileSync(join(context, 'Dockerfile'), dockerfile);
  return context;
}

/** The lines of a run's stderr that come from dockerfile-studio itself (not the build's progress). */
const ownLines = (run: CliRun) => run.stderr.split('\n').filter((line) => line.startsWith('dockerfile-studio:'));

test('the report and its records on the engine of DOCKER_CONTEXT=studio-second; the image is not on the default engine', { timeout: 300000 }, async (t) => {
  if (skip) return t.skip(skip);
  const context = copyFixture('cachefacts');
  const records = join(mkdtempSync(join(tmpdir(), 'dfs-report-records-')), 'records');
  const nonce = `${process.hrtime.bigint()}`;
  // A base image only the second engine has: every step runs in the first build there.
  const base = `local/dfs-report-second-base:${nonce}`;
  await versionImage(secondEngine, base, `second-${nonce}`);
  const tag = `local/dfs-report-second:${nonce}`;
  const build = () =>
    runCli(['build', '--records', records, '--tag', tag, '--report', 'json', '--build-arg', `BASE=${base}`, '--build-arg', 'FLAVOUR=a', '--build-arg', 'STAMP=a', context], {
      DOCKER_CONTEXT: SECOND_CONTEXT,
      DOCKER_HOST: undefined,
    });

  const first = reportOf(await build());
  assert.deepEqual(summarize(first), expected({ ...fromsWith('first-build'), ...everyStep('first-build') }), 'first build on the second engine');
  const id = (await cli(secondEngine, 'image', 'inspect', '--format', '{{.Id}}', tag)).trim();
  assert.equal(first.image.id, id);
  assert.equal((await dockerCli(docker, 'image', 'inspect', tag)).code, 1, 'the default engine does not have the image');
  assert.equal(readdirSync(records, { recursive: true }).filter((name) => String(name).endsWith('.json')).length, 1, 'one record kept');

  // The record kept from the first build is the one the second compares with.
  const again = reportOf(await build());
  assert.deepEqual(summarize(again), expected({}), 'unchanged rebuild on the second engine');
  assert.equal(again.cacheHitRatio, 1);
  await dockerCli(secondEngine, 'image', 'rm', tag, base);
});

test('a failed build exits 1 and still prints the report, the failure on its line and the steps after it not run', { timeout: 120000 }, async (t) => {
  if (skip) return t.skip(skip);
  const nonce = `${process.hrtime.bigint()}`;
  const context = contextWith(`FROM local/busybox:latest\nRUN echo ok ${nonce}\nRUN echo bad && exit 3\nRUN echo never\n`);
  const run = await runCli(['build', '--records', join(context, '..', 'records'), '--tag', `local/dfs-report-fail:${nonce}`, '--report', 'json', context]);
  assert.deepEqual(summarize(reportOf(run, 1)), ['L1 - -', 'L2 rebuilt first-build', 'L3 rebuilt first-build', 'L4 - -']);
  const text = await runCli(['build', '--records', join(context, '..', 'records'), '--tag', `local/dfs-report-fail:${nonce}`, context]);
  assert.equal(text.status, 1, text.stderr);
  assert.ok(
    text.stdout.includes('\nFailed: line 3: process "/bin/sh -c echo bad && exit 3" did not complete successfully: exit code: 3'),
    text.stdout,
  );
  // Against the failed build's record it has no cached result to come from; the time varies.
  const row = (text.stdout.split('\n').find((line) => line.trimStart().startsWith('3 ')) ?? '').trim().split(/ {2,}/);
  assert.deepEqual(
    [...row.slice(0, 4), ...row.slice(5)],
    ['3', '0', 'RUN echo bad && exit 3', 'failed', '-', 'unknown: It failed in the previous build, so there was no cached result to reuse.'],
  );
  // The failure is the build's, said by its summary line; the CLI itself had no problem.
  assert.deepEqual(ownLines(text), []);
  assert.equal(text.stderr.split('\n').filter((line) => line.startsWith('Build failed at [3/4] RUN echo bad && exit 3 after ')).length, 1, text.stderr);
});

test('no docker on PATH, or an engine that does not answer: exit 2 and one line saying so', { timeout: 60000 }, async (t) => {
  if (skip) return t.skip(skip);
  const context = contextWith('FROM local/busybox:latest\nRUN echo hi\n');
  const noDocker = await runCli(['build', context], { PATH: join(context, 'no-bin') });
  assert.deepEqual(noDocker, {
    status: 2,
    stdout: '',
    stderr: 'dockerfile-studio: the Docker CLI ("docker") was not found on PATH: install Docker, or put the directory holding it on PATH\n',
  });
  const noEngine = await runCli(['build', context], { DOCKER_HOST: 'unix:///nonexistent', DOCKER_CONTEXT: undefined });
  assert.deepEqual(noEngine, { status: 2, stdout: '', stderr: 'dockerfile-studio: Cannot connect to the Docker daemon at unix:///nonexistent. Is the docker daemon running?\n' });
});

test('a records folder that is a file: the report prints, and stderr says the record was not saved', { timeout: 120000 }, async (t) => {
  if (skip) return t.skip(skip);
  const nonce = `${process.hrtime.bigint()}`;
  const context = contextWith(`FROM local/busybox:latest\nRUN echo ${nonce} > /n.txt\n`);
  const records = join(context, '..', 'records');
  writeFileSync(records, 'not a folder\n');
  const run = await runCli(['build', '--records', records, '--tag', `local/dfs-report-norecord:${nonce}`, '--report', 'json', context]);
  assert.deepEqual(summarize(reportOf(run)), ['L1 - -', 'L2 rebuilt first-build']);
  assert.deepEqual(ownLines(run), [`dockerfile-studio: the build record was not saved: EEXIST: file already exists, mkdir '${records}'`]);
  assert.ok(statSync(records).isFile(), 'the file is left as it was');
  await dockerCli(docker, 'image', 'rm', `local/dfs-report-norecord:${nonce}`);
});
