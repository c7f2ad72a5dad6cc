/**
 * The decoration texts: the words after each instruction and the whole hover, for the sample
 * records (a cause with files, a cascade, metadata, a failure, an edited line, an HTML payload).
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterText, escapeMarkdown, hoverMarkdown } from '../../../client/src/layers/decorationText';
import { failedRecord, sampleRecord } from './records';

// formatTime shows local time; the expected texts are written in UTC.
process.env.TZ = 'UTC';

const at = (line: number, record = sampleRecord()) => record.steps.filter((step) => step.line === line);

test('markdown escaping leaves no syntax and no HTML', () => {
  assert.equal(escapeMarkdown('<script>alert(1)</script> *x* [a](b) `c` $(zap) a.b\nnext'),
    '&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*x\\* \\[a\\]\\(b\\) \\`c\\` \\$\\(zap\\) a\\.b next');
});

test('the text after a line, and after an edited one', () => {
  assert.equal(afterText(at(11), false), 'rebuilt · 120 ms · 212 kB · files changed');
  assert.equal(afterText(at(11), true), 'edited since the build · was: rebuilt · 120 ms · 212 kB · files changed');
  const two = [...at(8), ...at(9)];
  assert.equal(afterText(two, false), 'cached · 0 ms · 41.2 MB | metadata only, no layer');
});

test('hover of a COPY whose files changed', () => {
  assert.equal(hoverMarkdown(at(11), sampleRecord(), false), [
    '**Layer cache**: line 11, stage app',
    '',
    'Rebuilt in 120 ms · layer of 212 kB',
    '',
    '**Why:** files changed\\. 1 file changed: pnpm\\-lock\\.yaml',
    '',
    '**Changed files:** pnpm\\-lock\\.yaml',
    '',
    '*Rebuilds when files of package\\.json pnpm\\-lock\\.yaml change or an earlier step rebuilds\\.*',
    '',
    '---',
    '',
    'Build of 2026\\-12\\-08 00:41:07 \\(app:dev, 203 MB, 25% cached\\)',
  ].join('\n'));
});

test('hover of a step in a cascade names the line that started it; a continuation shows its lines', () => {
  assert.equal(hoverMarkdown(at(12), sampleRecord(), false), [
    '**Layer cache**: lines 12\\-13, stage app',
    '',
    'Rebuilt in 14 s · layer of 48\\.2 MB',
    '',
    '**Why:** an earlier step rebuilt \\(line 11\\)\\. An earlier step \\(line 11\\) rebuilt\\.',
    '',
    '*Rebuilds when its text changes, build arg VERSION changes or an earlier step rebuilds\\.*',
    '',
    '---',
    '',
    'Build of 2026\\-12\\-08 00:41:07 \\(app:dev, 203 MB, 25% cached\\)',
  ].join('\n'));
});

test('hover of the HTML payload line keeps it as text', () => {
  const hover = hoverMarkdown(at(5), sampleRecord(), false);
  assert.equal(hover.split('\n\n')[2], '**Why:** instruction changed\\. The instruction changed; it was: RUN echo "&lt;b&gt;hi&lt;/b&gt;" &gt; banner\\.html');
  assert.equal(hover.includes('<'), false);
});

test('hover of a metadata instruction, of the failed step, and of an edited line', () => {
  assert.equal(hoverMarkdown(at(17), sampleRecord(), false), [
    '**Layer cache**: line 17, stage app',
    '',
    'Metadata only · metadata only, adds no layer',
    '',
    '---',
    '',
    'Build of 2026\\-12\\-08 00:41:07 \\(app:dev, 203 MB, 25% cached\\)',
  ].join('\n'));
  const failed = failedRecord();
  assert.equal(hoverMarkdown(at(15, failed), failed, true), [
    '**Layer cache**: line 15, stage app',
    '',
    'Failed in 820 ms',
    '',
    '**Error:** process "/bin/sh \\-c pnpm build" did not complete successfully: exit code: 1',
    '',
    '**Why:** an earlier step rebuilt \\(line 11\\)\\. An earlier step \\(line 11\\) rebuilt\\.',
    '',
    '*Rebuilds when its text changes or an earlier step rebuilds\\.*',
    '',
    '---',
    '',
    '*This instruction was edited since the build: build again to see its cache state.*',
    '',
    '---',
    '',
    'Build of 2026\\-12\\-08 00:45:51 \\(failed, 25% cached\\)',
  ].join('\n'));
});
