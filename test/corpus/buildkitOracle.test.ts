/**
 * Agreement with real BuildKit: ../shared/corpus/buildkit-oracle.json is what BuildKit 0.25
 * (`docker buildx build --call=check`) said about every real-world file. Each file is linted and
 * the 22 BuildKit checks are compared by rule and line; the files BuildKit rejects must get an
 * error from us on BuildKit's error line (tested in realWorld.test.ts). The oracle ran every file
 * on one busybox stand-in whose only ENV is PATH (its caveats), so we lint with the same base
 * environment, passed the way an editor passes the local engine's (`imageEnv`). Prints the
 * agreement per file and per rule, and every disagreement; fails when the disagreements change.
 * The same figure with our own base-image knowledge (official-image table, then a guess) is
 * printed for information: there we differ where a real image defines what busybox does not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, ORACLE_BASE_ENV, checkNames, readOracle } from './oracle';
import { buildModel } from '../../server/src/service/model';
import { lint, type LintOptions } from '../../server/src/service/diagnostics/engine';

/**
 * Disagreements we accept, each with its reason:
 * - registry-auth: BuildKit 0.25 counts `AUTH` anywhere in a name as a secret; we follow newer
 *   BuildKit, which counts it only as the last part (DOCKER_AUTH_VERSION is a version number).
 */
const KNOWN: string[] = [
  'real-world/jessfraz/dockerfiles/registry-auth/Dockerfile: BuildKit only SecretsUsedInArgOrEnv:17 (Do not use ARG or ENV instructions for sensitive data (ENV "DOCKER_AUTH_VERSION"))',
];

/** Compares our BuildKit checks with the oracle's on every file it checked to the end. */
function compare(options: LintOptions): { agree: number; total: number; perRule: Map<string, { ours: number; theirs: number; both: number }>; disagreements: string[] } {
  const names = checkNames();
  const perRule = new Map<string, { ours: number; theirs: number; both: number }>();
  const tally = (rule: string) => {
    let t = perRule.get(rule);
    if (!t) perRule.set(rule, (t = { ours: 0, theirs: 0, both: 0 }));
    return t;
  };
  const disagreements: string[] = [];
  let agree = 0;
  let total = 0;
  for (const file of readOracle()) {
    if (file.error) continue; // BuildKit stopped early there; realWorld.test.ts checks its error
    total++;
    const found = lint(buildModel(readFileSync(join(CORPUS, file.path), 'utf8')), options)
      .filter((d) => names.has(String(d.code)))
      .map((d) => `${String(d.code)}:${d.range.start.line + 1}`);
    const remaining = [...found];
    let same = true;
    for (const w of file.warnings) {
      const key = `${w.rule}:${w.line ?? 0}`;
      const at = remaining.indexOf(key);
      if (at >= 0) {
        remaining.splice(at, 1);
        tally(w.rule).both++;
      } else {
        tally(w.rule).theirs++;
        disagreements.push(`${file.path}: BuildKit only ${key} (${w.detail})`);
        same = false;
      }
    }
    for (const key of remaining) {
      tally(key.slice(0, key.indexOf(':'))).ours++;
      disagreements.push(`${file.path}: ours only ${key}`);
      same = false;
    }
    if (same) agree++;
  }
  return { agree, total, perRule, disagreements };
}

function print(title: string, result: ReturnType<typeof compare>): void {
  console.log(`${title}: ${result.agree}/${result.total} files agree exactly on the BuildKit checks`);
  console.log('  per rule (both / BuildKit only / ours only):');
  for (const [rule, t] of [...result.perRule].sort((a, b) => a[0].localeCompare(b[0]))) {
    console.log(`  ${rule.padEnd(34)} ${String(t.both).padStart(5)} ${String(t.theirs).padStart(5)} ${String(t.ours).padStart(5)}`);
  }
  for (const d of result.disagreements) console.log(`  ${d}`);
}

test('real-world files: agreement with real BuildKit per file and per rule', () => {
  const result = compare({ imageEnv: () => ORACLE_BASE_ENV });
  print('Real BuildKit agreement (base images as the oracle had them)', result);
  assert.deepEqual(result.disagreements, KNOWN);
});

test('real-world files: agreement with our own base-image knowledge (for information)', () => {
  const result = compare({});
  print('Real BuildKit agreement (official-image table, then a guess)', result);
  // Only UndefinedVar may differ: that is the one check that reads the base image.
  assert.deepEqual(result.disagreements.filter((d) => !d.includes(' UndefinedVar:')), KNOWN);
});
