import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { escapedJson, formatGithub, formatJson, formatText, summary, toFindings } from '../../server/src/cli/format';
import { artifactUri, formatSarif } from '../../server/src/cli/sarif';
import type { Rule } from '../../server/src/service/diagnostics/types';
import { defineRule } from '../../server/src/service/diagnostics/defineRule';
import { renderRuleDocs } from '../../server/src/service/diagnostics/ruleDocs';

const diagnostics: Diagnostic[] = [
  {
    range: { start: { line: 0, character: 12 }, end: { line: 0, character: 17 } },
    severity: 2,
    code: 'StageNameCasing',
    codeDescription: { href: 'https://docs.docker.com/go/dockerfile/rule/stage-name-casing/' },
    source: 'dockerfile-studio',
    message: 'Stage name "Build" should be lowercase',
  },
  {
    range: { start: { line: 3, character: 0 }, end: { line: 4, character: 2 } },
    severity: 1,
    code: 'unknown-instruction',
    source: 'dockerfile-studio',
    message: 'Unknown instruction: RUNN, 100%\nsecond line: a,b',
  },
  { range: { start: { line: 5, character: 1 }, end: { line: 5, character: 1 } }, severity: 3, code: 'x', message: 'm' },
  { range: { start: { line: 6, character: 1 }, end: { line: 6, character: 3 } }, severity: 4, code: 'y', message: 'h' },
];
const findings = toFindings('dir one/Dockerfile', diagnostics);

test('text: path:line:col severity rule message, 1-based, one line per finding', () => {
  assert.equal(
    formatText(findings),
    'dir one/Dockerfile:1:13 warning StageNameCasing Stage name "Build" should be lowercase\n' +
      'dir one/Dockerfile:4:1 error unknown-instruction Unknown instruction: RUNN, 100% second line: a,b\n' +
      'dir one/Dockerfile:6:2 info x m\n' +
      'dir one/Dockerfile:7:2 hint y h\n',
  );
});

test('json: an array of findings with fixed keys', () => {
  assert.deepEqual(JSON.parse(formatJson(findings.slice(0, 2))), [
    {
      file: 'dir one/Dockerfile',
      line: 1,
      column: 13,
      endLine: 1,
      endColumn: 18,
      severity: 'warning',
      rule: 'StageNameCasing',
      message: 'Stage name "Build" should be lowercase',
      url: 'https://docs.docker.com/go/dockerfile/rule/stage-name-casing/',
    },
    {
      file: 'dir one/Dockerfile',
      line: 4,
      column: 1,
      endLine: 5,
      endColumn: 3,
      severity: 'error',
      rule: 'unknown-instruction',
      message: 'Unknown instruction: RUNN, 100%\nsecond line: a,b',
      url: '',
    },
  ]);
  assert.equal(formatJson([]), '[]\n');
});

test('github: workflow commands with the toolkit escaping', () => {
  const hostile = toFindings('a,b:c%.Dockerfile', diagnostics.slice(1, 2));
  assert.equal(
    formatGithub([...findings, ...hostile]),
    '::warning file=dir one/Dockerfile,line=1,col=13,title=StageNameCasing::Stage name "Build" should be lowercase\n' +
      '::error file=dir one/Dockerfile,line=4,col=1,title=unknown-instruction::Unknown instruction: RUNN, 100%25%0Asecond line: a,b\n' +
      '::notice file=dir one/Dockerfile,line=6,col=2,title=x::m\n' +
      '::notice file=dir one/Dockerfile,line=7,col=2,title=y::h\n' +
      '::error file=a%2Cb%3Ac%25.Dockerfile,line=4,col=1,title=unknown-instruction::Unknown instruction: RUNN, 100%25%0Asecond line: a,b\n',
  );
});

test('summary line', () => {
  assert.equal(summary([], 3), 'no problems in 3 files');
  assert.equal(summary(findings, 1), '4 problems (1 error, 1 warning, 1 info, 1 hint) in 1 file');
  assert.equal(summary(findings.slice(0, 1), 2), '1 problem (1 warning) in 2 files');
});

test('sarif: rules from the registry, results with ruleId, level and locations', () => {
  const docs = { catches: 'Catches `this`.', why: 'Why.', bad: 'FROM a AS B', good: 'FROM a AS b' };
  const rules: Rule[] = [
    defineRule({
      id: 'StageNameCasing',
      title: 'Stage names should be lowercase',
      severity: 'warning',
      docs,
      buildkit: { slug: 'stage-name-casing' },
      check: () => undefined,
    }),
    defineRule({ id: 'apt-pin', title: 'Pin versions', severity: 'off', docs, url: 'u', hadolint: ['DL3008'], check: () => undefined }),
  ];
  assert.deepEqual(JSON.parse(formatSarif(findings.slice(0, 2), rules, '1.2.3')), {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dockerfile-studio',
            version: '1.2.3',
            rules: [
              {
                id: 'StageNameCasing',
                shortDescription: { text: 'Stage names should be lowercase' },
                fullDescription: { text: 'Stage names should be lowercase' },
                // The explain page, rendered by the one renderer of rule docs.
                help: { text: renderRuleDocs(rules[0], 'plaintext'), markdown: renderRuleDocs(rules[0], 'markdown') },
                helpUri: 'https://docs.docker.com/go/dockerfile/rule/stage-name-casing/',
                defaultConfiguration: { level: 'warning', enabled: true },
                properties: { tags: ['buildkit'] },
              },
              {
                id: 'apt-pin',
                shortDescription: { text: 'Pin versions' },
                fullDescription: { text: 'Pin versions' },
                help: { text: renderRuleDocs(rules[1], 'plaintext'), markdown: renderRuleDocs(rules[1], 'markdown') },
                helpUri: 'u',
                defaultConfiguration: { level: 'none', enabled: false },
                properties: { tags: ['dockerfile', 'DL3008'] },
              },
            ],
          },
        },
        results: [
          {
            ruleId: 'StageNameCasing',
            ruleIndex: 0,
            level: 'warning',
            message: { text: 'Stage name "Build" should be lowercase' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'dir%20one/Dockerfile' },
                  region: { startLine: 1, startColumn: 13, endLine: 1, endColumn: 18 },
                },
              },
            ],
          },
          {
            ruleId: 'unknown-instruction',
            level: 'error',
            message: { text: 'Unknown instruction: RUNN, 100%\nsecond line: a,b' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'dir%20one/Dockerfile' },
                  region: { startLine: 4, startColumn: 1, endLine: 5, endColumn: 3 },
                },
              },
            ],
          },
        ],
      },
    ],
  });
});

test('sarif artifact URIs: relative stays relative, absolute becomes file://, odd characters are encoded', () => {
  assert.equal(artifactUri('./a b/Dockerfile'), 'a%20b/Dockerfile');
  assert.equal(artifactUri('/tmp/x/$(id)/"q"/Dockerfile'), 'file:///tmp/x/%24(id)/%22q%22/Dockerfile');
  assert.equal(artifactUri('C:\\work\\Dockerfile'), 'file:///C:/work/Dockerfile');
  assert.equal(artifactUri('dé/Dockerfile'), 'd%C3%A9/Dockerfile');
});

// A file name and a message as a hostile repository could make them: an OSC 8 hyperlink, a colour,
// a bell, a carriage return that would rewrite the line, a Trojan Source override, a C1 CSI.
const HOSTILE_FILE = 'x\u001b]8;;https://evil.example\u0007y\u001b]8;;\u0007/\u202egnp.Dockerfile';
const HOSTILE_MESSAGE = 'Unknown instruction "\u001b[2J\u001b[31mRUNN\rall good\u009b\u2066%\u0000"\nnext';
const hostile = toFindings(HOSTILE_FILE, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, severity: 1, code: 'unknown-instruction', message: HOSTILE_MESSAGE }]);

test('text: control characters in file names and messages are shown as escapes, never sent to the terminal', () => {
  assert.equal(
    formatText(hostile),
    'x\\u001b]8;;https://evil.example\\u0007y\\u001b]8;;\\u0007/\\u202egnp.Dockerfile:1:1 error unknown-instruction ' +
      'Unknown instruction "\\u001b[2J\\u001b[31mRUNN all good\\u009b\\u2066%\\u0000" next\n',
  );
  assert.equal(formatText(toFindings('a\r\nb\tc', [{ ...diagnostics[2], message: 'one\r\ntwo\rthree\tfour' }])), 'a\\u000d\\u000ab\tc:6:2 info x one two three\tfour\n');
});

test('github: the toolkit escaping, then control characters shown; a file name cannot end the properties', () => {
  assert.equal(
    formatGithub([...hostile, ...toFindings('a::error file=b,line=1::x\n::warning ::y', diagnostics.slice(3))]),
    '::error file=x\\u001b]8;;https%3A//evil.example\\u0007y\\u001b]8;;\\u0007/\\u202egnp.Dockerfile,line=1,col=1,title=unknown-instruction::' +
      'Unknown instruction "\\u001b[2J\\u001b[31mRUNN%0Dall good\\u009b\\u2066%25\\u0000"%0Anext\n' +
      '::notice file=a%3A%3Aerror file=b%2Cline=1%3A%3Ax%0A%3A%3Awarning %3A%3Ay,line=7,col=2,title=y::h\n',
  );
});

test('json and sarif: control characters JSON leaves raw are written as \\u escapes, the data unchanged', () => {
  const json = formatJson(hostile);
  assert.equal(json.match(/"(file|message)": .*/g)!.join('\n'), [
    '"file": "x\\u001b]8;;https://evil.example\\u0007y\\u001b]8;;\\u0007/\\u202egnp.Dockerfile",',
    '"message": "Unknown instruction \\"\\u001b[2J\\u001b[31mRUNN\\rall good\\u009b\\u2066%\\u0000\\"\\nnext",',
  ].join('\n'));
  assert.equal((JSON.parse(json) as { message: string }[])[0].message, HOSTILE_MESSAGE);
  const sarif = formatSarif(hostile, [], '1');
  assert.equal(sarif.match(/"(uri|text)": .*/g)!.join('\n'), [
    '"text": "Unknown instruction \\"\\u001b[2J\\u001b[31mRUNN\\rall good\\u009b\\u2066%\\u0000\\"\\nnext"',
    '"uri": "x%1B%5D8%3B%3Bhttps%3A//evil.example%07y%1B%5D8%3B%3B%07/%E2%80%AEgnp.Dockerfile"',
  ].join('\n'));
  assert.equal(escapedJson({ a: '\u007f\u0085\u200f' }), '{\n  "a": "\\u007f\\u0085\\u200f"\n}\n');
});
