/**
 * BuildKit's negative parser cases (inputs `docker build` refuses to parse) must each get at
 * least one error diagnostic; the whole list of errors per case is compared.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { buildModel } from '../../server/src/service/model';
import { lint } from '../../server/src/service/diagnostics/engine';

const NEGATIVE = join(process.cwd(), '..', 'shared', 'corpus', 'buildkit-parser', 'testfiles-negative');

test('every BuildKit negative parser case gets an error', () => {
  const actual: Record<string, string[]> = {};
  for (const name of readdirSync(NEGATIVE).sort()) {
    const text = readFileSync(join(NEGATIVE, name, 'Dockerfile'), 'utf8');
    actual[name] = lint(buildModel(text))
      .filter((d) => d.severity === DiagnosticSeverity.Error)
      .map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)}`);
  }
  assert.deepEqual(actual, {
    empty_dockerfile: ['0:0 no-from'],
    env_no_value: ['2:4 invalid-key-value'],
    // BuildKit reports a file with no instructions at the last line it read.
    only_comments: ['2:0 no-from'],
    'shykes-nested-json': ['0:0 no-from', '0:0 instruction-before-from', '0:4 invalid-json-exec-form'],
  });
});
