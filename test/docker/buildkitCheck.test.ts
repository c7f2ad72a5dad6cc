/**
 * Differential test against real BuildKit: the current engine's `docker build --check` (BuildKit
 * 0.25, see scripts/engine/setup-current.sh) and our lint are run on the same Dockerfiles, and
 * their build-check findings are compared by rule and line (and BuildKit's error by line). The
 * inputs: our engine fixtures, one case per parity class we fixed, and a seeded sample of fuzz
 * mutants of the shared real-world files (line deletion and duplication, keyword case changes,
 * misspelt variable names). Disagreements are printed by class; the fixtures and class cases
 * must agree exactly, the mutants within the classes listed in MUTANT_KNOWN.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { buildModel } from '../../server/src/service/model';
import { lint } from '../../server/src/service/diagnostics/engine';
import { ALL_RULES } from '../../server/src/service/diagnostics/rules';
import { BUSYBOX_ENV, buildkitCheck, currentEngineProblem, prepare, type CheckResult } from './currentEngine';
import { mutants } from './mutants';

const CHECKS = new Set(ALL_RULES.filter((r) => r.buildkit).map((r) => r.id));
const CORPUS = join(process.cwd(), '..', 'shared', 'corpus');
const MUTANT_COUNT = Number(process.env.MUTANTS ?? 60);

/** One case per BuildKit behaviour we follow (each was a disagreement once). */
const CLASS_CASES: Record<string, string> = {
  'guarded forms count as uses': 'FROM local/busybox\nENV A=${X:+set} B=${Y:-1} C=${Z}\n',
  'a quoted heredoc body is not expanded': 'FROM local/busybox\nCOPY <<"EOF" /x.sh\necho $NOT_EXPANDED\nEOF\nCOPY <<EOF /y\n$EXPANDED\nEOF\n',
  'a multi-line ENV reports on its first line': 'FROM local/busybox\nENV DIR=/opt \\\n    BIN=$DIR/bin \\\n    OTHER=$MISSING\n',
  'global ARGs must be re-declared in a stage': 'ARG VERSION=1\nFROM local/busybox\nLABEL v=$VERSION\nARG VERSION\nLABEL w=$VERSION\n',
  'misspelt inherited name, did you mean': 'FROM local/busybox AS base\nENV APP_HOME=/app\nFROM base\nWORKDIR $APP_HOEM\n',
  'an escaped escape ends the line': 'FROM local/busybox\nCOPY a C:\\\\\n\nENV LEGACY value\n',
  'a quoted absolute WORKDIR': 'FROM local/busybox\nWORKDIR "/app"\nWORKDIR sub\n',
  'platform ARGs have values in the global scope': 'ARG FLAVOR=base-${TARGETARCH}\nFROM local/busybox AS base-amd64\nFROM ${FLAVOR}\nRUN true\n',
  'an unsupported modifier is an error': 'FROM local/busybox\nARG VARIANT=${templateOption:imageVariant}\n',
  'a template placeholder base is an error': 'ARG VARIANT=""\nFROM REPLACE-ME\n',
};

/** Disagreement classes the mutants may show, each with its reason. */
const MUTANT_KNOWN = new Set<string>([]);

/** Our findings in BuildKit's terms: check warnings by rule and line, and our first error's line. */
function ours(text: string): CheckResult {
  const model = buildModel(text);
  const diagnostics = lint(model, { imageEnv: () => BUSYBOX_ENV });
  const firstError = diagnostics.find((d) => d.severity === DiagnosticSeverity.Error && !CHECKS.has(String(d.code)));
  // BuildKit puts a parse error on its instruction's first line; ours sits on the word at fault.
  const errorLine = firstError ? (model.instructionAt(firstError.range.start)?.range.start.line ?? firstError.range.start.line) + 1 : 0;
  return {
    warnings: diagnostics.filter((d) => CHECKS.has(String(d.code))).map((d) => ({ rule: String(d.code), line: d.range.start.line + 1, detail: d.message })),
    error: firstError ? { message: `${String(firstError.code)}: ${firstError.message}`, line: errorLine } : null,
  };
}

/** The classes the two answers differ in (`rule ours-only`, `error BuildKit-only`, ...). */
function differences(theirs: CheckResult, mine: CheckResult): string[] {
  if (theirs.error || mine.error) {
    // BuildKit stops at its error, so its warnings are partial: compare where each stops.
    if (!mine.error) return [`error BuildKit-only (${theirs.error!.message.slice(0, 80)})`];
    if (!theirs.error) return [`error ours-only (${mine.error.message.split(':')[0]})`];
    // An error without a line is about the whole file (an empty Dockerfile).
    return theirs.error.line === null || theirs.error.line === mine.error.line ? [] : ['error on another line'];
  }
  const remaining = mine.warnings.map((w) => `${w.rule}:${w.line}`);
  const found: string[] = [];
  for (const w of theirs.warnings) {
    const at = remaining.indexOf(`${w.rule}:${w.line}`);
    if (at >= 0) remaining.splice(at, 1);
    else found.push(`${w.rule} BuildKit-only`);
  }
  for (const key of remaining) found.push(`${key.slice(0, key.indexOf(':'))} ours-only`);
  return found;
}

function fixtureInputs(): [string, string][] {
  const root = join(process.cwd(), 'test/docker/fixtures');
  const inputs: [string, string][] = readdirSync(root).map((name) => [`fixture ${name}`, readFileSync(join(root, name, 'Dockerfile'), 'utf8')]);
  for (const [name, text] of Object.entries(CLASS_CASES)) inputs.push([`class: ${name}`, text]);
  return inputs;
}

test('BuildKit --check agrees with our lint on the fixtures and one case per class', async (t) => {
  const skip = await currentEngineProblem();
  if (skip) return t.skip(skip);
  const wrong: string[] = [];
  for (const [name, text] of fixtureInputs()) {
    const prepared = prepare(text);
    assert.ok(prepared, `${name} cannot be checked here`);
    const theirs = await buildkitCheck(prepared);
    for (const d of differences(theirs, ours(prepared.text))) wrong.push(`${name}: ${d} ${JSON.stringify(theirs)}`);
  }
  assert.deepEqual(wrong, []);
});

test('BuildKit --check on a seeded sample of fuzz mutants: disagreements by class', async (t) => {
  const skip = await currentEngineProblem();
  if (skip) return t.skip(skip);
  if (!existsSync(join(CORPUS, 'buildkit-oracle.json'))) {
    if (process.env.CI === 'true') throw new Error(`CI=true and the shared corpus is missing at ${CORPUS}`);
    return t.skip(`no shared corpus at ${CORPUS}`);
  }
  const classes = new Map<string, string[]>();
  let checked = 0;
  let agreeing = 0;
  for (const mutant of mutants(CORPUS, MUTANT_COUNT, 20261207)) {
    const prepared = prepare(mutant.text);
    if (!prepared) continue;
    const theirs = await buildkitCheck(prepared);
    // A base image that only a registry has: nothing to compare.
    if (theirs.error && /failed to resolve source metadata|pull access denied/.test(theirs.error.message)) continue;
    checked++;
    const found = differences(theirs, ours(prepared.text));
    if (found.length === 0) agreeing++;
    for (const d of new Set(found)) {
      const examples = classes.get(d) ?? [];
      examples.push(mutant.name);
      classes.set(d, examples);
    }
  }
  console.log(`BuildKit --check vs our lint on fuzz mutants: ${agreeing}/${checked} agree exactly`);
  for (const [name, examples] of [...classes].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${String(examples.length).padStart(3)}  ${name}   e.g. ${examples.slice(0, 2).join(', ')}`);
  }
  assert.ok(checked >= MUTANT_COUNT / 2, `only ${checked} of ${MUTANT_COUNT} mutants could be checked`);
  assert.deepEqual([...classes.keys()].filter((c) => !MUTANT_KNOWN.has(c)).sort(), []);
});
