/**
 * The layer panel's model: what each row, bar and list of the panel holds for the sample records,
 * rendered one row per line and compared whole.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { type PanelModel, panelModel } from '../../../client/src/webview/model';
import { failedRecord, sampleHistory, sampleRecord } from '../layers/records';
import { parseFromWebview, parseToWebview } from '../../../client/src/webview/messages';

process.env.TZ = 'UTC';

function rows(model: PanelModel): string {
  const pct = (f: number | null) => (f === null ? '-' : `${Math.round(f * 100)}%`);
  return model.stages.map((stage) => [
    `stage ${stage.name}${stage.inImage ? '' : ' (not in image)'}`,
    ...stage.rows.map((r) => {
      const cause = r.cause ? ` | ${r.cause.first ? 'FIRST ' : r.cause.root ? 'ROOT ' : ''}${r.cause.label}${r.cause.causeLine ? ` <- ${r.cause.causeLine}` : ''}${r.cause.files.length ? ` [${r.cause.files.join(', ')}]` : ''}` : '';
      return `  ${r.line}-${r.endLine} ${r.stateText} | ${r.durationText || '-'} ${pct(r.durationFraction)} | ${r.noLayer ?? `${r.sizeText || '-'} ${pct(r.sizeFraction)}`}${cause}`;
    }),
  ].join('\n')).join('\n');
}

test('rows grouped by stage, with bars relative to the longest step and the largest layer', () => {
  const model = panelModel(sampleRecord(), sampleHistory(), '2026-12-07T23:10:44.812Z-9f8e');
  assert.equal(rows(model), [
    'stage tools (not in image)',
    '  2-2 cached | 0 ms 0% | stage not in the image, adds no layer',
    '  3-3 metadata only | - - | metadata only, adds no layer',
    '  4-4 cached | 12 ms 0% | stage not in the image, adds no layer',
    '  5-5 rebuilt | 2.1 s 15% | stage not in the image, adds no layer | FIRST instruction changed',
    '  6-6 rebuilt | 4.2 s 30% | stage not in the image, adds no layer | an earlier step rebuilt <- 5',
    'stage app',
    '  8-8 cached | 0 ms 0% | 41.2 MB 36%',
    '  9-9 metadata only | - - | metadata only, adds no layer',
    '  10-10 cached | 31 ms 0% | 0 B 0%',
    '  11-11 rebuilt | 120 ms 1% | 212 kB 0% | ROOT files changed [pnpm-lock.yaml]',
    '  12-13 rebuilt | 14 s 100% | 48.2 MB 43% | an earlier step rebuilt <- 11',
    '  14-14 rebuilt | 40 ms 0% | 61 B 0% | an earlier step rebuilt <- 11',
    '  15-15 rebuilt | 6.0 s 43% | 113 MB 100% | an earlier step rebuilt <- 11',
    '  17-17 metadata only | - - | metadata only, adds no layer',
    '  18-18 metadata only | - - | metadata only, adds no layer',
  ].join('\n'));
});

test('summary facts, first cause, largest layers and the builds to compare', () => {
  const model = panelModel(sampleRecord(), sampleHistory(), '2026-12-07T23:10:44.812Z-9f8e');
  assert.equal(model.title, 'Dockerfile');
  assert.deepEqual(model.facts, [
    { label: 'Image', value: 'app:dev' },
    { label: 'Image size', value: '203 MB' },
    { label: 'Cache hits', value: '25% (2 of 8 steps)' },
    { label: 'Build time', value: '27 s' },
    { label: 'Started', value: '2026-12-08 00:41:07' },
  ]);
  assert.equal(model.hitRatio, 0.25);
  assert.equal(model.failure, null);
  assert.deepEqual(model.firstCause, {
    line: 5,
    instruction: 'RUN echo "<script>alert(1)</script><img src=x onerror=alert(2)>" > banner.html',
    label: 'instruction changed',
    detail: 'The instruction changed; it was: RUN echo "<b>hi</b>" > banner.html',
  });
  assert.deepEqual(model.largest.map((l) => `${l.line} ${l.sizeText} ${Math.round(l.fraction * 100)}%`), ['15 113 MB 100%', '12 48.2 MB 43%', '8 41.2 MB 36%', '11 212 kB 0%', '14 61 B 0%']);
  assert.deepEqual(model.builds, [
    { id: '2026-12-08T00:41:07.120Z-a1b2', label: '2026-12-08 00:41:07', ratioText: '25%', durationText: '27 s' },
    { id: '2026-12-07T23:10:44.812Z-9f8e', label: '2026-12-07 23:10:44', ratioText: '100%', durationText: '1.2 s' },
    { id: '2026-12-07T22:58:02.377Z-7d6c', label: '2026-12-07 22:58:02', ratioText: 'n/a', durationText: '1 min 2 s' },
  ]);
  assert.equal(model.currentId, '2026-12-08T00:41:07.120Z-a1b2');
  assert.equal(model.baselineId, '2026-12-07T23:10:44.812Z-9f8e');
});

test('a failed build: the failure, no image size, the failed row with its error, a target in the title', () => {
  const record = failedRecord();
  record.target = 'app';
  record.noCache = true;
  const model = panelModel(record, [], null);
  assert.equal(model.title, 'Dockerfile (target app)');
  assert.deepEqual(model.failure, { line: 15, message: 'process "/bin/sh -c pnpm build" did not complete successfully: exit code: 1' });
  assert.deepEqual(model.facts.map((f) => `${f.label}: ${f.value}`), [
    'Image: app:dev', 'Image size: n/a', 'Cache hits: 25% (2 of 8 steps)', 'Build time: 27 s', 'Started: 2026-12-08 00:45:51', 'Cache: not used (--no-cache)',
  ]);
  const failed = model.stages[1].rows.find((r) => r.line === 15)!;
  assert.deepEqual([failed.state, failed.durationText, failed.sizeText, failed.sizeFraction, failed.error], [
    'failed', '820 ms', '', null, 'process "/bin/sh -c pnpm build" did not complete successfully: exit code: 1',
  ]);
  assert.deepEqual(model.largest.map((l) => l.line), [12, 8, 11, 14]);
});

test('a cause with many files lists five and counts the rest; a cached step shows no cause', () => {
  const record = sampleRecord();
  const copy = record.steps.find((s) => s.line === 11)!;
  copy.cause!.files = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const cached = record.steps.find((s) => s.line === 10)!;
  cached.cause = { kind: 'unknown', detail: 'left over', files: [], causeLine: null };
  const model = panelModel(record, [], null);
  const row = model.stages[1].rows.find((r) => r.line === 11)!;
  assert.deepEqual([row.cause!.files, row.cause!.moreFiles], [['a', 'b', 'c', 'd', 'e'], 2]);
  assert.equal(model.stages[1].rows.find((r) => r.line === 10)!.cause, null);
});

test('messages from the webview are checked before the host acts on them', () => {
  assert.deepEqual(parseFromWebview({ type: 'reveal', line: 12 }), { type: 'reveal', line: 12 });
  assert.deepEqual(parseFromWebview({ type: 'compare', currentId: 'a', baselineId: 'b', extra: 1 }), { type: 'compare', currentId: 'a', baselineId: 'b' });
  assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(
    [{ type: 'reveal', line: 0 }, { type: 'reveal', line: 1.5 }, { type: 'reveal', line: '3' }, { type: 'compare', currentId: 'a' }, { type: 'eval' }, null, 'reveal'].map(parseFromWebview),
    [null, null, null, null, null, null, null],
  );
  const show = { type: 'show', record: sampleRecord(), history: [], baselineId: 7 };
  assert.deepEqual(parseToWebview(show), { type: 'show', record: show.record, history: [], baselineId: null });
  assert.equal(parseToWebview({ type: 'show', record: { steps: 'x' }, history: [] }), null);
});
