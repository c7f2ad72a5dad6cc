/**
 * The BuildKit cache facts the layer-cache visualizer's "why did this step rebuild?" relies on,
 * checked on the test engine (BuildKit 0.13) and the current engine (BuildKit 0.25) by reading
 * each step's cached flag from rawjson progress (progressRawjson.ts folded by buildState.ts):
 * (a) a build-arg change rebuilds every RUN after the ARG, used or not, and no COPY or WORKDIR
 * that does not use it; (b) COPY --from keeps its cache when the source stage rebuilt but the
 * copied files are byte-identical; (c) a changed source file rebuilds the COPY that takes it and
 * what follows, not a COPY that does not; (d) a file excluded by .dockerignore rebuilds nothing;
 * (e) a changed base image under the same tag in the registry rebuilds from FROM with --pull
 * (which leaves the local tag on the old image; `docker pull` moves it);
 * (f) --no-cache rebuilds everything except a WORKDIR right after FROM. Each change is compared
 * with the build just before it.
 *
 * RECORD_BUILDS=<folder> also writes the rawjson of the first build, the build-arg change and
 * the source change, with `docker history` of each result, for test/client/fixtures/builds.
 */
import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { BuildOptions } from '../../client/src/docker/argv';
import { type BuildResult, type Docker, startBuild } from '../../client/src/docker/engine';
import { REGISTRY, currentEngine, docker, dockerCli, engineProblem, registryProblem, skipOrFail } from './engines';
import { copyFixture, optionsFor } from './engineHelpers';

const ENGINES: { name: string; engine: Docker; setup: string; record: string }[] = [
  { name: 'test engine (BuildKit 0.13)', engine: docker, setup: 'scripts/engine/setup.sh', record: 'bk13' },
  { name: 'current engine (BuildKit 0.25)', engine: currentEngine, setup: 'scripts/engine/setup-current.sh', record: 'bk25' },
];

let skip: string | false = false;
before(async () => {
  skip = skipOrFail([...(await Promise.all(ENGINES.map((e) => engineProblem(e.engine, e.setup)))), await registryProblem()]);
});

// Each Dockerfile step of the fixture as `stage index keyword` of BuildKit's `[stage i/n]`: the
// text after it is no key, since BuildKit prints RUN with the build args substituted. FROM is
// left out: BuildKit merges the three stages' identical FROMs into one step under any of their names.
const GEN = 'gen 2 RUN'; // echo "stamp $STAMP" > /stamp.txt && mkdir -p /out && echo constant > /out/const.txt
const BEFORE_ARG = 'build 2 RUN'; // echo before the arg > /before.txt
const WORKDIR_SRC = 'build 3 WORKDIR'; // /src
const COPY_LIB = 'build 4 COPY'; // lib.txt ./
const COPY_APP = 'build 5 COPY'; // app.sh ./
const RUN_UNUSED = 'build 6 RUN'; // cat lib.txt app.sh > out.txt
const RUN_USES = 'build 7 RUN'; // echo "flavour $FLAVOUR" >> out.txt
const WORKDIR_SRV = 'stage-2 2 WORKDIR'; // /srv
const FROM_GEN_FILE = 'stage-2 3 COPY'; // --from=gen /out/const.txt /srv/const.txt
const FROM_GEN_DIR = 'stage-2 4 COPY'; // --from=gen /out/ /srv/gen/
const FROM_BUILD = 'stage-2 5 COPY'; // --from=build /src/out.txt /srv/out.txt
const COPY_ASSETS = 'stage-2 6 COPY'; // assets/ /srv/assets/
const RUN_LS = 'stage-2 7 RUN'; // ls -R /srv > /srv/manifest.txt
const ALL = [GEN, BEFORE_ARG, WORKDIR_SRC, COPY_LIB, COPY_APP, RUN_UNUSED, RUN_USES, WORKDIR_SRV, FROM_GEN_FILE, FROM_GEN_DIR, FROM_BUILD, COPY_ASSETS, RUN_LS];

interface Observed {
  result: BuildResult;
  /** The build's stderr as the CLI wrote it (the rawjson stream). */
  raw: string;
  /** Dockerfile steps other than FROM, by label, and whether BuildKit reported them cached. */
  cached: Map<string, boolean>;
  /** The FROM step's text (it carries the resolved digest). */
  from: string[];
}

async function buildOn(engine: Docker, options: BuildOptions): Promise<Observed> {
  let raw = '';
  // Tee the CLI's own output so the samples are what Docker printed, not what we rendered.
  const teeing: Docker = {
    ...engine,
    runner: {
      spawn(request) {
        const process = engine.runner.spawn(request);
        process.onStderr((chunk) => (raw += chunk));
        return process;
      },
    },
  };
  let text = '';
  const result = await startBuild(teeing, options, 'rawjson', { text: (chunk) => (text += chunk) }).result;
  assert.equal(result.exitCode, 0, text);
  const cached = new Map<string, boolean>();
  const from: string[] = [];
  for (const step of result.state.steps.values()) {
    if (step.info.internal) continue;
    if (step.info.keyword === 'FROM') from.push(step.info.text);
    else cached.set(`${step.info.stage} ${step.info.index} ${step.info.keyword}`, step.cached);
  }
  // Every step is there, so "not rebuilt" can never mean "not seen".
  assert.deepEqual([...cached.keys()].sort(), [...ALL].sort(), text);
  return { result, raw, cached, from };
}

/** The labels of the steps that ran (were not cached), in file order. */
function rebuilt(observed: Observed): string[] {
  return ALL.filter((label) => observed.cached.get(label) === false);
}

async function digestInRegistry(repository: string, tag: string): Promise<string> {
  const response = await fetch(`http://${REGISTRY}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' },
  });
  assert.equal(response.status, 200, `${repository}:${tag} is in the registry`);
  return response.headers.get('docker-content-digest') ?? '';
}

async function cli(engine: Docker, ...args: string[]): Promise<string> {
  const out = await dockerCli(engine, ...args);
  assert.equal(out.code, 0, `docker ${args.join(' ')}: ${out.stderr}`);
  return out.stdout;
}

/** Builds a one-layer base image whose content is `version`, tagged `tag`; returns its id. */
async function baseImage(engine: Docker, tag: string, version: string): Promise<string> {
  const context = mkdtempSync(join(tmpdir(), 'dfs-base-'));
  writeFileSync(join(context, 'Dockerfile'), `FROM local/busybox:latest\nRUN echo ${version} > /base-version\n`);
  await cli(engine, 'buildx', 'build', '--load', '--quiet', '--tag', tag, context);
  return (await cli(engine, 'image', 'inspect', '--format', '{{.Id}}', tag)).trim();
}

async function record(engine: Docker, folder: string | undefined, name: string, observed: Observed, tag: string): Promise<void> {
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `rawjson-${name}.txt`), observed.raw);
  writeFileSync(join(folder, `history-${name}.jsonl`), await cli(engine, 'history', '--no-trunc', '--human=false', '--format', '{{json .}}', tag));
}

for (const { name, engine, record: suffix } of ENGINES) {
  test(`${name}: the cache facts (a)-(d) and (f), each change against the build before it`, { timeout: 300000 }, async (t) => {
    if (skip) return t.skip(skip);
    const folder = process.env.RECORD_BUILDS ? join(process.env.RECORD_BUILDS, suffix) : undefined;
    const context = copyFixture('cachefacts');
    // Values no earlier run used, so a step expected to run is never served from an old cache.
    const nonce = `${process.hrtime.bigint()}`;
    const tag = `local/dfs-facts:${nonce}`;
    const args = (flavour: string, stamp: string): [string, string][] => [['FLAVOUR', `${flavour}-${nonce}`], ['STAMP', `${stamp}-${nonce}`]];
    const options = (flavour: string, stamp: string, extra: Partial<BuildOptions> = {}) => optionsFor(context, tag, { buildArgs: args(flavour, stamp), ...extra });

    const first = await buildOn(engine, options('a', 'a'));
    await record(engine, folder, 'first', first, tag);
    assert.deepEqual(rebuilt(await buildOn(engine, options('a', 'a'))), [], 'an unchanged rebuild is all cached');

    // (a) FLAVOUR is declared in `build`: both RUNs after it rerun, the one that never reads it
    // too; WORKDIR and the COPYs before them do not; the changed out.txt then reruns the final
    // stage from the COPY that takes it.
    const argChanged = await buildOn(engine, options('b', 'a'));
    await record(engine, folder, 'arg-changed', argChanged, tag);
    assert.deepEqual(rebuilt(argChanged), [RUN_UNUSED, RUN_USES, FROM_BUILD, COPY_ASSETS, RUN_LS], '(a) build-arg change');

    // (c) app.sh changes: its COPY and everything after it in the stage, and what takes its output.
    appendFileSync(join(context, 'app.sh'), `# changed ${nonce}\n`);
    const appChanged = await buildOn(engine, options('b', 'a'));
    await record(engine, folder, 'app-changed', appChanged, tag);
    assert.deepEqual(rebuilt(appChanged), [COPY_APP, RUN_UNUSED, RUN_USES, FROM_BUILD, COPY_ASSETS, RUN_LS], '(c) one source file');

    // (b) STAMP reruns `gen`, whose /out/const.txt stays byte-identical: both COPY --from=gen stay cached.
    assert.deepEqual(rebuilt(await buildOn(engine, options('b', 'b'))), [GEN], '(b) COPY --from of byte-identical files');

    // (d) assets/debug.log is excluded by .dockerignore; assets/logo.txt, beside it, is not.
    appendFileSync(join(context, 'assets/debug.log'), `debug ${nonce}\n`);
    assert.deepEqual(rebuilt(await buildOn(engine, options('b', 'b'))), [], '(d) an ignored file');
    appendFileSync(join(context, 'assets/logo.txt'), `logo ${nonce}\n`);
    assert.deepEqual(rebuilt(await buildOn(engine, options('b', 'b'))), [COPY_ASSETS, RUN_LS], '(d) the file beside it is not ignored');

    // (f) --no-cache reruns every step but one: a WORKDIR is never forced, it reruns only after a
    // step before it did, so the one right after FROM stays cached (both BuildKit versions).
    const noCache = ALL.filter((label) => label !== WORKDIR_SRV);
    assert.deepEqual(rebuilt(await buildOn(engine, options('b', 'b', { noCache: true }))), noCache, '(f) --no-cache');
    await dockerCli(engine, 'image', 'rm', tag);
  });

  test(`${name}: (e) a changed base image under the same tag in the registry rebuilds from FROM with --pull, and not without it`, { timeout: 300000 }, async (t) => {
    if (skip) return t.skip(skip);
    const context = copyFixture('cachefacts');
    const nonce = `${process.hrtime.bigint()}`;
    const repository = `dfs-facts-base-${suffix}`;
    const base = `${REGISTRY}/${repository}:${nonce}`;
    const tag = `local/dfs-facts-e:${nonce}`;
    const options = (extra: Partial<BuildOptions> = {}) =>
      optionsFor(context, tag, { buildArgs: [['BASE', base], ['FLAVOUR', nonce], ['STAMP', nonce]], ...extra });

    const v1 = await baseImage(engine, base, `v1-${nonce}`);
    await cli(engine, 'push', '--quiet', base);
    const digest1 = await digestInRegistry(repository, nonce);
    const first = await buildOn(engine, options({ extraFlags: ['--pull'] }));
    assert.deepEqual(rebuilt(first), ALL, 'a new base image: everything runs');
    assert.ok(first.from.every((from) => from.includes(digest1)), `FROM resolved to ${digest1}: ${first.from.join(' | ')}`);
    assert.deepEqual(rebuilt(await buildOn(engine, options({ extraFlags: ['--pull'] }))), [], '--pull with the registry unchanged is all cached');

    // v2 goes to the registry under the same tag, while the engine's local tag stays on v1.
    const v2 = await baseImage(engine, `local/dfs-facts-base-v2:${nonce}`, `v2-${nonce}`);
    await cli(engine, 'tag', v2, base);
    await cli(engine, 'push', '--quiet', base);
    await cli(engine, 'tag', v1, base);
    const digest2 = await digestInRegistry(repository, nonce);
    assert.notEqual(digest2, digest1, 'the same tag has a new digest');

    // Without --pull the engine uses the image it has under that tag: nothing reruns.
    const local = await buildOn(engine, options());
    assert.deepEqual(rebuilt(local), [], 'without --pull the local v1 is used');

    const pulled = await buildOn(engine, options({ extraFlags: ['--pull'] }));
    assert.deepEqual(rebuilt(pulled), ALL, '(e) --pull after the base changed');
    assert.ok(pulled.from.every((from) => from.includes(digest2)), `FROM resolved to ${digest2}: ${pulled.from.join(' | ')}`);
    t.diagnostic(`FROM without --pull: ${local.from.join(' | ')}; with --pull: ${pulled.from.join(' | ')}`);
    // --pull does not move the engine's tag: comparing image ids of the base before and after
    // misses this change; only the digest in the FROM step's name shows it.
    assert.equal((await cli(engine, 'image', 'inspect', '--format', '{{.Id}}', base)).trim(), v1, 'the local tag stays on v1 after a --pull build');
    // `docker pull` does move it; a build then reuses what the --pull build made on v2, and its FROM names no digest.
    await cli(engine, 'pull', '--quiet', base);
    assert.equal((await cli(engine, 'image', 'inspect', '--format', '{{.Id}}', base)).trim(), v2, 'docker pull moves the tag to v2');
    const afterPull = await buildOn(engine, options());
    assert.deepEqual(rebuilt(afterPull), [], 'after docker pull, the steps built on v2 are cached');
    assert.ok(afterPull.from.every((from) => !from.includes('@sha256:')), afterPull.from.join(' | '));
    const repoDigests = await cli(engine, 'image', 'inspect', '--format', '{{json .RepoDigests}}', v1);
    assert.ok(repoDigests.includes(`${REGISTRY}/${repository}@${digest1}`), `v1 knows its registry digest: ${repoDigests}`);
    await dockerCli(engine, 'image', 'rm', tag, base, `local/dfs-facts-base-v2:${nonce}`, v1);
  });
}
