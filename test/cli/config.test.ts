import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configIgnores, parseProjectConfig, type ProjectConfig } from '../../server/src/config';

test('parseProjectConfig keeps valid entries (canonical rule ids) and names what it drops', () => {
  const text = JSON.stringify({
    $schema: 'x',
    rules: { 'UNKNOWN-INSTRUCTION': 'warning', 'unknown-instructio': 'off', 'missing-arguments': 'loud' },
    ignore: ['vendor/', 3],
    extends: 'base',
  });
  assert.deepEqual(parseProjectConfig(text, 'c.json').config, {
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
  assert.deepEqual(parseProjectConfig('{"rules": [], "ignore": "x"}', 'c.json').config?.warnings, [
    "'rules' must be an object of rule id to severity",
    "'ignore' must be an array of path patterns",
  ]);
  // Problems are values, not exceptions: the editor shows them and keeps linting.
  assert.deepEqual(parseProjectConfig('[]', 'c.json'), { error: 'expected a JSON object such as {"rules": {}, "ignore": []}' });
  let jsonError = '';
  try {
    JSON.parse('{');
  } catch (error) {
    jsonError = (error as Error).message;
  }
  assert.deepEqual(parseProjectConfig('{', 'c.json'), { error: `not valid JSON (${jsonError})` });
});

test('configIgnores: patterns relative to the config folder; files outside it are never ignored', () => {
  const config: ProjectConfig = { path: '/repo/.dockerfile-studio.json', rules: {}, ignore: ['vendor/', '*.dev', '/top/Dockerfile'], warnings: [] };
  const cases: [string, boolean][] = [
    ['/repo/vendor/lib/Dockerfile', true],
    ['/repo/app/Dockerfile.dev', true],
    ['/repo/top/Dockerfile', true],
    ['/repo/sub/top/Dockerfile', false],
    ['/repo/app/Dockerfile', false],
    ['/elsewhere/vendor/Dockerfile', false],
    ['/repo/..vendor/Dockerfile', false],
  ];
  assert.deepEqual(cases.map(([path]) => [path, configIgnores(config, path)]), cases);
});
