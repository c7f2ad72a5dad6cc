import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../server/src/service/model';
import { fixesOf, lint } from '../../server/src/service/diagnostics/engine';
import { ALL_RULES } from '../../server/src/service/diagnostics/rules';
import { quoted } from '../../server/src/service/diagnostics/ruleKit';
import { excerpt } from '../../server/src/service/safeText';

// A token longer than anyone writes; `$L` in a template stands for it.
const LONG = 'x'.repeat(5000);

// Each quotes a long token in at least one rule's message or fix title.
const TEMPLATES: Record<string, string> = {
  'unknown instruction': 'FROM alpine\nRUNN$L x',
  'stage name casing and validity': 'FROM alpine AS Build$L\nFROM alpine AS 1$L\nFROM alpine AS scratch$L',
  'stage reference': 'FROM alpine AS a\nCOPY --from=$L a /b\nCOPY --from=a$L a /b',
  'image reference': 'FROM A$L\nFROM $L AS b',
  'healthcheck type': 'FROM alpine\nHEALTHCHECK $L x',
  'mount type and key': 'FROM alpine\nRUN --mount=type=$L x\nRUN --mount=type=cache,$L=1,target=/x x\nRUN --mount=type=cache,sharing=$L,target=/x x',
  'flag values': 'FROM --platform=$L alpine\nCOPY --chmod=$L a /b\nHEALTHCHECK --interval=$L CMD x\nADD --checksum=$L a /b\nCOPY --$L a /b',
  'expose': 'FROM alpine\nEXPOSE 80/$L\nEXPOSE 8$L/TCP\nEXPOSE 1.2.3.4:80:$L',
  'workdir': 'FROM alpine\nWORKDIR $L',
  'variables': 'FROM alpine\nRUN echo x\nCOPY $$L /a\nENV $L_PASSWORD=1\nENV $L value',
  'escape directive': '# escape=$L\nFROM alpine',
  'heredoc': 'FROM alpine\nRUN <<$L\nx',
  'packages': 'FROM alpine\nRUN apt-get update && apt-get install -y $L',
  'cd and dest': 'FROM alpine\nRUN cd /$L && a\nRUN cd /$L && b\nCOPY a $L',
  'untagged base': 'FROM alpine AS a\nFROM $L\nCOPY --from=$L / /',
  'json form fix': 'FROM alpine\nCMD echo $L',
};

const ALL_ON = Object.fromEntries(ALL_RULES.map((rule) => [rule.id, 'warning' as const]));

test('quoted: document text between marks, cut at 200 characters with an ellipsis', () => {
  assert.equal(quoted('RUNN'), '"RUNN"');
  assert.equal(quoted('a b', '`'), '`a b`');
  assert.equal(quoted(`${'y'.repeat(200)}z`), `"${'y'.repeat(200)}…"`);
  assert.equal(quoted('y'.repeat(200)), `"${'y'.repeat(200)}"`);
  assert.equal(excerpt(`${'y'.repeat(9)}😀`, 10), `${'y'.repeat(9)}…`);
});

test('no message or fix title quotes a long token whole: every rule cuts it', () => {
  for (const [name, template] of Object.entries(TEMPLATES)) {
    const diagnostics = lint(buildModel(template.split('$L').join(LONG)), { severities: ALL_ON });
    const texts = diagnostics.flatMap((d) => [`${String(d.code)}: ${d.message}`, ...fixesOf(d).map((f) => `${String(d.code)} fix: ${f.title}`)]);
    for (const text of texts) assert.ok(text.length < 600, `${name}: ${text.length} characters in ${text.slice(0, 300)}`);
    assert.ok(
      texts.some((t) => t.includes(`${'x'.repeat(150)}`) && t.includes('…')),
      `${name}: no message quotes the token (the template tests nothing): ${texts.map((t) => t.slice(0, 120)).join(' | ')}`,
    );
  }
});

test('the unknown-instruction message in full', () => {
  const [diagnostic] = lint(buildModel(`FROM alpine\nRUNN${LONG} x`)).filter((d) => d.code === 'unknown-instruction');
  assert.equal(diagnostic.message, `Unknown instruction "RUNN${'x'.repeat(196)}…"`);
});
