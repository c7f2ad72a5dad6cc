/**
 * The layer report in its three forms, compared whole with golden files (UPDATE_GOLDEN=1
 * rewrites them): the two-stage fixture's record, and a record whose Dockerfile text, stage
 * name, file names and failure message are hostile.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BuildRecord } from '../../server/src/protocol';
import { formatBytes, formatDuration, formatReport, markdownCell } from '../../server/src/service/cache/report';
import { assertGolden } from './helpers';
import { sampleRecord } from './helpers-records';

/** The sample with hostile text where a repository chooses it. */
function hostileRecord(): BuildRecord {
  const record = sampleRecord({
    target: 'x|y<b>',
    image: { tag: 'app:<img src=x onerror=alert(1)>', id: null, sizeBytes: null },
    cacheHitRatio: null,
    succeeded: false,
    failure: { line: 16, endLine: 16, message: 'exit code 1\n\u001b[31mred\u001b[0m | `whoami`' },
  });
  record.steps = record.steps.slice(9, 12);
  record.steps[0] = { ...record.steps[0], instruction: 'COPY --from=build <script>alert(1)</script> |a| `b` *c* [d](e) \\ ~f~ &amp;\nRUN next\u202eline', stage: 'st|age\u001b]0;title\u0007' };
  record.steps[1] = { ...record.steps[1], instruction: `ADD ${'x'.repeat(500)}`, error: 'boom' };
  record.steps[2] = {
    ...record.steps[2],
    cause: { kind: 'files-changed', detail: 'files changed: <b>|</b>', files: ['a|b.txt', '<img onerror=x>', 'c`d', 'e', 'f', 'g', 'h'], causeLine: null },
  };
  return record;
}

test('the fixture record as a text table', () => {
  assertGolden('service', 'report/fixture.txt', formatReport(sampleRecord(), 'text'));
});

test('the fixture record as JSON: exactly the issue shape, key order included', () => {
  const json = formatReport(sampleRecord(), 'json');
  assertGolden('service', 'report/fixture.json', json);
  const parsed = JSON.parse(json);
  assert.deepEqual(Object.keys(parsed), ['image', 'cacheHitRatio', 'steps']);
  assert.deepEqual(Object.keys(parsed.image), ['tag', 'id', 'sizeBytes']);
  assert.deepEqual(Object.keys(parsed.steps[0]), ['line', 'endLine', 'stage', 'instruction', 'cached', 'durationMs', 'sizeBytes', 'cause']);
  assert.deepEqual(parsed.steps[11].cause, { kind: 'files-changed', detail: 'app.sh changed', files: ['app.sh'] });
});

test('the fixture record as a job summary in markdown', () => {
  assertGolden('service', 'report/fixture.md', formatReport(sampleRecord(), 'markdown'));
});

test('hostile text: controls shown, long text cut, and in markdown no HTML, no cell break, no markup', () => {
  const record = hostileRecord();
  assertGolden('service', 'report/hostile.txt', formatReport(record, 'text'));
  const markdown = formatReport(record, 'markdown');
  assertGolden('service', 'report/hostile.md', markdown);
  // Every table row keeps its seven cells: no unescaped `|` got through.
  for (const row of markdown.split('\n').filter((l) => l.startsWith('| '))) assert.equal(row.split(/(?<!\\)\|/).length, 9, row);
  assert.equal(/<[a-z/]/i.test(markdown), false);
  // JSON keeps the texts whole; the parser gives them back exactly.
  assert.deepEqual(JSON.parse(formatReport(record, 'json')).steps[0].instruction, record.steps[0].instruction);
});

test('sizes as docker prints them, durations for people, and the markdown cell escape', () => {
  assert.deepEqual([0, 999, 1000, 32806, 2017125, 987654321, 5e12].map(formatBytes), ['0 B', '999 B', '1.00 kB', '32.8 kB', '2.02 MB', '988 MB', '5.00 TB']);
  assert.deepEqual([0, 41.6, 1930, 59_949, 125_000].map(formatDuration), ['0 ms', '42 ms', '1.9 s', '59.9 s', '2m 05s']);
  assert.equal(markdownCell('a|b <i>&</i> `c`\n\\', 100), 'a\\|b &lt;i&gt;&amp;&lt;/i&gt; \\`c\\` \\\\');
  assert.equal(markdownCell(`${'y'.repeat(1_000_000)}`, 10), `${'y'.repeat(10)}…`);
});
