/**
 * A parser fault never hides findings. dockerfile-ast 0.7.1's getHeredocs throws on an
 * instruction whose first argument sits on a continuation line written `\ x` (escape, blanks,
 * one character) or `\#...` (minimal input: "RUN \\\n\\ a\n"): its parser then also joins the
 * next line, and getHeredocs, disagreeing, meets a newline it takes for a heredoc's. The model
 * reads the heredocs as none, one `parser-fault` notice marks the instruction, and every other
 * finding stays.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DockerfileParser } from 'dockerfile-ast';
import { buildModel } from '../../server/src/service/model';
import { lint } from '../../server/src/service/diagnostics/engine';
import { lintLines, render } from './helpers-diagnostics';

/** The upstream bug, asserted on the parser itself: when it is fixed, this test says so. */
test('dockerfile-ast 0.7.1 getHeredocs throws on the minimal input', () => {
  const [run] = DockerfileParser.parse('RUN \\\n\\ a\n').getInstructions();
  assert.throws(() => (run as unknown as { getHeredocs(): unknown }).getHeredocs(), {
    name: 'TypeError',
    message: "Cannot read properties of undefined (reading 'getRange')",
  });
});

const TAIL = ['RUN apt-get install curl', 'MAINTAINER me', 'CMD echo hi'];

test('the minimal input: one parser-fault notice, every other finding as without the fault', () => {
  assert.deepEqual(lintLines(['FROM alpine', 'RUN \\', '\\ a', ...TAIL, ''].join('\n')), [
    '0:5-0:11 warning base-image-untagged Tag the base image (e.g. `alpine:<version>`): without a tag it is `latest`, whatever was pushed last.',
    "1:0-1:3 info parser-fault The heredocs of this RUN could not be read and count as none (Cannot read properties of undefined (reading 'getRange')). This is a bug in the Dockerfile parser (dockerfile-ast); the rest of the file is checked as usual.",
    '4:0-4:10 warning MaintainerDeprecated MAINTAINER is deprecated: set the org.opencontainers.image.authors label instead',
    '5:4-5:11 warning JSONArgsRecommended CMD in shell form runs under /bin/sh, which does not forward signals; use the JSON form',
  ]);
});

/**
 * Each variant against a reference: the same text with the faulty line ended by an escape, which
 * dockerfile-ast reads as the same instruction (it joins the next line either way) without
 * throwing. The lint of the two must be equal but for the notice.
 */
const VARIANTS: { name: string; text: string; faultLine: number; notice: string }[] = [
  { name: 'LF', text: ['FROM alpine', 'RUN \\', '\\ a', ...TAIL, ''].join('\n'), faultLine: 1, notice: 'heredocs of this RUN' },
  { name: 'escaped #', text: ['FROM alpine', 'RUN \\', '\\#a', ...TAIL, ''].join('\n'), faultLine: 1, notice: 'heredocs of this RUN' },
  { name: 'CRLF', text: ['FROM alpine', 'RUN \\', '\\ a', ...TAIL, ''].join('\r\n'), faultLine: 1, notice: 'heredocs of this RUN' },
  { name: 'backtick escape', text: ['# escape=`', 'FROM alpine', 'RUN `', '` a', ...TAIL, ''].join('\n'), faultLine: 2, notice: 'heredocs of this RUN' },
  { name: 'COPY', text: ['FROM alpine', 'COPY \\', '\\ a', ...TAIL, ''].join('\n'), faultLine: 1, notice: 'heredocs of this COPY' },
  { name: 'ONBUILD', text: ['FROM alpine', 'ONBUILD RUN \\', '\\ a', ...TAIL, ''].join('\n'), faultLine: 1, notice: 'trigger heredocs of this ONBUILD' },
  { name: 'at end of file', text: ['FROM alpine', ...TAIL, 'RUN \\', '\\ a', ''].join('\n'), faultLine: 4, notice: 'heredocs of this RUN' },
  { name: 'in a second stage', text: ['FROM alpine AS a', ...TAIL, 'FROM a', 'RUN \\', '\\ a', ...TAIL, ''].join('\n'), faultLine: 5, notice: 'heredocs of this RUN' },
];

for (const variant of VARIANTS) {
  test(`parser fault, ${variant.name}: the other findings are all still there`, () => {
    const { text } = variant;
    const escape = text.startsWith('# escape=`') ? '`' : '\\';
    const reference = text.replace(`\n${escape} a`, `\n${escape} a ${escape}`).replace(`\n${escape}#a`, `\n${escape}#a ${escape}`);
    assert.notEqual(reference, text);
    const faulty = lintLines(text);
    const notices = faulty.filter((line) => line.includes(' parser-fault '));
    assert.deepEqual(
      notices.map((line) => line.slice(0, line.indexOf(' could not'))),
      [`${variant.faultLine}:0-${variant.faultLine}:${variant.notice.startsWith('trigger') ? 7 : variant.notice.endsWith('COPY') ? 4 : 3} info parser-fault The ${variant.notice}`],
    );
    const expected = lintLines(reference);
    assert.ok(expected.length >= 3, `the reference has findings to lose: ${expected.join('\n')}`);
    assert.deepEqual(faulty.filter((line) => !line.includes(' parser-fault ')), expected);
  });
}

test('the faulty instruction still has its arguments and form; only its heredocs fall back', () => {
  const model = buildModel('FROM alpine\nRUN \\\n\\ a\n');
  const run = model.instructions[1];
  assert.deepEqual(
    { args: run.args.map((a) => a.value), argsText: run.argsText, form: run.form, heredocs: run.heredocs },
    { args: ['a'], argsText: 'a', form: 'shell', heredocs: [] },
  );
  assert.deepEqual(run.parserFaults(), [{ part: 'heredocs', message: "Cannot read properties of undefined (reading 'getRange')" }]);
  assert.deepEqual(model.instructions[0].parserFaults(), []);
  assert.deepEqual(model.parserFaults, []);
});

test('an edit that makes the fault and one that removes it: the incremental model follows', () => {
  const lines = ['FROM alpine'];
  for (let i = 0; i < 100; i++) lines.push(`RUN echo ${i} \\`, `  && true`);
  const clean = lines.join('\n') + '\n';
  const at = clean.indexOf('RUN echo 60');
  const broken = `${clean.slice(0, at)}RUN \\\n\\ a\n${clean.slice(at)}`;
  const first = buildModel(clean);
  const second = buildModel(broken, first);
  const third = buildModel(clean, second);
  const faults = (m: typeof first) => m.instructions.flatMap((i) => i.parserFaults().map((f) => `${i.range.start.line} ${f.part}`));
  assert.deepEqual([faults(first), faults(second), faults(third)], [[], ['121 heredocs'], []]);
  assert.deepEqual(render(lint(second)), lintLines(broken));
});
