/**
 * The words and numbers the decorations and the panel show for a step.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  causeLabel, formatBytes, formatDuration, formatRatio, invalidationText, listSome, noLayerText, rebuildsWhenText, stepState, stepSummary,
} from '../../../client/src/layers/format';
import { failedRecord, sampleRecord } from './records';

test('durations: milliseconds, tenths of seconds, seconds, minutes, hours', () => {
  assert.deepEqual(
    [0, 0.4, 340, 999.4, 1000, 3449, 9949, 9950, 12_400, 59_499, 59_500, 125_000, 3_600_000, 3_780_000, -1, Number.NaN].map(formatDuration),
    ['0 ms', '0 ms', '340 ms', '999 ms', '1.0 s', '3.4 s', '9.9 s', '10 s', '12 s', '59 s', '1 min 0 s', '2 min 5 s', '1 h 0 min', '1 h 3 min', '?', '?'],
  );
});

test('sizes: decimal units as Docker prints them, three significant digits', () => {
  assert.deepEqual(
    [0, 512, 999, 1000, 12_345, 999_499, 999_500, 45_120_000, 1_234_567_890, 5e15, -3, Number.POSITIVE_INFINITY].map(formatBytes),
    ['0 B', '512 B', '999 B', '1.00 kB', '12.3 kB', '999 kB', '1.00 MB', '45.1 MB', '1.23 GB', '5000 TB', '?', '?'],
  );
});

test('ratios: whole percentages, clamped, n/a without steps', () => {
  assert.deepEqual([0, 0.834, 1, 1.2, null].map(formatRatio), ['0%', '83%', '100%', '100%', 'n/a']);
});

test('states: failed wins, then the cache flag, then what the instruction outputs', () => {
  assert.deepEqual(
    [
      { cached: false, error: 'exit 1', output: 'layer' as const },
      { cached: true, error: null, output: 'layer' as const },
      { cached: false, error: null, output: 'not-in-image' as const },
      { cached: null, error: null, output: 'metadata' as const },
      { cached: null, error: null, output: 'layer' as const },
    ].map(stepState),
    ['failed', 'cached', 'rebuilt', 'metadata', 'not-run'],
  );
});

test('cause labels, lists and what invalidates a step', () => {
  assert.equal(causeLabel('parent-rebuilt'), 'an earlier step rebuilt');
  assert.equal(causeLabel('no-cache'), 'built with --no-cache');
  assert.equal(listSome(['a', 'b'], 2), 'a, b');
  assert.equal(listSome(['a', 'b', 'c', 'd', 'e'], 2), 'a, b and 3 more');
  assert.deepEqual(
    [
      { kind: 'text' as const, subject: '' },
      { kind: 'build-arg' as const, subject: 'VERSION' },
      { kind: 'files' as const, subject: 'package.json package-lock.json' },
      { kind: 'base-image' as const, subject: 'node:22' },
      { kind: 'parent' as const, subject: '' },
      { kind: 'stage' as const, subject: 'build' },
    ].map(invalidationText),
    ['its text changes', 'build arg VERSION changes', 'files of package.json package-lock.json change', 'image node:22 changes', 'an earlier step rebuilds', 'stage build rebuilds'],
  );
  assert.equal(rebuildsWhenText([]), null);
  assert.equal(rebuildsWhenText([{ kind: 'text', subject: '' }]), 'Rebuilds when its text changes.');
  assert.equal(
    rebuildsWhenText([{ kind: 'text', subject: '' }, { kind: 'build-arg', subject: 'V' }, { kind: 'parent', subject: '' }]),
    'Rebuilds when its text changes, build arg V changes or an earlier step rebuilds.',
  );
  assert.deepEqual(['layer' as const, 'metadata' as const, 'not-in-image' as const].map((output) => noLayerText({ output })), [
    null, 'metadata only, adds no layer', 'stage not in the image, adds no layer',
  ]);
});

test('the summary after each instruction of the sample record, and of the failed step', () => {
  const record = sampleRecord();
  assert.equal(stepSummary(failedRecord().steps.find((step) => step.line === 15)!), 'failed · 820 ms');
  assert.deepEqual(record.steps.map((step) => `${step.line}: ${stepSummary(step)}`), [
    '2: cached · 0 ms · not in image',
    '3: metadata only, no layer',
    '4: cached · 12 ms · not in image',
    '5: rebuilt · 2.1 s · not in image · instruction changed',
    '6: rebuilt · 4.2 s · not in image · an earlier step rebuilt',
    '8: cached · 0 ms · 41.2 MB',
    '9: metadata only, no layer',
    '10: cached · 31 ms · 0 B',
    '11: rebuilt · 120 ms · 212 kB · files changed',
    '12: rebuilt · 14 s · 48.2 MB · an earlier step rebuilt',
    '14: rebuilt · 40 ms · 61 B · an earlier step rebuilt',
    '15: rebuilt · 6.0 s · 113 MB · an earlier step rebuilt',
    '17: metadata only, no layer',
    '18: metadata only, no layer',
  ]);
});
