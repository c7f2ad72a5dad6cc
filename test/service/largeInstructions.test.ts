/**
 * Instructions of a megabyte, found by the fuzz benchmark (test/bench/fuzz.mjs): one instruction
 * can hold hundreds of thousands of variables, package-manager calls or findings, more than a
 * spread (`list.push(...items)`) can pass as arguments, and ONBUILD can be chained thousands of
 * times. Each feature must still answer in full, with no rule crashed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDockerfileService, RULE_CRASHED, type DockerfileModel } from '../../server/src/service';

const URI = 'file:///large/Dockerfile';

/** The codes of the findings, counted, with rule-crashed messages kept whole. */
function codes(input: string | DockerfileModel): Record<string, number> {
  const service = createDockerfileService();
  const counts: Record<string, number> = {};
  for (const d of service.lint(typeof input === 'string' ? service.parse(input) : input)) {
    const key = d.code === RULE_CRASHED ? `${RULE_CRASHED}: ${d.message}` : String(d.code);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

// Past the ~125,000 arguments a call takes with Node's default stack.
const MANY = 140_000;

test('an ENV of 140,000 pairs: references, highlights, definition and rename cover every pair; no rule crashes', () => {
  const service = createDockerfileService();
  const model = service.parse(`FROM alpine:3.20\nENV ${'K=v '.repeat(MANY)}\nRUN echo $K\n`);
  const onUse = { line: 2, character: 10 };
  assert.equal(service.references(model, onUse, URI, true).length, MANY + 1);
  assert.equal(service.references(model, onUse, URI, false).length, 1);
  assert.equal(service.documentHighlights(model, onUse).length, MANY + 1);
  // The last pair is the definition in effect at the RUN.
  const last = 4 + 4 * (MANY - 1);
  assert.deepEqual(service.definition(model, onUse, URI), { uri: URI, range: { start: { line: 1, character: last }, end: { line: 1, character: last + 1 } } });
  const renamed = service.rename(model, onUse, URI, 'L');
  assert.ok(renamed && 'edit' in renamed);
  assert.equal(renamed.edit.changes?.[URI].length, MANY + 1);
  assert.deepEqual(codes(model), {});
});

test('apt-get install with 140,000 operands after -- is linted without a crashed rule', () => {
  assert.deepEqual(codes(`FROM debian:12\nRUN apt-get install -y --no-install-recommends -- ${'a '.repeat(MANY)}&& rm -rf /var/lib/apt/lists/*\n`), {
    'apt-pin-versions': 1,
  });
});

test('a RUN of 140,000 apk calls is linted without a crashed rule', () => {
  assert.deepEqual(codes(`FROM alpine:3.20\nRUN ${'apk add a;'.repeat(MANY)}\n`), { 'apk-no-cache': MANY, 'apk-pin-versions': MANY });
});

test('a RUN of 50,000 apt-get calls: one finding per call and rule, none lost to a crash', () => {
  assert.deepEqual(codes(`FROM debian:12\nRUN ${'apt-get install a && '.repeat(50_000)}true\n`), {
    'apt-get-yes': 50_000,
    'apt-no-install-recommends': 50_000,
    'apt-pin-versions': 50_000,
  });
});

test('10,000 chained ONBUILDs: the chain is reported once; hover and symbols answer', () => {
  const service = createDockerfileService();
  const model = service.parse(`FROM alpine:3.20\n${'ONBUILD '.repeat(10_000)}RUN x\n`);
  assert.deepEqual(codes(model), { 'onbuild-disallowed-trigger': 1 });
  // The trigger is modelled one level deep: BuildKit rejects a chain at its second ONBUILD.
  assert.equal(model.instructions[1].trigger?.keyword, 'ONBUILD');
  assert.equal(model.instructions[1].trigger?.trigger, null);
  const hover = service.hover(model, { line: 1, character: 2 }, { format: 'markdown' });
  assert.match(JSON.stringify(hover?.contents), /ONBUILD/);
  assert.deepEqual(
    service.documentSymbols(model).map((s) => s.name),
    ['stage 0'],
  );
});

test('rules that look across a RUN, a stage or the file answer each call from one pass (before: minutes here)', { timeout: 60_000 }, () => {
  const n = 20_000;
  const text = [
    'FROM debian:12',
    `RUN ${'apk add a;'.repeat(n)}true`,
    `RUN ${'apt-get update;'.repeat(n)}true`,
    `RUN ${'pip install a==1;'.repeat(n)}true`,
    'CMD a\n'.repeat(n) + 'COPY a b\n'.repeat(n),
  ].join('\n');
  assert.deepEqual(codes(text), {
    'apk-pin-versions': n,
    'apk-no-cache': n,
    'apt-lists-cleanup': n,
    'pip-no-cache-dir': n,
    MultipleInstructionsDisallowed: n - 1,
    JSONArgsRecommended: n,
    'copy-relative-destination': n,
  });
});
