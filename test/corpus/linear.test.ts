/**
 * Hostile inputs that took super-linear time (issue 9), one test each. Each asserts the right
 * answer on an input large enough that the old code ran for minutes or hours (backtracking
 * wildcards) or seconds (quadratic regexes); the generous timeout is the only limit, and
 * nothing is timed. `npm run bench -- --metric hostile` times the same inputs in the server.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDockerfileService } from '../../server/src/service';
import { ignoreMatcher } from '../../server/src/cli/glob';

const service = createDockerfileService();
const SLOW = { timeout: 60_000 };
/** Seven wildcards against a run of `a`s that never ends in `b`: a backtracking matcher tries every split. */
const HOSTILE_PATTERN = '*a*a*a*a*a*a*b';
const RUN = 'a'.repeat(200);

/** The value of the last definition of `name`. */
function valueOf(text: string, name: string): string | null {
  return service.parse(text).definitions.filter((d) => d.name === name).at(-1)?.value ?? null;
}

for (const [op, expected] of [
  ['%%', RUN],
  ['%', RUN],
  ['##', RUN],
  ['#', RUN],
  [`/${HOSTILE_PATTERN}/x`, RUN],
  [`//${HOSTILE_PATTERN}/x`, RUN],
  ['%%*a', ''],
  ['%a*a', RUN.slice(0, -2)],
  ['##a*a*a*a*a*a*a', ''],
  ['#*a*a*a*a*a*a*a', RUN.slice(7)],
  ['//?/x', 'x'.repeat(200)],
] as const) {
  const modifier = op.startsWith('/') || op.length > 2 ? op : `${op}${HOSTILE_PATTERN}`;
  test(`\${A${modifier}} over 200 a's is evaluated`, SLOW, () => {
    assert.equal(valueOf(`ARG A=${RUN}\nARG B=\${A${modifier}}\nFROM alpine\n`, 'B'), expected);
  });
}

test('a modifier over a 100,000-character value stays as written (past the cap)', SLOW, () => {
  assert.equal(valueOf(`ARG A=${'a'.repeat(100_000)}\nARG B=x\${A%%${HOSTILE_PATTERN}}\nFROM alpine\n`, 'B'), `x\${A%%${HOSTILE_PATTERN}}`);
});

test('.dockerignore with a hostile pattern against a long COPY source', SLOW, () => {
  const lint = (source: string, dockerignore: string) =>
    service.lint(service.parse(`FROM alpine\nCOPY ${source} /x\n`), { dockerignore }).filter((d) => d.code === 'CopyIgnoredFile').length;
  assert.equal(lint(RUN, `${HOSTILE_PATTERN}\n`), 0);
  assert.equal(lint(`${RUN}b`, `${HOSTILE_PATTERN}\n`), 1);
  // A deep path: each parent folder is checked in the same single pass.
  assert.equal(lint(`${'a/'.repeat(2000)}ab`, `${HOSTILE_PATTERN}\n**/a*b\n`), 1);
  assert.equal(lint(`${'a/'.repeat(2000)}ab`, `${HOSTILE_PATTERN}\n**/a*a\n`), 0);
  // Past PATH_MAX no file can have that name: not reported, and answered at once.
  assert.equal(lint('a'.repeat(400_000), '*\n'), 0);
});

test('config ignore globs with a hostile pattern against a long folder name', SLOW, () => {
  const ignored = ignoreMatcher([HOSTILE_PATTERN, '**/*a*a*a*a*a*a*c/**']);
  assert.equal(ignored(`${RUN}/Dockerfile`), false);
  assert.equal(ignored(`x/${RUN}b/Dockerfile`), true);
  assert.equal(ignored(`${RUN}c/y/Dockerfile`), true);
  assert.equal(ignoreMatcher([`${'/'.repeat(100_000)}x`])('x/Dockerfile'), true);
});

test('completion at the end of a 400 KB COPY line that ends in a space', SLOW, () => {
  const text = `FROM alpine\nCOPY ${'a'.repeat(400_000)} `;
  const items = service.complete(service.parse(text), { line: 1, character: 400_006 }, { snippets: true, format: 'markdown' } as never);
  assert.ok(items.every((i) => typeof i.label === 'string'));
  assert.deepEqual(
    items.map((i) => i.label),
    service.complete(service.parse('FROM alpine\nCOPY a '), { line: 1, character: 7 }, { snippets: true, format: 'markdown' } as never).map((i) => i.label),
  );
});

test('a directive line with 100,000 spaces inside its value', SLOW, () => {
  const model = service.parse(`# escape=\`${' '.repeat(100_000)}x\nFROM alpine\n`);
  assert.deepEqual(model.directives.map((d) => [d.name, d.value.length]), [['escape', 100_002]]);
  assert.equal(service.parse(`# syntax=a${' '.repeat(100_000)}\nFROM alpine\n`).directives[0].value, 'a');
});

test('a file of one line of 400,000 `#` and no line break (dockerfile-ast rescans it from every `#`)', SLOW, () => {
  for (const text of ['#'.repeat(400_000), `# ${'#'.repeat(400_000)}`, `#a=${'#'.repeat(400_000)}`]) {
    const model = service.parse(text);
    assert.equal(model.text, text);
    assert.deepEqual([model.lineCount, model.instructions.length], [1, 0]);
    // A comment-only file: BuildKit's "file with no instructions" error, on its last line.
    assert.deepEqual(service.lint(model).map((d) => [d.code, d.range.start.line]), [['no-from', 0]]);
  }
  // A real directive on such a line keeps its value.
  assert.deepEqual(service.parse('# escape=`').directives.map((d) => [d.name, d.value]), [['escape', '`']]);
});

test('the step plan on a line with 100,000 trailing spaces before a word and before a continuation', SLOW, () => {
  const plan = service.buildPlan(service.parse(`FROM alpine\nRUN x${' '.repeat(100_000)}y\nRUN a \\${' '.repeat(100_000)}\n  b\n`), null);
  assert.deepEqual(plan.steps.map((s) => [s.keyword, s.line, s.endLine, s.text.length]), [['FROM', 0, 0, 11], ['RUN', 1, 1, 100_006], ['RUN', 2, 3, 9]]);
  assert.equal(plan.steps[2].text, 'RUN a   b', 'the spaces after the escape go, those before it and the indent stay');
});

test('audited rule regexes on runs of one character', SLOW, () => {
  const slashes = '/'.repeat(100_000);
  const text = [
    'FROM alpine',
    `RUN cd /x${slashes}y && make`,
    `RUN useradd -${'a'.repeat(100_000)}1 u`,
    `HEALTHCHECK --interval=${'1'.repeat(100_000)}x CMD true`,
    `RUN pip install git+https://h/${'@'.repeat(100_000)}/x`,
    `FROM ${'a'.repeat(10)}/B${':'.repeat(100_000)}/`,
  ].join('\n');
  const findings = service.lint(service.parse(text)).map((d) => `${d.range.start.line} ${String(d.code)}`);
  assert.deepEqual(findings, ['0 base-image-untagged', '3 invalid-flag-value', '4 pip-pin-versions', '5 invalid-image-reference', '5 base-image-untagged']);
});
