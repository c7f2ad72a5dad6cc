import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainRule, listRules } from '../../server/src/cli/explain';
import { closest } from '../../server/src/service';
import { defineRule } from '../../server/src/service/diagnostics/defineRule';
import { ALL_RULES, getRule } from '../../server/src/service/diagnostics/rules';
import { assertGolden } from '../service/helpers';

const rule = defineRule({
  id: 'apt-get-no-install-recommends',
  title: 'apt-get install without --no-install-recommends',
  severity: 'info',
  docs: {
    catches: '`apt-get install` without `--no-install-recommends`.',
    why: 'Recommended packages make the image **larger**.',
    bad: 'FROM debian\nRUN apt-get install curl',
    good: 'FROM debian\nRUN apt-get install --no-install-recommends curl',
    buildOutput: 'nothing, it builds',
    notes: 'A note.',
  },
  url: 'https://example.test/rules/apt',
  hadolint: ['DL3015'],
  check: () => undefined,
});

test('explain prints id, title, severity, kind, hadolint codes, url, then the docs page as plain text', () => {
  assert.equal(
    explainRule(rule),
    [
      'apt-get-no-install-recommends: apt-get install without --no-install-recommends',
      '',
      'default severity: info',
      'kind: dockerfile-studio rule',
      'hadolint: DL3015',
      'docs: https://example.test/rules/apt',
      '',
      'apt-get install without --no-install-recommends.',
      '',
      'Why it matters',
      '',
      'Recommended packages make the image larger.',
      '',
      'Problem',
      '',
      '    FROM debian',
      '    RUN apt-get install curl',
      '',
      'Fixed',
      '',
      '    FROM debian',
      '    RUN apt-get install --no-install-recommends curl',
      '',
      'What docker build prints',
      '',
      '    nothing, it builds',
      '',
      'Notes',
      '',
      'A note.',
      '',
      "Equivalent hadolint check: DL3015. hadolint's pragmas silence this rule too: # hadolint ignore=DL3015 on the line right above the instruction, # hadolint global ignore=DL3015 anywhere for the file.",
      '',
    ].join('\n'),
  );
  const check = defineRule({ ...rule, id: 'X', title: 'T', buildkit: { slug: 'x' }, experimental: true, hadolint: undefined, url: undefined, severity: 'off' });
  assert.equal(
    explainRule(check).split('\n\nWhy it matters')[0],
    'X: T\n\ndefault severity: off (experimental: on only with # check=experimental=)\n' +
      'kind: BuildKit build check (# check=skip= turns it off)\nhadolint: none\ndocs: https://docs.docker.com/go/dockerfile/rule/x/\n\n' +
      'apt-get install without --no-install-recommends.',
  );
  assert.ok(explainRule(check).endsWith("\n\nA note.\n\nNo hadolint equivalent.\n\nThis is BuildKit's X build check (docker build --check reports it); # check=skip=X turns it off.\n"));
});

test('explain of real rules, one of each area and one with an ignore file, compared whole', () => {
  for (const id of ['unknown-flag', 'CopyIgnoredFile', 'StageNameCasing', 'apt-get-yes']) {
    assertGolden('cli', `explain-${id}.txt`, explainRule(getRule(id)!));
  }
  assert.equal(ALL_RULES.length, new Set(ALL_RULES.map((r) => r.id.toLowerCase())).size);
});

test('rules lists one aligned line per rule', () => {
  assert.equal(
    listRules([rule, { ...rule, id: 'short', severity: 'warning', title: 'T' }]),
    'apt-get-no-install-recommends  info     apt-get install without --no-install-recommends\n' +
      'short                          warning  T\n',
  );
});

test('did you mean: the service\'s one closest() finds rule ids within reach, case-insensitive', () => {
  const ids = ['StageNameCasing', 'FromAsCasing', 'JSONArgsRecommended', 'no-sudo'];
  assert.equal(closest('StageNameCasin', ids), 'StageNameCasing');
  assert.equal(closest('stagenamecasin', ids), 'StageNameCasing');
  assert.equal(closest('JsonArgsRecomended', ids), 'JSONArgsRecommended');
  assert.equal(closest('nosudo', ids), 'no-sudo');
  assert.equal(closest('totally-different', ids), undefined);
  assert.equal(closest('x', []), undefined);
});
