/**
 * The panel's two requests over dist/server.js: COMPARE_BUILDS_REQUEST answers the record with its
 * causes recomputed against the baseline (explainRebuilds, as the pure function computes them) and
 * FORMAT_REPORT_REQUEST the report formatReport makes; a malformed request is answered with null.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMPARE_BUILDS_REQUEST, FORMAT_REPORT_REQUEST, type BuildRecord } from '../../server/src/protocol';
import { explainRebuilds, formatReport } from '../../server/src/service';
import { failedRecord, sampleRecord } from '../client/layers/records';
import { startServer, stopServer } from './lspClient';

const URI = 'file:///work/app/Dockerfile';

test('over LSP: compare two builds and format a report, as the service functions do', async () => {
  const server = await startServer(['markdown']);
  try {
    const current = sampleRecord();
    // The baseline had the same text on every line, so only what changed since counts.
    const baseline: BuildRecord = { ...failedRecord(), id: '2026-12-07T00:00:00.000Z-0000' };
    const compared = await server.connection.sendRequest<BuildRecord>(COMPARE_BUILDS_REQUEST, { uri: URI, current, baseline });
    const causes = explainRebuilds(baseline, current.steps, { noCache: false });
    assert.deepEqual(compared, { ...current, steps: current.steps.map((step, i) => ({ ...step, cause: causes[i] })) });
    assert.notDeepEqual(compared.steps.map((s) => s.cause), current.steps.map((s) => s.cause), 'the causes were recomputed');
    const noCache = await server.connection.sendRequest<BuildRecord>(COMPARE_BUILDS_REQUEST, { uri: URI, current: { ...current, noCache: true }, baseline });
    assert.deepEqual(new Set(noCache.steps.map((s) => s.cause?.kind ?? null)), new Set([null, 'no-cache']));

    for (const format of ['json', 'markdown', 'text'] as const) {
      assert.equal(await server.connection.sendRequest(FORMAT_REPORT_REQUEST, { record: current, format }), formatReport(current, format));
    }
    assert.equal(await server.connection.sendRequest(FORMAT_REPORT_REQUEST, { record: current, format: 'html' }), null);
    assert.equal(await server.connection.sendRequest(COMPARE_BUILDS_REQUEST, { uri: URI, current: { ...current, steps: 'no' }, baseline }), null, 'a malformed request is answered, not fatal');
    assert.equal(await server.connection.sendRequest(FORMAT_REPORT_REQUEST, { record: current, format: 'json' }), formatReport(current, 'json'), 'and the server still answers');
  } finally {
    assert.equal(await stopServer(server), 0);
  }
});
