import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distance, explainRule, listRules, suggest } from '../../server/src/cli/explain';
import type { Rule } from '../../server/src/service/diagnostics/types';

const rule: Rule = {
  id: 'apt-get-no-install-recommends',
  title: 'apt-get install without --no-install-recommends',
  defaultSeverity: 'info',
  docs: '\nWhy it matters.\n\n    RUN apt-get install --no-install-recommends curl\n',
  url: 'https://example.test/rules/apt',
  hadolint: ['DL3015'],
  check: () => undefined,
};

test('explain prints id, title, severity, kind, hadolint codes, url, then the docs', () => {
  assert.equal(
    explainRule(rule),
    'apt-get-no-install-recommends: apt-get install without --no-install-recommends\n\n' +
      'default severity: info\n' +
      'kind: dockerfile-studio rule\n' +
      'hadolint: DL3015\n' +
      'docs: https://example.test/rules/apt\n\n' +
      'Why it matters.\n\n    RUN apt-get install --no-install-recommends curl\n',
  );
  assert.equal(
    explainRule({ ...rule, id: 'X', title: 'T', buildkit: true, experimental: true, hadolint: undefined, defaultSeverity: 'off', docs: 'D' }),
    'X: T\n\ndefault severity: off (experimental: on only with # check=experimental=)\n' +
      'kind: BuildKit build check (# check=skip= turns it off)\nhadolint: none\ndocs: https://example.test/rules/apt\n\nD\n',
  );
});

test('rules lists one aligned line per rule', () => {
  assert.equal(
    listRules([rule, { ...rule, id: 'short', defaultSeverity: 'warning', title: 'T' }]),
    'apt-get-no-install-recommends  info     apt-get install without --no-install-recommends\n' +
      'short                          warning  T\n',
  );
});

test('did you mean: the closest id within reach, case-insensitive', () => {
  const ids = ['StageNameCasing', 'FromAsCasing', 'JSONArgsRecommended', 'no-sudo'];
  assert.equal(distance('kitten', 'sitting'), 3);
  assert.equal(suggest('stagenamecasing', ids), 'StageNameCasing');
  assert.equal(suggest('StageNameCasin', ids), 'StageNameCasing');
  assert.equal(suggest('JsonArgsRecomended', ids), 'JSONArgsRecommended');
  assert.equal(suggest('nosudo', ids), 'no-sudo');
  assert.equal(suggest('totally-different', ids), null);
  assert.equal(suggest('x', []), null);
});
