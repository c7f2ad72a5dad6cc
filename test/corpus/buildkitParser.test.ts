/**
 * Conformance of the model with BuildKit's own parser tests (../shared/corpus/buildkit-parser):
 * the golden AST dumps, line numbers, heredocs, continuation joining, and the shell lexer's
 * variable-expansion table. Each test asserts the exact set of cases that agree today, so an
 * improvement shows up as a failing test to update and a regression as a failing test to fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../server/src/service/model';
import { expandWord } from '../../server/src/service/model/expand';
import { dumpModel } from './buildkitDump';

const CORPUS = join(process.cwd(), '..', 'shared', 'corpus', 'buildkit-parser');
const skip = existsSync(CORPUS) ? false : `corpus not found at ${CORPUS}`;
const read = (path: string) => readFileSync(join(CORPUS, path), 'utf8');
const json = <T>(path: string): T => JSON.parse(read(path)) as T;

interface IndexCase {
  name: string;
  dockerfile: string;
  expected_ast?: string;
  expect: string;
}

/** Cases whose dump differs, and why (see the report in the commit that set this list). */
const KNOWN_DIFFERENT: Record<string, string> = {
  // BuildKit reads `--flag` words on every instruction (and rejects them later); the model
  // reads flags only where BuildKit accepts them (FROM RUN COPY ADD HEALTHCHECK).
  flags: 'CMD --doit: flags on CMD',
};

test('BuildKit parser golden dumps', { skip }, () => {
  const cases = json<{ cases: IndexCase[] }>('index.json').cases.filter((c) => c.expected_ast);
  const matching: string[] = [];
  const report: string[] = [];
  for (const c of cases) {
    const actual = dumpModel(buildModel(read(c.dockerfile)));
    const expected = read(c.expected_ast!);
    if (actual === expected) {
      matching.push(c.name);
      continue;
    }
    const a = actual.split('\n');
    const e = expected.split('\n');
    const lines = e.flatMap((line, i) => (line === a[i] ? [] : [`  - ${line}`, `  + ${a[i] ?? '(missing)'}`]));
    report.push(`${c.name}:\n${lines.slice(0, 6).join('\n')}`);
  }
  console.log(`buildkit parser conformance: ${matching.length}/${cases.length}`);
  if (report.length > 0) console.log(report.join('\n'));
  const expectedMatching = cases.map((c) => c.name).filter((n) => !(n in KNOWN_DIFFERENT));
  assert.deepEqual(matching, expectedMatching);
});

test('instruction line ranges agree with BuildKit (TestParseIncludesLineNumbers)', { skip }, () => {
  const model = buildModel(read('testfile-line/Dockerfile'));
  // BuildKit's lines are 1-based; a node ends on the last line BuildKit read for it.
  assert.deepEqual(
    model.instructions.map((i) => [i.range.start.line + 1, i.range.end.line + 1]),
    [
      [5, 5],
      [11, 12],
      [17, 31],
    ],
  );
});

interface HeredocExpectation {
  name: string;
  content: string;
  expand: boolean;
  chomp: boolean;
  file_descriptor: number;
}

interface InlineCase {
  name: string;
  dockerfile?: string;
  expected_children_heredocs?: { child_index: number; heredocs: HeredocExpectation[] | null }[];
  cases?: { line: string; heredoc_names: string[] | null }[];
}

const inline = (name: string): InlineCase => {
  const found = json<{ cases: InlineCase[] }>('inline-cases.json').cases.find((c) => c.name === name);
  assert.ok(found, `inline case ${name}`);
  return found;
};

/** Children whose heredocs differ from BuildKit's, and why. */
const HEREDOC_DIFFERENT: Record<number, string> = {
  6: 'RUN 3<<EMPTY2: dockerfile-ast does not read a file-descriptor prefix',
  21: "RUN <<eo'f': dockerfile-ast does not remove partial quotes, so the body never ends",
  23: "RUN <<'e'o\\'f: mixed quoting not read",
  24: "RUN <<'one two': a quoted name with a space not read",
  26: 'RUN <<  EOF: BuildKit allows blanks after <<; dockerfile-ast reads an empty name',
  27: 'RUN <<  EOF  > foo: as above',
};

/**
 * The heredoc cases are read one block at a time (blocks are separated by blank lines), so one
 * misread block cannot shift the comparison of the others. BuildKit's children are the blocks'
 * instructions in order; `USER <<INVALID` / `INVALID` is two children, as USER takes no heredoc.
 */
test('heredocs agree with BuildKit (TestParseExtractsHeredoc)', { skip }, () => {
  const c = inline('TestParseExtractsHeredoc');
  const blocks = c.dockerfile!.trim().split(/\n\n+/);
  const children = blocks.flatMap((block, b) => (block.startsWith('USER <<') ? [[b, 0], [b, 1]] : [[b, 0]]));
  const whole = buildModel(c.dockerfile!);
  console.log(`buildkit heredoc file: ${whole.instructions.length} instructions (BuildKit: ${children.length})`);
  const differing: Record<number, string> = {};
  for (const { child_index: index, heredocs } of c.expected_children_heredocs!) {
    const [block, k] = children[index];
    const model = buildModel(`FROM alpine\n${blocks[block]}\n`);
    const instruction = model.instructions[1 + k];
    // The model does not carry the file descriptor (`3<<EOF`); everything else is compared.
    const actual = instruction.heredocs.map((h) => ({ name: h.name, content: h.content, expand: !h.quoted, chomp: h.stripTabs }));
    const expected = (heredocs ?? []).map(({ name, content, expand, chomp }) => ({ name, content, expand, chomp }));
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      differing[index] = `${JSON.stringify(blocks[block].split('\n')[k])}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`;
    }
  }
  const total = c.expected_children_heredocs!.length;
  console.log(`buildkit heredoc conformance: ${total - Object.keys(differing).length}/${total}`);
  for (const [index, why] of Object.entries(differing)) console.log(`  child ${index}: ${why}`);
  assert.deepEqual(Object.keys(differing).map(Number), Object.keys(HEREDOC_DIFFERENT).map(Number));
});

test('JSON form never starts a heredoc (TestParseJSONHeredoc)', { skip }, () => {
  const model = buildModel(inline('TestParseJSONHeredoc').dockerfile!);
  assert.deepEqual(
    model.instructions.slice(1).map((i) => [i.form, i.heredocs.length]),
    [
      ['exec', 0],
      ['exec', 0],
      ['exec', 0],
    ],
  );
});

test('heredoc markers on a line (TestHeredocsFromLine)', { skip }, () => {
  const rows = inline('TestHeredocsFromLine').cases!.map(({ line, heredoc_names: names }) => {
    const text = `FROM scratch\n${line}\n${(names ?? []).map((n) => `${n}\n`).join('')}`;
    const actual = buildModel(text).instructions[1].heredocs.map((h) => h.name).filter((n) => n !== '');
    return `${line} -> ${actual.length ? actual.join(',') : 'none'} (BuildKit: ${names ? names.join(',') : 'none'})`;
  });
  const differing = rows.filter((r) => {
    const [, ours, theirs] = /-> (.*) \(BuildKit: (.*)\)$/.exec(r)!;
    return ours !== theirs;
  });
  console.log(`buildkit heredoc-marker conformance: ${rows.length - differing.length}/${rows.length}`);
  for (const row of differing) console.log(`  ${row}`);
  assert.deepEqual(differing, KNOWN_MARKER_DIFFERENCES);
});

/** Marker lines we read differently from BuildKit. */
const KNOWN_MARKER_DIFFERENCES: string[] = [
  'RUN <<- EOF -> none (BuildKit: EOF)',
  'RUN << -EOF -> none (BuildKit: -EOF)',
  'RUN 4<<EOF -> none (BuildKit: EOF)',
];

test('continuation lines join as BuildKit joins them (TestParseWarnsOnEmptyContinutationLine)', { skip }, () => {
  const model = buildModel(inline('TestParseWarnsOnEmptyContinutationLine').dockerfile!);
  // BuildKit's warnings quote the joined line: "RUN something     following     more".
  assert.deepEqual(
    model.instructions.map((i) => `${i.keyword} ${i.argsText}`),
    [
      'FROM alpine:3.6',
      'RUN valid     continuation',
      'RUN something     following     more',
      'RUN another     thing',
      'RUN non-indented    after-comment',
      'RUN indented     comment',
    ],
  );
});

/** BuildKit's envVarTest rows (Unix): `input | expected`, expected `error` when the lexer fails. */
function envVarRows(): { line: number; input: string; expected: string }[] {
  return read('shell/envVarTest')
    .split('\n')
    .flatMap((raw, i) => {
      if (raw.startsWith('#') || raw.trim() === '') return [];
      const [platform, input, expected] = raw.trim().split('|').map((s) => s.trim());
      return platform === 'A' || platform === 'U' ? [{ line: i + 1, input, expected }] : [];
    });
}

/** envVarTest lines where expandWord gives another result than BuildKit (by line number). */
const ENV_VAR_DIFFERENT: number[] = [];

test('variable expansion agrees with BuildKit (shell/envVarTest)', { skip }, () => {
  const env: Record<string, string> = { PWD: '/home', SHELL: 'bash', KOREAN: '한국어', NULL: '' };
  const lookup = (name: string) => (Object.hasOwn(env, name) ? env[name] : undefined);
  const rows = envVarRows();
  const differing: string[] = [];
  let errorRows = 0;
  for (const row of rows) {
    // expandWord never fails: it is used for hovers, where a best-effort value beats none.
    if (row.expected === 'error') {
      errorRows++;
      continue;
    }
    const actual = expandWord(row.input, '\\', lookup);
    if (actual !== row.expected) differing.push(`${row.line}: ${row.input} -> ${JSON.stringify(actual)} (BuildKit: ${JSON.stringify(row.expected)})`);
  }
  const valueRows = rows.length - errorRows;
  console.log(`buildkit envVarTest: ${valueRows - differing.length}/${valueRows} value rows agree (${errorRows} error rows not applicable)`);
  for (const row of differing) console.log(`  ${row}`);
  assert.deepEqual(
    differing.map((d) => Number(d.split(':')[0])),
    ENV_VAR_DIFFERENT,
  );
});
