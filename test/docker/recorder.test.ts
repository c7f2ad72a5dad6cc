/**
 * The editor's recorder (client/src/layers/recorder.ts) on the real engine and registry: what it
 * adds to the analysis request after a `--pull` build of a base image pushed to 127.0.0.1:5000,
 * then after a changed image was pushed under the same tag while the engine's local tag stayed on
 * the old one. The FROM step's printed digest is the only place the new image is named, so the
 * record says base-image-changed because the recorder read it; the local inspect alone would not.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { analyzeRequest, completeRequest, dockerFacts } from '../../client/src/docker/analyzeRequest';
import type { BuildOptions } from '../../client/src/docker/argv';
import { startBuild } from '../../client/src/docker/engine';
import { baseImageOf, inspectImage } from '../../client/src/docker/imageFacts';
import { analyzeBuild } from '../../server/src/buildAnalysis';
import type { BuildRecord } from '../../server/src/protocol';
import { buildPlan, createDockerfileService } from '../../server/src/service';
import { optionsFor } from './engineHelpers';
import { REGISTRY, docker, dockerCli, engineProblem, registryProblem, skipOrFail } from './engines';

let skip: string | false = false;
before(async () => {
  skip = skipOrFail([await engineProblem(docker, 'scripts/engine/setup.sh'), await registryProblem()]);
});

async function cli(...args: string[]): Promise<string> {
  const out = await dockerCli(docker, ...args);
  assert.equal(out.code, 0, `docker ${args.join(' ')}: ${out.stderr}`);
  return out.stdout.trim();
}

/** A one-layer image whose content is `version`, tagged `tag`; its id. */
async function baseImage(tag: string, version: string): Promise<string> {
  const context = mkdtempSync(join(tmpdir(), 'dfs-recorder-base-'));
  writeFileSync(join(context, 'Dockerfile'), `FROM local/busybox:latest\nRUN echo ${version} > /base-version\n`);
  await cli('buildx', 'build', '--load', '--quiet', '--tag', tag, context);
  return cli('image', 'inspect', '--format', '{{.Id}}', tag);
}

/** Builds with `--pull`, completes the request as the editor does, and analyzes it against `previous`. */
async function recordBuild(options: BuildOptions, text: string, previous: BuildRecord | null): Promise<BuildRecord> {
  const startedAt = new Date().toISOString();
  let output = '';
  const result = await startBuild(docker, options, 'rawjson', { text: (chunk) => (output += chunk) }).result;
  assert.equal(result.exitCode, 0, output);
  const model = createDockerfileService().parse(text);
  const uri = pathToFileURL(options.dockerfile).href;
  const params = await completeRequest(analyzeRequest(uri, options, 'rawjson', { ...result, startedAt, imageId: null }), buildPlan(model, null, {}), dockerFacts(docker), previous);
  return analyzeBuild(model, params);
}

test('a --pull build on a changed registry image: the printed digest reaches the record, which says base-image-changed', { timeout: 300000 }, async (t) => {
  if (skip) return t.skip(skip);
  const nonce = `${process.hrtime.bigint()}`;
  const repository = `${REGISTRY}/dfs-recorder-base`;
  const base = `${repository}:${nonce}`;
  const context = mkdtempSync(join(tmpdir(), 'dfs-recorder-'));
  const text = `FROM ${base}\nRUN cat /base-version > /seen\n`;
  writeFileSync(join(context, 'Dockerfile'), text);
  const options = optionsFor(context, `local/dfs-recorder:${nonce}`, { extraFlags: ['--pull'] });

  const v1 = await baseImage(base, `v1-${nonce}`);
  await cli('push', '--quiet', base);
  const first = await recordBuild(options, text, null);
  const digest1 = baseImageOf(base, await inspectImage(docker, base)).digest;
  assert.ok(digest1?.startsWith(`${repository}@sha256:`), `the pushed image knows its digest: ${digest1}`);
  assert.deepEqual(first.steps[0].inputs.base, { ref: base, id: v1, digest: digest1 });

  // v2 goes to the registry under the same tag; the engine's tag stays on v1, also after the --pull build.
  const v2 = await baseImage(`local/dfs-recorder-v2:${nonce}`, `v2-${nonce}`);
  await cli('tag', v2, base);
  await cli('push', '--quiet', base);
  await cli('tag', v1, base);
  const second = await recordBuild(options, text, first);
  assert.equal(await cli('image', 'inspect', '--format', '{{.Id}}', base), v1, 'the local tag still names v1');
  const printed = second.steps[0].inputs.base;
  assert.equal(printed?.id, null, 'the local id is of another image than the one built on');
  // Spelled as the engine's RepoDigests are (repository@digest), so it compares with a record made without --pull.
  assert.match(printed?.digest ?? '', new RegExp(`^${repository.replace(/[.]/g, '\\.')}@sha256:[0-9a-f]{64}$`));
  assert.notEqual(printed?.digest?.slice(printed.digest.indexOf('@')), digest1?.slice(digest1.indexOf('@')), 'a new digest');
  assert.deepEqual(second.steps.map((s) => [s.line, s.cached, s.cause?.kind ?? null]), [[1, false, 'base-image-changed'], [2, false, 'parent-rebuilt']]);
});
