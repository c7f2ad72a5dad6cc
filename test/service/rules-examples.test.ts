import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../server/src/service/model';
import { lint, type LintOptions } from '../../server/src/service/diagnostics/engine';
import { ALL_RULES } from '../../server/src/service/diagnostics/rules';
import type { Rule } from '../../server/src/service/diagnostics/types';

/** How many findings of the rule its example gets, linted with the context its docs carry. */
function findingsOn(rule: Rule, example: 'bad' | 'good'): number {
  const options: LintOptions = { dockerignore: rule.docs.dockerignore?.[example] ?? null };
  // A rule that is off by default is still the rule under test: turn it on, nothing else.
  if (rule.severity === 'off') options.severities = { [rule.id]: 'warning' };
  return lint(buildModel(rule.docs[example]), options).filter((d) => d.code === rule.id).length;
}

test("every rule fires on its own docs' bad example and not on the good one", () => {
  const wrong: string[] = [];
  for (const rule of ALL_RULES) {
    if (findingsOn(rule, 'bad') === 0) wrong.push(`${rule.id}: silent on its bad example`);
    const good = findingsOn(rule, 'good');
    if (good > 0) wrong.push(`${rule.id}: ${good} finding(s) on its good example`);
  }
  assert.deepEqual(wrong, []);
  assert.ok(ALL_RULES.length >= 80, `${ALL_RULES.length} rules`);
});

test('an example needing context gets it from the docs: CopyIgnoredFile is silent without the ignore file', () => {
  const rule = ALL_RULES.find((r) => r.id === 'CopyIgnoredFile')!;
  assert.equal(lint(buildModel(rule.docs.bad)).filter((d) => d.code === rule.id).length, 0);
  assert.equal(findingsOn(rule, 'bad'), 1);
});
