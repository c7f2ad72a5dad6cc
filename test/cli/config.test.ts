import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProjectConfig, parseProjectConfig } from '../../server/src/config';

test('parseProjectConfig keeps valid entries (canonical rule ids) and names what it drops', () => {
  const text = JSON.stringify({
    $schema: 'x',
    rules: { 'UNKNOWN-INSTRUCTION': 'warning', 'unknown-instructio': 'off', 'missing-arguments': 'loud' },
    ignore: ['vendor/', 3],
    extends: 'base',
  });
  assert.deepEqual(parseProjectConfig(text, 'c.json'), {
    path: 'c.json',
    rules: { 'unknown-instruction': 'warning' },
    ignore: ['vendor/'],
    warnings: [
      "unknown key 'extends' (expected rules, ignore)",
      "unknown rule 'unknown-instructio'; did you mean 'unknown-instruction'?",
      "rule 'missing-arguments': severity must be one of off, hint, info, warning, error",
      "'ignore' entries must be strings; the others are dropped",
    ],
  });
  assert.deepEqual(parseProjectConfig('{"rules": [], "ignore": "x"}', 'c.json').warnings, [
    "'rules' must be an object of rule id to severity",
    "'ignore' must be an array of path patterns",
  ]);
  assert.throws(() => parseProjectConfig('[]', 'c.json'), { message: 'c.json: expected a JSON object such as {"rules": {}, "ignore": []}' });
  assert.throws(() => parseProjectConfig('{', 'c.json'), /^Error: c\.json: not valid JSON \(/);
});

test('findProjectConfig: nearest file upwards; a folder of that name is skipped', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'dfs-config-'));
  try {
    mkdirSync(join(tmp, 'a', 'b', '.dockerfile-studio.json'), { recursive: true });
    writeFileSync(join(tmp, '.dockerfile-studio.json'), '{"ignore": ["x"]}');
    const found = findProjectConfig(join(tmp, 'a', 'b', 'Dockerfile'));
    assert.deepEqual(found, { path: join(tmp, '.dockerfile-studio.json'), rules: {}, ignore: ['x'], warnings: [] });
    writeFileSync(join(tmp, 'a', '.dockerfile-studio.json'), '{}');
    assert.equal(findProjectConfig(join(tmp, 'a', 'b', 'Dockerfile'))?.path, join(tmp, 'a', '.dockerfile-studio.json'));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
