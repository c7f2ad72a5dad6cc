// Language facts live once, in server/src/service/data/. This test reads the TypeScript sources of
// the server and the client and fails when a list of instruction keywords, flag names or
// predefined ARG names is written anywhere else: such a copy drifts from data/ unnoticed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { INSTRUCTIONS, PREDEFINED_ARGS } from '../../server/src/service/data';
import { TEST_ROOT } from './helpers';

const REPO = join(TEST_ROOT, '..');
const DATA_DIR = ['server', 'src', 'service', 'data'].join('/');

const KEYWORDS = new Set(INSTRUCTIONS.map((i) => i.keyword));
const FLAGS = new Set(INSTRUCTIONS.flatMap((i) => i.flags.map((f) => f.name)));
const PREDEFINED = new Set(PREDEFINED_ARGS.map((a) => a.name));

/**
 * Files allowed to hold such a list, each with the reason. Keep this short: a new entry needs a
 * reason a reviewer accepts.
 */
const ALLOWED: Record<string, string> = {};

type Kind = 'keyword' | 'flag' | 'predefined ARG';

/**
 * The list a group of string literals spells, if any: 3+ keywords (upper case, as the model
 * holds them: `'shell'` is a form), 2+ predefined ARGs, or 3+ flags making up half the group
 * (a list of pip's options may hold `--timeout` without being a Dockerfile flag list).
 */
function classify(values: string[], ignoreCase = false): { kind: Kind; names: string[] } | null {
  const of = (set: Set<string>, strip: (v: string) => string) => [...new Set(values.map(strip).filter((v) => set.has(v)))];
  const keywords = of(KEYWORDS, (v) => (ignoreCase ? v.toUpperCase() : v));
  if (keywords.length >= 3) return { kind: 'keyword', names: keywords };
  const predefined = of(PREDEFINED, (v) => v.replace(/^\$\{?|\}$/g, ''));
  if (predefined.length >= 2) return { kind: 'predefined ARG', names: predefined };
  const flags = of(FLAGS, (v) => v.replace(/^--/, ''));
  if (flags.length >= 3 && flags.length * 2 >= values.length) return { kind: 'flag', names: flags };
  return null;
}

function stringsOf(nodes: readonly ts.Node[]): string[] {
  return nodes.filter((n) => ts.isStringLiteralLike(n)).map((n) => (n as ts.StringLiteralLike).text);
}

/** The string literals compared (`===`, `!==`) along one `||`/`&&` chain. */
function comparedStrings(node: ts.Expression, out: string[]): void {
  if (ts.isParenthesizedExpression(node)) return comparedStrings(node.expression, out);
  if (!ts.isBinaryExpression(node)) return;
  const op = node.operatorToken.kind;
  if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
    comparedStrings(node.left, out);
    comparedStrings(node.right, out);
  } else if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken) {
    out.push(...stringsOf([node.left, node.right]));
  }
}

/** Every list found in one source file: array literals, comparison chains, regex alternations. */
export function findLists(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, values: string[], ignoreCase = false) => {
    const hit = classify(values, ignoreCase);
    if (!hit) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push(`${fileName}:${line} ${hit.kind} list: ${hit.names.join(', ')}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isArrayLiteralExpression(node)) report(node, stringsOf(node.elements));
    else if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.BarBarToken || node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)) {
      // Only the outermost link of a chain is reported, so one chain is one finding.
      const parent = node.parent;
      const outer = !(ts.isBinaryExpression(parent) && parent.operatorToken.kind === node.operatorToken.kind);
      if (outer) {
        const values: string[] = [];
        comparedStrings(node, values);
        report(node, values);
      }
    } else if (ts.isRegularExpressionLiteral(node)) {
      const flags = node.text.slice(node.text.lastIndexOf('/') + 1);
      report(node, node.text.split(/[^A-Za-z_-]+/).filter(Boolean), flags.includes('i'));
    } else if (ts.isCaseBlock(node)) {
      report(node, node.clauses.flatMap((c) => (ts.isCaseClause(c) ? stringsOf([c.expression]) : [])));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) files.push(path);
  }
  return files;
}

test('no keyword, flag or predefined-ARG list outside service/data', () => {
  const found: string[] = [];
  for (const root of ['server/src', 'client/src']) {
    for (const file of sourceFiles(join(REPO, root))) {
      const name = relative(REPO, file).split(sep).join('/');
      if (name.startsWith(`${DATA_DIR}/`) || name in ALLOWED) continue;
      found.push(...findLists(name, readFileSync(file, 'utf8')));
    }
  }
  assert.deepEqual(found, []);
});

test('the scanner finds each shape of list', () => {
  const text = [
    "const a = new Set(['RUN', 'CMD', 'ENTRYPOINT']);",
    "if (k === 'COPY' || k === 'ADD' || k === 'RUN') f();",
    "if (form === 'shell' || k === 'CMD' || k === 'ENTRYPOINT') f();",
    "const pip = ['--timeout', '--retries', '--platform', '--proxy', '--cert', '--log', '-r'];",
    'const e = /^(run|cmd|shell)$/i;',
    "const b = ['$BUILDPLATFORM', '${TARGETPLATFORM}'];",
    "const c = ['--from', 'chown', 'chmod'];",
    'const d = /^(RUN|CMD|SHELL)\\b/i;',
    "switch (k) { case 'ENV': case 'ARG': case 'LABEL': break; }",
    "const fine = ['RUN', 'CMD'];",
    "if (k === 'ARG' || k === 'ENV') f();",
  ].join('\n');
  assert.deepEqual(findLists('x.ts', text), [
    'x.ts:1 keyword list: RUN, CMD, ENTRYPOINT',
    'x.ts:2 keyword list: COPY, ADD, RUN',
    'x.ts:5 keyword list: RUN, CMD, SHELL',
    'x.ts:6 predefined ARG list: BUILDPLATFORM, TARGETPLATFORM',
    'x.ts:7 flag list: from, chown, chmod',
    'x.ts:8 keyword list: RUN, CMD, SHELL',
    'x.ts:9 keyword list: ENV, ARG, LABEL',
  ]);
});

test('every allowlisted file exists and still holds a list', () => {
  for (const name of Object.keys(ALLOWED)) {
    assert.notDeepEqual(findLists(name, readFileSync(join(REPO, name), 'utf8')), [], `${name} no longer needs its allowlist entry`);
  }
});
