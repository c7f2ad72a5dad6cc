/**
 * The facts of a build record from the real engine: the history and inspect readers on images
 * just built by BuildKit and by the legacy builder, the sizes matched to lines, and the context
 * hashing of the same folder. The image's size is the sum of its rows: the matched layers plus
 * the base's.
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { BuildMode } from '../../client/src/docker/argv';
import { inspectImage, readHistory, resolveBaseImages } from '../../client/src/docker/imageFacts';
import { openBuildContext } from '../../server/src/buildContext';
import { matchHistory } from '../../server/src/service/cache/history';
import { planOf } from '../service/helpers-plan';
import { build, docker, optionsFor, skipReason } from './engineHelpers';

let skip: string | false = false;
let context = '';
const BASE = 'local/dfs-facts-e2e-base:1';
before(async () => {
  skip = await skipReason();
  if (skip) return;
  context = join(mkdtempSync(join(tmpdir(), 'dfs-facts-')), 'ctx');
  cpSync(join(process.cwd(), 'test/client/fixtures/history'), context, { recursive: true });
  const base = await build(optionsFor(context, BASE, { dockerfile: join(context, 'Dockerfile.base') }));
  assert.equal(base.exitCode, 0, base.text);
});

for (const mode of ['rawjson', 'legacy'] as BuildMode[]) {
  test(`${mode}: every layer of the final stage on its line, and the rows add up to the image size`, async (t) => {
    if (skip) return t.skip(skip);
    const tag = `local/dfs-facts-e2e-${mode}:1`;
    const result = await build(optionsFor(context, tag, { buildArgs: [['BASE', BASE]] }), mode);
    assert.equal(result.exitCode, 0, result.text);
    const history = await readHistory(docker, tag);
    const image = await inspectImage(docker, tag);
    assert.ok(history && image);
    const steps = planOf(readFileSync(join(context, 'Dockerfile'), 'utf8'), [1]);
    const match = matchHistory(steps, history);
    assert.equal(match.problem, null);
    assert.deepEqual(
      steps.flatMap((s, i) => (match.steps[i].layer === 'layer' ? [`L${s.line + 1} ${match.steps[i].sizeBytes}`] : [])),
      ['L14 21', 'L15 12', 'L16 38', 'L17 32806', 'L20 2'],
    );
    assert.equal(match.steps.filter((s) => s.layer === 'unknown').length, 0);
    assert.equal(match.baseRows, 3);
    const layers = match.steps.reduce((sum, s) => sum + (s.sizeBytes ?? 0), 0);
    assert.equal(layers + (match.baseBytes ?? 0), image.sizeBytes);
  });
}

test('the FROM image resolves to the id the engine has; a missing one to nothing', async (t) => {
  if (skip) return t.skip(skip);
  const base = await inspectImage(docker, BASE);
  assert.deepEqual(await resolveBaseImages(docker, [BASE, 'local/dfs-no-such-image:0']), [
    { ref: BASE, id: base?.id, digest: null },
    { ref: 'local/dfs-no-such-image:0', id: null, digest: null },
  ]);
});

test('the context of the same build: each COPY source hashed, one file each', async (t) => {
  if (skip) return t.skip(skip);
  const files = await openBuildContext(context, null);
  const counts = await Promise.all([['lib.txt'], ['data.tar'], ['app.sh']].map(async (s) => (await files.hashSources(s)).files?.count));
  assert.deepEqual(counts, [1, 1, 1]);
});
