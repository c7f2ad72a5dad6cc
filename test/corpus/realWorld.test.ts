/**
 * The real-world Dockerfiles build in their home projects, except the templates real BuildKit
 * rejects (buildkit-oracle.json records its error and line): we must report an error exactly
 * where BuildKit has one, our first error on BuildKit's error line (BuildKit stops there, so
 * later ones go unchecked), and none anywhere else. The warnings per rule are printed for review. Every other corpus input (fixtures,
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

import { CORPUS, readOracle } from './oracle';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

test('real-world Dockerfiles: an error exactly where BuildKit has one; warnings per rule', () => {
  const rejected = new Map<string, number>();
  for (const file of readOracle()) if (file.error) rejected.set(file.path, file.error.error_line ?? 0);
  const wrong: string[] = [];
  const counts = new Map<string, number>();
  const files = walk(join(CORPUS, 'real-world'));
  let matched = 0;
  for (const file of files) {
    const path = relative(CORPUS, file);
    const errors: string[] = [];
    for (const d of lint(buildModel(readFileSync(file, 'utf8')))) {
      const key = `${String(d.code)}`;
      if (d.severity === DiagnosticSeverity.Error) errors.push(`${path}:${d.range.start.line + 1} ${key} ${d.message}`);
      else counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const line = rejected.get(path);
    if (line === undefined) wrong.push(...errors);
    else if (errors.length === 0) wrong.push(`${path}:${line} BuildKit rejects this file, we report no error`);
    else if (!errors[0].startsWith(`${path}:${line} `)) wrong.push(`${errors[0]} (BuildKit's error is on line ${line})`);
    else matched++;
  }
  const table = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  console.log(`Real-world files BuildKit rejects: ${matched}/${rejected.size} get our error on BuildKit's line`);
  console.log(`Real-world warnings per rule over ${files.length} files:`);
  for (const [rule, count] of table) console.log(`  ${String(count).padStart(5)}  ${rule}`);
  assert.deepEqual(wrong, []);
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
