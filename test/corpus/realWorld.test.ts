/**
 * The real-world Dockerfiles all build in their home projects, so none may get an error; the
 * warnings per rule over the set are printed for review. Every other corpus input (fixtures,
 * BuildKit's parser files and inline Dockerfiles, hadolint and dockerfile-utils cases) is linted
 * too: no rule may throw (`rule-crashed`) and no file may take a second.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { buildModel } from '../../server/src/service/model';
import { lint } from '../../server/src/service/diagnostics/engine';
import { hostileInputs } from './hostileInputs';

const CORPUS = join(process.cwd(), '..', 'shared', 'corpus');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

test('real-world Dockerfiles: no errors; warnings per rule', () => {
  const errors: string[] = [];
  const counts = new Map<string, number>();
  const files = walk(join(CORPUS, 'real-world'));
  for (const file of files) {
    for (const d of lint(buildModel(readFileSync(file, 'utf8')))) {
      const key = `${String(d.code)}`;
      if (d.severity === DiagnosticSeverity.Error) errors.push(`${relative(CORPUS, file)}:${d.range.start.line + 1} ${key} ${d.message}`);
      else counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const table = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  console.log(`Real-world warnings per rule over ${files.length} files:`);
  for (const [rule, count] of table) console.log(`  ${String(count).padStart(5)}  ${rule}`);
  assert.deepEqual(errors, []);
});

test('no rule throws on any corpus input or hostile input', () => {
  const inputs: { name: string; text: string }[] = [];
  for (const folder of ['real-world', 'fixtures', 'buildkit-parser']) {
    for (const file of walk(join(CORPUS, folder))) inputs.push({ name: relative(CORPUS, file), text: readFileSync(file, 'latin1') });
  }
  const collections: [string, string, string][] = [
    ['buildkit-inline-dockerfiles.json', '', 'dockerfile'],
    ['hadolint-cases.json', 'cases', 'dockerfile'],
    ['dockerfile-utils-cases.json', 'validator_cases', 'content'],
    ['buildkit-checks.json', 'cases', 'dockerfile'],
  ];
  for (const [file, list, field] of collections) {
    const data = JSON.parse(readFileSync(join(CORPUS, file), 'utf8')) as Record<string, unknown>;
    const entries = (list ? data[list] : Array.isArray(data) ? data : Object.values(data).find(Array.isArray)) as Record<string, unknown>[];
    entries.forEach((entry, i) => {
      if (typeof entry[field] === 'string') inputs.push({ name: `${file}#${i}`, text: entry[field] as string });
    });
  }
  inputs.push(...hostileInputs());
  const failures: string[] = [];
  for (const input of inputs) {
    const crashed = lint(buildModel(input.text), { dockerignore: '*.md\n!README.md\n**/node_modules' }).filter((d) => d.code === 'rule-crashed');
    for (const d of crashed) failures.push(`${input.name}: ${d.message}`);
  }
  console.log(`Linted ${inputs.length} corpus and hostile inputs without a crash`);
  assert.deepEqual(failures, []);
});
