import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INSTRUCTIONS, DIRECTIVES } from '../../server/src/service/data';
import { TEST_ROOT } from '../service/helpers';

const ROOT = join(TEST_ROOT, '..');

interface Rule {
  match?: string;
  begin?: string;
}

function grammar(): { repository: Record<string, Rule & { patterns?: Rule[] }> } {
  return JSON.parse(readFileSync(join(ROOT, 'syntaxes', 'dockerfile.tmLanguage.json'), 'utf8'));
}

/** TextMate's `(?i:...)` groups written as a JavaScript case-insensitive regex. */
function toRegExp(source: string): RegExp {
  return new RegExp(source.replace(/\(\?i:/g, '(?:'), 'i');
}

test('the grammar highlights every instruction keyword of the data module, and only those', () => {
  const { repository } = grammar();
  const keywordsIn = (source: string) => /\(\?i:\(([A-Z|]+)\)\)/.exec(source)![1].split('|');
  const covered = new Set([...keywordsIn(repository.from.begin!), ...keywordsIn(repository.instruction.begin!), 'ONBUILD']);
  assert.deepEqual([...covered].sort(), INSTRUCTIONS.map((i) => i.keyword).sort());
  const triggers = /\\s\+\(\?i:\(([A-Z|]+)\)\)/.exec(repository.onbuild.match!)![1].split('|').sort();
  assert.deepEqual(triggers, INSTRUCTIONS.filter((i) => i.allowedInOnbuild).map((i) => i.keyword).sort());
});

test('directives, flags, variables and heredoc markers match what they should', () => {
  const { repository } = grammar();
  const directive = toRegExp(repository.directive.match!);
  for (const d of DIRECTIVES) assert.ok(directive.test(`# ${d.name}=x`), d.name);
  assert.ok(!directive.test('# just a comment'));
  assert.deepEqual(toRegExp(repository.flag.match!).exec('RUN --mount=type=cache')?.[1], '--mount');
  assert.deepEqual('echo $HOME ${A:-b}'.match(new RegExp(repository.variable.match!, 'g')), ['$HOME', '${A:-b}']);
  assert.deepEqual(toRegExp(repository['heredoc-marker'].match!).exec('RUN <<-"EOF"')?.[0], '<<-"EOF"');
});

test('snippets are generated from the data module (UPDATE_GOLDEN=1 rewrites them)', () => {
  const expected: Record<string, { prefix: string; body: string; description: string }> = {};
  for (const instruction of INSTRUCTIONS) {
    if (!instruction.snippet) continue;
    expected[instruction.keyword] = {
      prefix: instruction.keyword,
      body: `${instruction.keyword} ${instruction.snippet}`,
      description: instruction.summary.replace(/`/g, ''),
    };
  }
  const file = join(ROOT, 'snippets', 'dockerfile.json');
  const text = JSON.stringify(expected, null, 2) + '\n';
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  assert.equal(readFileSync(file, 'utf8'), text, 'snippets/dockerfile.json is stale: run the tests with UPDATE_GOLDEN=1');
});
