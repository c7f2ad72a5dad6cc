import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../server/src/cli/args';

test('lint: defaults, targets, both option spellings, and -- before file names that start with a dash', () => {
  assert.deepEqual(parseArgs(['lint']), { kind: 'lint', targets: ['.'], format: 'text', failOn: 'error', config: null });
  assert.deepEqual(parseArgs(['lint', 'a', '--format', 'sarif', 'b dir', '--severity=warning', '--config=c.json']), {
    kind: 'lint',
    targets: ['a', 'b dir'],
    format: 'sarif',
    failOn: 'warning',
    config: 'c.json',
  });
  assert.deepEqual(parseArgs(['lint', '-f', 'github', '-c', 'x', '--severity', 'Information', '--', '--weird', '-']), {
    kind: 'lint',
    targets: ['--weird', '-'],
    format: 'github',
    failOn: 'info',
    config: 'x',
  });
  assert.deepEqual(parseArgs(['lint', '--severity', 'off']), { kind: 'lint', targets: ['.'], format: 'text', failOn: 'none', config: null });
});

test('usage errors are one-line messages', () => {
  const errors = [
    [[], 'missing command (lint, explain, rules, build or layers)'],
    [['check'], "unknown command 'check'"],
    [['lint', '--fix'], "unknown option '--fix'"],
    [['lint', '--format=xml'], "unknown format 'xml' (expected text, json, sarif, github)"],
    [['lint', '--severity', 'fatal'], "unknown severity 'fatal' (expected error, warning, info, hint, none)"],
    [['lint', '--format'], "option '--format' needs a value"],
    [['lint', '--config='], "option '--config' needs a value"],
    [['explain'], 'explain takes exactly one rule id, e.g. explain JSONArgsRecommended'],
    [['explain', 'a', 'b'], 'explain takes exactly one rule id, e.g. explain JSONArgsRecommended'],
    [['explain', '--all'], "unknown option '--all' for explain"],
    [['rules', 'x'], "rules takes no arguments (got 'x')"],
  ] as const;
  for (const [argv, message] of errors) assert.deepEqual(parseArgs(argv), { kind: 'usage-error', message }, argv.join(' '));
});

test('help, version, explain and rules', () => {
  assert.deepEqual(parseArgs(['--help']), { kind: 'help' });
  assert.deepEqual(parseArgs(['help']), { kind: 'help' });
  assert.deepEqual(parseArgs(['lint', 'x', '-h']), { kind: 'help' });
  assert.deepEqual(parseArgs(['--version']), { kind: 'version' });
  assert.deepEqual(parseArgs(['-v']), { kind: 'version' });
  assert.deepEqual(parseArgs(['explain', 'JSONArgsRecommended']), { kind: 'explain', rule: 'JSONArgsRecommended' });
  assert.deepEqual(parseArgs(['rules']), { kind: 'rules' });
});
