/**
 * Agreement with hadolint's own rule tests (../shared/corpus/hadolint-cases.json): every case
 * whose hadolint code one of our rules maps (`rule.hadolint`) is run through the engine with
 * just those rules, and "fires / does not fire / fires N times" is compared. Prints the
 * agreement per code and overall; the disagreeing cases are pinned so a regression fails.
 * Each deliberate difference is named in the rule's docs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../server/src/service/model';
import { lint } from '../../server/src/service/diagnostics/engine';
import { ALL_RULES } from '../../server/src/service/diagnostics/rules';
import { RULES as PRACTICE } from '../../server/src/service/diagnostics/rules/practice';
import type { Rule } from '../../server/src/service/diagnostics/types';

interface HadolintCase {
  id: number;
  rule: string;
  expect: 'fires' | 'does-not-fire' | 'fires-exactly' | 'no-findings-at-all';
  count?: number;
  onbuild: boolean;
  config: string | null;
  dockerfile: string;
  dockerfile_onbuild_approx?: string;
  it: string;
}

const SHARED = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpus');
const CORPUS = join(SHARED, 'hadolint-cases.json');

// Cases where we differ on purpose (see each rule's docs) or do not yet agree; id: reason.
const EXPECTED_DISAGREEMENTS: Record<number, string> = {
  5: 'hadolint drops a whole `# hadolint ignore=` pragma that names an unknown code; our engine honours the codes it knows',
  443: 'gem-pin-versions reads `true` after an unknown `--use-system-libraries` as a gem name (documented)',
};

function rulesFor(code: string): Rule[] {
  return ALL_RULES.filter((rule) => rule.hadolint?.includes(code));
}

/** Splits a case whose extraction glued a Dockerfile prefix onto its rule id. */
function normalise(raw: HadolintCase): HadolintCase {
  if (!raw.rule.includes('\n')) return raw;
  const lines = raw.rule.split('\n');
  const prefix = `${lines.slice(0, -1).join('\n')}\n`;
  return {
    ...raw,
    rule: lines[lines.length - 1],
    dockerfile: prefix + raw.dockerfile,
    dockerfile_onbuild_approx: raw.dockerfile_onbuild_approx ? prefix + raw.dockerfile_onbuild_approx : undefined,
  };
}

test('hadolint rule cases: agreement per mapped code', () => {
  const data = JSON.parse(readFileSync(CORPUS, 'utf8')) as { cases: HadolintCase[] };
  const perCode = new Map<string, { agree: number; total: number }>();
  const unmapped = new Map<string, number>();
  const skipped: string[] = [];
  const disagreements: number[] = [];
  const details: string[] = [];
  for (const raw of data.cases) {
    const c = normalise(raw);
    if (c.rule.startsWith('SC') || c.rule === '*' || c.expect === 'no-findings-at-all') {
      skipped.push(`${c.id} ${c.rule} (ShellCheck or whole-file)`);
      continue;
    }
    const rules = rulesFor(c.rule);
    if (rules.length === 0) {
      unmapped.set(c.rule, (unmapped.get(c.rule) ?? 0) + 1);
      continue;
    }
    if (c.config !== null) {
      skipped.push(`${c.id} ${c.rule} (needs hadolint config ${c.config})`);
      continue;
    }
    const text = `${c.onbuild && c.dockerfile_onbuild_approx ? c.dockerfile_onbuild_approx : c.dockerfile}\n`;
    const severities = Object.fromEntries(rules.map((r) => [r.id, 'warning' as const]));
    const found = lint(buildModel(text), { severities }, rules).filter((d) => d.code !== 'rule-crashed');
    const n = found.length;
    const agree = c.expect === 'fires' ? n > 0 : c.expect === 'does-not-fire' ? n === 0 : n === c.count;
    const tally = perCode.get(c.rule) ?? { agree: 0, total: 0 };
    tally.total++;
    if (agree) tally.agree++;
    perCode.set(c.rule, tally);
    if (!agree) {
      disagreements.push(c.id);
      details.push(`  ${c.id} ${c.rule} expect ${c.expect}${c.count ? ` ${c.count}` : ''}, got ${n}${c.onbuild ? ' (onbuild)' : ''}: ${JSON.stringify(text)}`);
    }
  }
  let agreeAll = 0;
  let totalAll = 0;
  const lines = [...perCode.entries()].sort().map(([code, t]) => {
    agreeAll += t.agree;
    totalAll += t.total;
    return `  ${code} ${t.agree}/${t.total} ${((100 * t.agree) / t.total).toFixed(0)}%  ${rulesFor(code).map((r) => r.id).join(', ')}`;
  });
  const overall = agreeAll / totalAll;
  console.log(['hadolint agreement per code:', ...lines, `overall ${agreeAll}/${totalAll} = ${(100 * overall).toFixed(1)}%`].join('\n'));
  console.log(`unmapped hadolint codes (cases): ${[...unmapped.entries()].sort().map(([code, n]) => `${code} (${n})`).join(', ')}`);
  console.log(`skipped: ${skipped.length} cases\n${skipped.map((s) => `  ${s}`).join('\n')}`);
  console.log(`disagreements:\n${details.join('\n')}`);
  assert.ok(overall >= 0.9, `hadolint agreement ${(100 * overall).toFixed(1)}% is below 90%`);
  assert.deepEqual(disagreements, Object.keys(EXPECTED_DISAGREEMENTS).map(Number), 'the set of disagreeing cases changed');
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

test('real-world Dockerfiles: findings per practice rule (printed), none an error, none crashing', () => {
  const files = walk(join(SHARED, 'real-world'));
  const counts = new Map<string, number>(PRACTICE.map((r) => [r.id, 0]));
  const problems: string[] = [];
  for (const file of files) {
    for (const d of lint(buildModel(readFileSync(file, 'utf8')), {}, PRACTICE)) {
      if (d.code === 'rule-crashed' || d.severity === 1) problems.push(`${file}: ${d.code} ${d.message}`);
      counts.set(String(d.code), (counts.get(String(d.code)) ?? 0) + 1);
    }
  }
  const severity = new Map(PRACTICE.map((r) => [r.id, r.severity]));
  const table = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  console.log(`practice findings over ${files.length} real-world files:\n${table.map(([id, n]) => `  ${String(n).padStart(5)} ${id} (${severity.get(id)})`).join('\n')}`);
  assert.deepEqual(problems, []);
});
