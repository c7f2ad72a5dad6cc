/**
 * What the layer views read around a record (client/src/layers/recorder.ts): the previous record
 * from a real record store on a temporary folder, the panel's build list and the export's names.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { historyItems, previousRecord, problemsText, reportFileNames, withRecord } from '../../../client/src/layers/recorder';
import { RecordStore } from '../../../client/src/layers/records';
import { failedRecord, sampleHistory, sampleRecord } from './records';

test('the previous record is the newest readable one; a damaged file is skipped and said', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dfs-recorder-'));
  const store = new RecordStore(dir);
  assert.deepEqual(await previousRecord(store, '/work/app/Dockerfile', null), { record: null, problems: [] });
  await store.save(failedRecord());
  await store.save(sampleRecord());
  const newest = failedRecord().id > sampleRecord().id ? failedRecord() : sampleRecord();
  const name = (await store.save(newest)).replace(/-[0-9a-f]{16}\.record\.json$/, '-0000000000000000.record.json');
  writeFileSync(join(dir, name), '{"version": 1, "id": "cut sh');
  const found = await previousRecord(store, '/work/app/Dockerfile', null);
  assert.deepEqual(found, { record: newest, problems: [{ file: name, message: 'not JSON (cut short or damaged)' }] });
  assert.equal(problemsText(found.problems), `skipped a build record that could not be read: ${name}: not JSON (cut short or damaged)`);
  assert.equal(problemsText([]), null);
});

test('a store that cannot be listed is a problem, not a throw', async () => {
  const failing = { list: () => Promise.reject(new Error('EACCES: permission denied')), save: () => Promise.resolve('') };
  assert.deepEqual(await previousRecord(failing, '/w/Dockerfile', null), { record: null, problems: [{ file: '.', message: 'EACCES: permission denied' }] });
});

test('the panel\'s list of builds: newest first, with the shown record even when the store lost it', () => {
  const older = { ...sampleRecord(), id: sampleHistory()[1].id, startedAt: sampleHistory()[1].startedAt, cacheHitRatio: 1, durationMs: 1_210 };
  assert.deepEqual(historyItems(withRecord([older], sampleRecord())), sampleHistory().slice(0, 2));
  assert.deepEqual(withRecord([sampleRecord(), older], sampleRecord()).map((r) => r.id), [sampleRecord().id, older.id]);
});

test('report file names come from the image tag, with what a file name cannot hold replaced', () => {
  assert.deepEqual(reportFileNames(sampleRecord()), { json: 'app-dev-layers.json', markdown: 'app-dev-layers.md' });
  assert.deepEqual(reportFileNames({ ...sampleRecord(), image: { tag: '../../etc/x:1', id: null, sizeBytes: null } }), { json: 'etc-x-1-layers.json', markdown: 'etc-x-1-layers.md' });
  assert.deepEqual(reportFileNames({ ...sampleRecord(), image: { tag: '...', id: null, sizeBytes: null } }), { json: 'image-layers.json', markdown: 'image-layers.md' });
});
