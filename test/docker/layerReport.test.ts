/**
 * The layer report of `dockerfile-studio build` and `layers` on the real engine, run as a process
 * on a copy of the cachefacts fixture: each change against the build before it, the cause the
 * JSON report gives every line (the engine's cache flags are the ones cacheFacts.test.ts checks),
 * and sizes equal to the image's own history. The fixture starts from a base image in the
 * registry that no earlier run built on, so the first build runs every step.
 */
import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { REGISTRY, docker, dockerCli, engineProblem, registryProblem, skipOrFail } from './engines';
import { copyFixture } from './engineHelpers';
import {
  COPY_APP, COPY_ASSETS, COPY_FROM_BUILD, COPY_GEN_DIR, COPY_GEN_FILE, FROM_GEN, RUN_LS, RUN_UNUSED, RUN_USES, WORKDIR_SRV,
  type JsonReport, cli, digestInRegistry, everyStep, expected, fromsWith, parentOf, reportOf, runCli, summarize, versionImage,
} from './reportHelpers';

let skip: string | false = false;
before(async () => {
  skip = skipOrFail([await engineProblem(docker, 'scripts/engine/setup.sh'), await registryProblem()]);
});

/** The final stage's layers, each its own row of `docker history`. */
const FINAL_LAYERS = [COPY_GEN_FILE, COPY_GEN_DIR, COPY_FROM_BUILD, COPY_ASSETS, RUN_LS];

test('build: the cause of every line through a first build, an unchanged rebuild, a build arg, a source file, the base image and --no-cache; sizes as docker history says', { timeout: 600000 }, async (t) => {
  if (skip) return t.skip(skip);
  const context = copyFixture('cachefacts');
  const records = join(mkdtempSync(join(tmpdir(), 'dfs-report-records-')), 'records');
  const nonce = `${process.hrtime.bigint()}`;
  const repository = 'dfs-report-base';
  const base = `${REGISTRY}/${repository}:${nonce}`;
  const tag = `local/dfs-report:${nonce}`;
  const v1 = await versionImage(docker, base, `v1-${nonce}`);
  await cli(docker, 'push', '--quiet', base);

  const build = async (flavour: string, stamp: string, ...extra: string[]): Promise<JsonReport> =>
    reportOf(
      await runCli([
        'build', '--records', records, '--tag', tag, '--report', 'json',
        '--build-arg', `BASE=${base}`, '--build-arg', `FLAVOUR=${flavour}`, '--build-arg', `STAMP=${stamp}`, ...extra, context,
      ]),
    );

  // The base image is new to the engine, so its FROM resolves it for the first time too.
  const first = await build('a', 'a');
  assert.deepEqual(summarize(first), expected({ ...fromsWith('first-build'), ...everyStep('first-build') }), 'first build');
  assert.equal(first.cacheHitRatio, 0);

  const unchanged = await build('a', 'a');
  assert.deepEqual(summarize(unchanged), expected({}), 'unchanged rebuild');
  assert.equal(unchanged.cacheHitRatio, 1);

  // FLAVOUR is declared in `build`: both RUNs after it rerun (the one that never reads it too);
  // out.txt then differs, so the final stage reruns from the COPY that takes it.
  const argChanged = await build('b', 'a');
  assert.deepEqual(
    summarize(argChanged),
    expected({ [RUN_UNUSED]: 'build-arg-changed', [RUN_USES]: 'build-arg-changed', [COPY_FROM_BUILD]: 'files-changed', ...parentOf([COPY_ASSETS, RUN_LS]) }),
    'build arg changed',
  );
  assert.match(argChanged.steps.find((s) => s.line === RUN_UNUSED)?.cause?.detail ?? '', /^Build arg FLAVOUR changed from "a" to "b"\.$/);

  // app.sh changes: its COPY names it alone; the COPY of lib.txt just before stays cached.
  appendFileSync(join(context, 'app.sh'), `# changed ${nonce}\n`);
  const appChanged = await build('b', 'a');
  assert.deepEqual(
    summarize(appChanged),
    expected({ [COPY_APP]: 'files-changed app.sh', ...parentOf([RUN_UNUSED, RUN_USES]), [COPY_FROM_BUILD]: 'files-changed', ...parentOf([COPY_ASSETS, RUN_LS]) }),
    'one source file changed',
  );

  // v2 goes to the registry under the same tag while the engine's tag stays on v1 (another
  // machine pushed it); `docker pull` then brings it, and every stage starts from it.
  const v2 = await versionImage(docker, `local/dfs-report-base-v2:${nonce}`, `v2-${nonce}`);
  await cli(docker, 'tag', v2, base);
  await cli(docker, 'push', '--quiet', base);
  await cli(docker, 'tag', v1, base);
  await cli(docker, 'pull', '--quiet', base);
  const pulled = await build('b', 'a');
  assert.deepEqual(summarize(pulled), expected({ ...fromsWith('base-image-changed'), ...everyStep('parent-rebuilt') }), 'base image changed (docker pull)');
  const digest2 = await digestInRegistry(repository, nonce);

  // v3 is pushed the same way, and a --pull build runs on it while the engine's tag stays on v2:
  // only the digest BuildKit names in the FROM step tells the change.
  const v3 = await versionImage(docker, `local/dfs-report-base-v3:${nonce}`, `v3-${nonce}`);
  await cli(docker, 'tag', v3, base);
  await cli(docker, 'push', '--quiet', base);
  await cli(docker, 'tag', v2, base);
  const digest3 = await digestInRegistry(repository, nonce);
  const withPull = await build('b', 'a', '--pull');
  assert.deepEqual(summarize(withPull), expected({ ...fromsWith('base-image-changed'), ...everyStep('parent-rebuilt') }), 'base image changed (--pull)');
  const short = (digest: string) => digest.slice(0, 'sha256:'.length + 12);
  assert.equal(withPull.steps.find((s) => s.line === FROM_GEN)?.cause?.detail, `The base image ${base} changed: its digest was ${short(digest2)}, now ${short(digest3)}.`);
  assert.equal((await cli(docker, 'image', 'inspect', '--format', '{{.Id}}', base)).trim(), v2, 'the --pull build left the tag on v2');
  assert.deepEqual(summarize(await build('b', 'a', '--pull')), expected({}), 'a second --pull build with the registry unchanged');

  // --no-cache reruns every step but a WORKDIR right after FROM (the engine never forces one).
  const noCache = await build('b', 'a', '--no-cache');
  assert.deepEqual(summarize(noCache), expected(everyStep('no-cache', [WORKDIR_SRV])), '--no-cache');

  // Sizes: the final stage's rows follow the base image's rows in the history, one per instruction.
  const history = (await cli(docker, 'history', '--no-trunc', '--human=false', '--format', '{{.Size}}\t{{.CreatedBy}}', tag)).trim().split('\n').reverse();
  const baseRows = (await cli(docker, 'history', '--no-trunc', '--human=false', '--format', '{{.Size}}', base)).trim().split('\n').length;
  const ownRows = history.slice(baseRows).map((row) => ({ size: Number(row.split('\t')[0]), createdBy: row.split('\t')[1] }));
  assert.deepEqual(ownRows.map((r) => r.createdBy.split(' ')[0]), ['WORKDIR', 'COPY', 'COPY', 'COPY', 'COPY', 'RUN', 'CMD'], history.join('\n'));
  const rowOf = (line: number) => ownRows[line - WORKDIR_SRV];
  const layerSizes = (report: JsonReport) => report.steps.filter((s) => s.sizeBytes !== null).map((s) => `L${s.line} ${s.sizeBytes}`);
  assert.deepEqual(layerSizes(noCache), FINAL_LAYERS.map((line) => `L${line} ${rowOf(line).size}`));
  const imageSize = Number((await cli(docker, 'image', 'inspect', '--format', '{{.Size}}', tag)).trim());
  const baseBytes = history.slice(0, baseRows).reduce((sum, row) => sum + Number(row.split('\t')[0]), 0);
  const nonLayerRows = ownRows.filter((r) => !['COPY', 'RUN'].includes(r.createdBy.split(' ')[0])).reduce((sum, r) => sum + r.size, 0);
  assert.equal(noCache.image.sizeBytes, imageSize);
  assert.equal(noCache.steps.reduce((sum, s) => sum + (s.sizeBytes ?? 0), 0) + baseBytes + nonLayerRows, imageSize);

  // `layers` of the same image puts the same sizes on the same lines.
  const layers = reportOf(await runCli(['layers', tag, '--dockerfile', join(context, 'Dockerfile'), '--report', 'json']));
  assert.deepEqual(layerSizes(layers), layerSizes(noCache));
  assert.equal(layers.image.sizeBytes, imageSize);
  t.diagnostic(`WORKDIR and CMD rows add ${nonLayerRows} bytes; base rows ${baseRows} (${baseBytes} bytes)`);
  await dockerCli(docker, 'image', 'rm', tag, base, `local/dfs-report-base-v2:${nonce}`, `local/dfs-report-base-v3:${nonce}`, v1);
});

test('markdown: a line holding |, backticks and <script> stays one inert table cell', { timeout: 120000 }, async (t) => {
  if (skip) return t.skip(skip);
  const context = join(mkdtempSync(join(tmpdir(), 'dfs-report-md-')), 'ctx');
  mkdirSync(context);
  const nonce = `${process.hrtime.bigint()}`;
  writeFileSync(join(context, 'Dockerfile'), `FROM local/busybox:latest\nRUN echo '${nonce} a|b \`id\` <script>alert(1)</script>' > /x.txt\n`);
  const records = join(context, '..', 'records');
  const run = await runCli(['build', '--records', records, '--tag', `local/dfs-report-md:${nonce}`, '--report', 'markdown', context]);
  assert.equal(run.status, 0, run.stderr);
  assert.ok(!run.stdout.includes('<'), run.stdout);
  const row = run.stdout.split('\n').find((line) => line.startsWith('| 2 |'));
  assert.ok(row, run.stdout);
  // Cells split where a `|` is not escaped: the line's own `|` does not end its cell.
  const cells = row.slice(2, -2).split(/(?<!\\) \| /);
  assert.deepEqual(
    [cells.length, cells[2], cells[3], cells[6]],
    [7, `RUN echo '${nonce} a\\|b \\\`id\\\` &lt;script&gt;alert(1)&lt;/script&gt;' &gt; /x.txt`, 'rebuilt', 'first-build: First build of this Dockerfile and target: there is no earlier build to compare with.'],
  );
  await dockerCli(docker, 'image', 'rm', `local/dfs-report-md:${nonce}`);
});
