import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { buildModel } from '../../server/src/service/model';
import { codeActions, type RuleLookup } from '../../server/src/service/codeActions';
import type { Rule } from '../../server/src/service/diagnostics/types';
import { defineRule, type RuleSpec } from '../../server/src/service/diagnostics/defineRule';
import { readSuppressions } from '../../server/src/service/diagnostics/suppression';
import { lint } from '../../server/src/service/diagnostics/engine';
import { actionEdits, applyEdits } from './helpers-edits';

const URI = 'file:///w/Dockerfile';

const DOCS = { catches: '', why: '', bad: '', good: '' };

function rule(id: string, extra: Partial<RuleSpec> = {}): Rule {
  return defineRule({ id, title: id, severity: 'warning', docs: DOCS, check: () => undefined, ...extra });
}

// Test rules: a plain one and a BuildKit check. Fixes travel in the diagnostics (see `diag`).
const RULES = new Map<string, Rule>([
  ['plain-rule', rule('plain-rule')],
  ['other-rule', rule('other-rule')],
  ['BuildkitCheck', rule('BuildkitCheck', { buildkit: { slug: 'buildkit-check' } })],
  ['fixable', rule('fixable')],
  ['broken', rule('broken')],
]);
const lookup: RuleLookup = (id) => RULES.get(id);

function range(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

function diag(code: string, r: Range, source = 'dockerfile-studio', data?: unknown): Diagnostic {
  return { range: r, message: `${code} finding`, code, source, severity: 2, ...(data === undefined ? {} : { data }) };
}

/** Every action as `title [preferred] (codes)` followed by the whole document after its edit. */
function render(text: string, diagnostics: Diagnostic[], at?: Range): string[] {
  const model = buildModel(text);
  const where = at ?? range(0, 0, model.lineCount, 0);
  return codeActions(model, diagnostics, where, URI, lookup).map((action) => {
    assert.equal(action.kind, 'quickfix');
    const codes = (action.diagnostics ?? []).map((d) => d.code).join(',');
    const flag = action.isPreferred ? ' [preferred]' : '';
    return `${action.title}${flag} (${codes})\n${applyEdits(text, actionEdits(action, URI))}`;
  });
}

test('a plain rule: ignore here above the instruction, ignore in this file at the top', () => {
  const text = 'FROM alpine\nRUN apt-get install curl\n';
  assert.deepEqual(render(text, [diag('plain-rule', range(1, 4, 1, 11))]), [
    'Ignore plain-rule here (plain-rule)\nFROM alpine\n# dockerfile-studio ignore=plain-rule\nRUN apt-get install curl\n',
    'Ignore plain-rule in this file (plain-rule)\n# dockerfile-studio ignore-file=plain-rule\nFROM alpine\nRUN apt-get install curl\n',
  ]);
});

test('fixes come first, keep their preferred flag, and a fix without edits or a malformed fix is dropped', () => {
  const text = 'FROM alpine\nrun echo hi\n';
  const fixable = {
    fixes: [
      { title: 'Upper-case it', edits: [{ range: range(1, 0, 1, 3), newText: 'RUN' }], preferred: true },
      { title: 'Delete it', edits: [{ range: range(1, 0, 1, 3), newText: '' }] },
      { title: 'Nothing to do', edits: [] },
    ],
  };
  // What a client sends back is not ours to trust: none of these is a fix.
  const broken = { fixes: [null, { title: 'No edits' }, { edits: [{ range: range(1, 4, 1, 8), newText: 'x' }] }, 'text'] };
  const diagnostics = [diag('fixable', range(1, 0, 1, 3), undefined, fixable), diag('broken', range(1, 4, 1, 8), undefined, broken)];
  assert.deepEqual(render(text, diagnostics), [
    'Upper-case it [preferred] (fixable)\nFROM alpine\nRUN echo hi\n',
    'Delete it (fixable)\nFROM alpine\n echo hi\n',
    'Ignore fixable here (fixable)\nFROM alpine\n# dockerfile-studio ignore=fixable\nrun echo hi\n',
    'Ignore fixable in this file (fixable)\n# dockerfile-studio ignore-file=fixable\nFROM alpine\nrun echo hi\n',
    'Ignore broken here (broken)\nFROM alpine\n# dockerfile-studio ignore=broken\nrun echo hi\n',
    'Ignore broken in this file (broken)\n# dockerfile-studio ignore-file=broken\nFROM alpine\nrun echo hi\n',
  ]);
});

test('an existing ignore comment directly above is extended; an id already there offers no "here" action', () => {
  const text = 'FROM alpine\n  # dockerfile-studio ignore=other-rule  \nRUN x\n# dockerfile-studio ignore=plain-rule\nRUN y\n';
  assert.deepEqual(render(text, [diag('plain-rule', range(2, 0, 2, 5)), diag('plain-rule', range(4, 0, 4, 5))]), [
    'Ignore plain-rule here (plain-rule)\nFROM alpine\n  # dockerfile-studio ignore=other-rule,plain-rule  \nRUN x\n# dockerfile-studio ignore=plain-rule\nRUN y\n',
    'Ignore plain-rule in this file (plain-rule,plain-rule)\n# dockerfile-studio ignore-file=plain-rule\nFROM alpine\n  # dockerfile-studio ignore=other-rule  \nRUN x\n# dockerfile-studio ignore=plain-rule\nRUN y\n',
  ]);
});

test('the ignore comment may sit higher in the comment block and carry a reason after the names', () => {
  const text = 'FROM alpine\n# dockerfile-studio ignore=other-rule // legacy image\n# apt is fine here\nRUN x\n\n# dockerfile-studio ignore=other-rule\n\nRUN y\n';
  assert.deepEqual(render(text, [diag('plain-rule', range(3, 0, 3, 5)), diag('plain-rule', range(7, 0, 7, 5))]).map((a) => a.split('\n').slice(0, 9).join('|')), [
    'Ignore plain-rule here (plain-rule)|FROM alpine|# dockerfile-studio ignore=other-rule,plain-rule // legacy image|# apt is fine here|RUN x||# dockerfile-studio ignore=other-rule||RUN y',
    'Ignore plain-rule in this file (plain-rule,plain-rule)|# dockerfile-studio ignore-file=plain-rule|FROM alpine|# dockerfile-studio ignore=other-rule // legacy image|# apt is fine here|RUN x||# dockerfile-studio ignore=other-rule|',
    // A blank line detaches a comment from the instruction: a new one is inserted.
    'Ignore plain-rule here (plain-rule)|FROM alpine|# dockerfile-studio ignore=other-rule // legacy image|# apt is fine here|RUN x||# dockerfile-studio ignore=other-rule||# dockerfile-studio ignore=plain-rule',
  ]);
});

test('the inserted comment keeps the instruction indentation', () => {
  const text = 'FROM alpine\n    RUN x\n';
  assert.equal(
    render(text, [diag('plain-rule', range(1, 4, 1, 9))])[0],
    'Ignore plain-rule here (plain-rule)\nFROM alpine\n    # dockerfile-studio ignore=plain-rule\n    RUN x\n',
  );
});

test('ignore in this file goes after the parser directives, which must stay the first lines', () => {
  const text = '# syntax=docker/dockerfile:1\n# escape=`\n# check=error=true\n\nFROM alpine\nRUN x\n';
  assert.equal(
    render(text, [diag('plain-rule', range(5, 0, 5, 5))])[1],
    'Ignore plain-rule in this file (plain-rule)\n# syntax=docker/dockerfile:1\n# escape=`\n# check=error=true\n# dockerfile-studio ignore-file=plain-rule\n\nFROM alpine\nRUN x\n',
  );
  const model = buildModel(applyEdits(text, actionEdits(codeActions(buildModel(text), [diag('plain-rule', range(5, 0, 5, 5))], range(5, 0, 5, 0), URI, lookup)[1], URI)));
  assert.deepEqual(
    model.directives.map((d) => `${d.name}=${d.value}`),
    ['syntax=docker/dockerfile:1', 'escape=`', 'check=error=true'],
  );
});

test('ignore in this file extends an existing ignore-file comment, wherever it is', () => {
  const text = '# syntax=docker/dockerfile:1\n# a comment\n# dockerfile-studio ignore-file=other-rule\nFROM alpine\n';
  assert.deepEqual(render(text, [diag('plain-rule', range(3, 0, 3, 11))]), [
    'Ignore plain-rule here (plain-rule)\n# syntax=docker/dockerfile:1\n# a comment\n# dockerfile-studio ignore-file=other-rule\n# dockerfile-studio ignore=plain-rule\nFROM alpine\n',
    'Ignore plain-rule in this file (plain-rule)\n# syntax=docker/dockerfile:1\n# a comment\n# dockerfile-studio ignore-file=other-rule,plain-rule\nFROM alpine\n',
  ]);
  // Already ignored file-wide: nothing to add.
  assert.deepEqual(render(text, [diag('other-rule', range(3, 0, 3, 11))]).map((a) => a.split('\n')[0]), [
    'Ignore other-rule here (other-rule)',
  ]);
});

test('a file of directives only: the comment goes on a new last line', () => {
  const text = '# syntax=docker/dockerfile:1\n# check=error=true';
  assert.deepEqual(render(text, [diag('plain-rule', range(1, 2, 1, 7))]), [
    'Ignore plain-rule in this file (plain-rule)\n# syntax=docker/dockerfile:1\n# check=error=true\n# dockerfile-studio ignore-file=plain-rule',
  ]);
});

test('a BuildKit check: ignore in this file creates # check=skip= at the top', () => {
  const text = '# syntax=docker/dockerfile:1\nFROM alpine AS Build\n';
  assert.deepEqual(render(text, [diag('BuildkitCheck', range(1, 15, 1, 20))]), [
    'Ignore BuildkitCheck here (BuildkitCheck)\n# syntax=docker/dockerfile:1\n# dockerfile-studio ignore=BuildkitCheck\nFROM alpine AS Build\n',
    'Ignore BuildkitCheck in this file (BuildkitCheck)\n# check=skip=BuildkitCheck\n# syntax=docker/dockerfile:1\nFROM alpine AS Build\n',
  ]);
});

test('a BuildKit check: an existing # check= directive is extended, its other parts kept', () => {
  const cases: [string, string | null][] = [
    ['# check=skip=A', '# check=skip=A,BuildkitCheck'],
    ['#check = skip = A , B ; error=true', '#check = skip = A , B,BuildkitCheck ; error=true'],
    ['# check=error=true;skip=A', '# check=error=true;skip=A,BuildkitCheck'],
    ['# check=error=true', '# check=error=true;skip=BuildkitCheck'],
    ['# check=error=true;', '# check=error=true;skip=BuildkitCheck'],
    ['# check=', '# check=skip=BuildkitCheck'],
    ['# check=skip=all', null],
    ['# check=skip=buildkitcheck;error=true', null],
  ];
  for (const [directive, expected] of cases) {
    const text = `${directive}\nFROM alpine AS Build\n`;
    const titles = render(text, [diag('BuildkitCheck', range(1, 15, 1, 20))]);
    const fileAction = titles.find((a) => a.startsWith('Ignore BuildkitCheck in this file'));
    assert.equal(fileAction?.split('\n')[1] ?? null, expected, directive);
  }
});

test('CRLF documents get CRLF lines, and extended comments keep their line break', () => {
  const text = '# syntax=docker/dockerfile:1\r\nFROM alpine\r\n# dockerfile-studio ignore=other-rule\r\nRUN x\r\nRUN y\r\n';
  assert.deepEqual(render(text, [diag('plain-rule', range(3, 0, 3, 5)), diag('plain-rule', range(4, 0, 4, 5))]), [
    'Ignore plain-rule here (plain-rule)\n# syntax=docker/dockerfile:1\r\nFROM alpine\r\n# dockerfile-studio ignore=other-rule,plain-rule\r\nRUN x\r\nRUN y\r\n',
    'Ignore plain-rule in this file (plain-rule,plain-rule)\n# syntax=docker/dockerfile:1\r\n# dockerfile-studio ignore-file=plain-rule\r\nFROM alpine\r\n# dockerfile-studio ignore=other-rule\r\nRUN x\r\nRUN y\r\n',
    'Ignore plain-rule here (plain-rule)\n# syntax=docker/dockerfile:1\r\nFROM alpine\r\n# dockerfile-studio ignore=other-rule\r\nRUN x\r\n# dockerfile-studio ignore=plain-rule\r\nRUN y\r\n',
  ]);
  const bk = render('FROM alpine AS Build\r\n', [diag('BuildkitCheck', range(0, 15, 0, 20))]);
  assert.equal(bk[1], 'Ignore BuildkitCheck in this file (BuildkitCheck)\n# check=skip=BuildkitCheck\r\nFROM alpine AS Build\r\n');
});

for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n'], ['CR only', '\r']] as const) {
  test(`${name} line breaks: the real quick fixes appear and each edited document is whole`, () => {
    const text = ['FROM alpine:3.20', '# dockerfile-studio ignore=other-rule', 'MAINTAINER me', 'RUN x', ''].join(eol);
    const model = buildModel(text);
    const diagnostics = lint(model).filter((d) => d.code === 'MaintainerDeprecated');
    assert.equal(diagnostics.length, 1);
    const actions = codeActions(model, diagnostics, range(2, 0, 2, 0), URI);
    const lines = (...all: string[]) => all.join(eol);
    assert.deepEqual(
      actions.map((action) => `${action.title}\n${applyEdits(text, actionEdits(action, URI))}`),
      [
        `Replace with LABEL org.opencontainers.image.authors\n${lines('FROM alpine:3.20', '# dockerfile-studio ignore=other-rule', 'LABEL org.opencontainers.image.authors="me"', 'RUN x', '')}`,
        `Ignore MaintainerDeprecated here\n${lines('FROM alpine:3.20', '# dockerfile-studio ignore=other-rule,MaintainerDeprecated', 'MAINTAINER me', 'RUN x', '')}`,
        `Ignore MaintainerDeprecated in this file\n${lines('# check=skip=MaintainerDeprecated', 'FROM alpine:3.20', '# dockerfile-studio ignore=other-rule', 'MAINTAINER me', 'RUN x', '')}`,
      ],
    );
    // A new comment line takes the document's own line break.
    assert.deepEqual(
      render(lines('FROM alpine', 'RUN x', 'RUN y'), [diag('plain-rule', range(2, 0, 2, 5))]).map((r) => r.split('\n').slice(1).join('\n')),
      [lines('FROM alpine', 'RUN x', '# dockerfile-studio ignore=plain-rule', 'RUN y'), lines('# dockerfile-studio ignore-file=plain-rule', 'FROM alpine', 'RUN x', 'RUN y')],
    );
  });
}

test('with the backtick escape, a finding on a continuation line is ignored above the instruction', () => {
  const text = '# escape=`\nFROM alpine\nRUN echo a `\n    && echo b\n';
  assert.deepEqual(render(text, [diag('plain-rule', range(3, 7, 3, 11))]), [
    'Ignore plain-rule here (plain-rule)\n# escape=`\nFROM alpine\n# dockerfile-studio ignore=plain-rule\nRUN echo a `\n    && echo b\n',
    'Ignore plain-rule in this file (plain-rule)\n# escape=`\n# dockerfile-studio ignore-file=plain-rule\nFROM alpine\nRUN echo a `\n    && echo b\n',
  ]);
});

test('inside ONBUILD, the comment goes above the ONBUILD', () => {
  const text = 'FROM alpine\nONBUILD RUN apt-get install x\n';
  assert.equal(
    render(text, [diag('plain-rule', range(1, 8, 1, 11))])[0],
    'Ignore plain-rule here (plain-rule)\nFROM alpine\n# dockerfile-studio ignore=plain-rule\nONBUILD RUN apt-get install x\n',
  );
});

test('a first-line instruction and a finding outside any instruction', () => {
  const text = 'RUN x\nFROM alpine\n';
  assert.equal(render(text, [diag('plain-rule', range(0, 0, 0, 3))])[0], 'Ignore plain-rule here (plain-rule)\n# dockerfile-studio ignore=plain-rule\nRUN x\nFROM alpine\n');
  // A finding on a directive has no instruction to ignore it on; only the file-wide action.
  assert.deepEqual(render('# check=skip=nope\nFROM alpine\n', [diag('plain-rule', range(0, 0, 0, 17))]).map((a) => a.split('\n')[0]), [
    'Ignore plain-rule in this file (plain-rule)',
  ]);
});

test('only our diagnostics, and only those touching the range', () => {
  const text = 'FROM alpine\nRUN x\nRUN y\n';
  const diagnostics = [
    diag('plain-rule', range(1, 0, 1, 5), 'hadolint'),
    { ...diag('plain-rule', range(1, 0, 1, 5)), code: 3 },
    diag('plain-rule', range(2, 0, 2, 5)),
    diag('other-rule', range(1, 0, 1, 5)),
  ];
  assert.deepEqual(render(text, diagnostics, range(1, 5, 1, 5)).map((a) => a.split('\n')[0]), [
    'Ignore other-rule here (other-rule)',
    'Ignore other-rule in this file (other-rule)',
  ]);
});

test('a diagnostic whose code is no rule (rule-crashed) gets no actions', () => {
  assert.deepEqual(render('FROM alpine\n', [diag('rule-crashed', range(0, 0, 0, 0))]), []);
});

test('an empty document and a BOM', () => {
  assert.deepEqual(render('', [diag('plain-rule', range(0, 0, 0, 0))]), ['Ignore plain-rule in this file (plain-rule)\n# dockerfile-studio ignore-file=plain-rule\n']);
  assert.equal(
    render('\uFEFFFROM alpine AS Build\n', [diag('BuildkitCheck', range(0, 16, 0, 21))])[1],
    'Ignore BuildkitCheck in this file (BuildkitCheck)\n\uFEFF# check=skip=BuildkitCheck\nFROM alpine AS Build\n',
  );
});

test('round trip: the engine reads the inserted comments as silencing the rule', () => {
  const texts = [
    'FROM alpine\nRUN x\n',
    '# syntax=docker/dockerfile:1\r\n# escape=`\r\nFROM alpine\r\nRUN echo `\r\n  b\r\n',
    'FROM alpine\n# dockerfile-studio ignore=other-rule // why\nONBUILD RUN x\n',
    '# dockerfile-studio ignore-file=other-rule\nFROM alpine\n  RUN x\n',
  ];
  const plain = RULES.get('plain-rule') as Rule;
  for (const text of texts) {
    const model = buildModel(text);
    const last = model.instructions[model.instructions.length - 1];
    const actions = codeActions(model, [diag('plain-rule', last.keywordRange)], last.range, URI, lookup);
    assert.deepEqual(actions.map((a) => a.title), ['Ignore plain-rule here', 'Ignore plain-rule in this file'], text);
    const here = buildModel(applyEdits(text, actionEdits(actions[0], URI)));
    const hereLast = here.instructions[here.instructions.length - 1];
    assert.equal(readSuppressions(here).silencedAt(plain, hereLast.range.start.line), true, text);
    assert.equal(readSuppressions(buildModel(applyEdits(text, actionEdits(actions[1], URI)))).silencedInFile(plain), true, text);
  }
});

test('with the real registry: each ignore action silences its diagnostic when the document is linted again', () => {
  const text = [
    '# syntax=docker/dockerfile:1',
    'FROM alpine AS Build',
    'ENV a b',
    'RUNN echo hi',
    'ONBUILD RUN apt-get install curl',
    'RUN apt-get update && apt-get install -y curl | tee /log',
    'MAINTAINER me',
    'CMD echo hi',
    '',
  ].join('\n');
  const diagnostics = lint(buildModel(text));
  assert.ok(diagnostics.length >= 5, `expected several findings, got ${diagnostics.map((d) => d.code).join(' ')}`);
  const problems: string[] = [];
  for (const diagnostic of diagnostics) {
    const key = (d: Diagnostic) => `${d.code}@${d.range.start.line}:${d.range.start.character}`;
    for (const action of codeActions(buildModel(text), [diagnostic], diagnostic.range, URI)) {
      const after = applyEdits(text, actionEdits(action, URI));
      const relinted = lint(buildModel(after));
      const ignoreHere = action.title.endsWith(' here');
      const ignoreFile = action.title.endsWith(' in this file');
      if (ignoreFile && relinted.some((d) => d.code === diagnostic.code)) problems.push(`${action.title}: ${diagnostic.code} still reported`);
      // The inserted comment shifts the instruction one line down.
      const moved = { ...diagnostic, range: { start: { ...diagnostic.range.start, line: diagnostic.range.start.line + 1 }, end: diagnostic.range.end } };
      if (ignoreHere && relinted.some((d) => key(d) === key(moved))) problems.push(`${action.title}: ${key(diagnostic)} still reported`);
      if (!ignoreHere && !ignoreFile && relinted.some((d) => key(d) === key(diagnostic) && d.message === diagnostic.message)) {
        problems.push(`fix "${action.title}" left ${key(diagnostic)}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
