import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../server/src/service/model';
import { doHover } from '../../server/src/service/hover';
import { assertGolden, withCursor } from './helpers';
import { assertInertMarkdown, CODE, outsideCode } from './helpers-markdown';

// Document text a repository could commit to make a hover load an image, link somewhere, run
// HTML or rewrite the terminal, each without spaces so it is one token wherever it is written.
const HOSTILE: Record<string, string> = {
  image: '![t](https://evil.example/p.png)',
  link: '[x](javascript:alert(1))',
  html: '<img/src=x/onerror=alert(1)>',
  script: '<script>alert(1)</script>',
  autolink: '<https://evil.example>',
  bare: 'https://evil.example/x',
  backticks: '`a``b```![t](https://evil.example/p.png)`',
  controls: '\u001b]8;;https://evil.example\u0007x\u001b[31m\u202egnp.exe\u009b',
  long: '![t](https://evil.example/p.png)'.repeat(3000),
};

// Each kind of hover that shows document text; `$H` is replaced by the hostile string.
const KINDS: Record<string, string> = {
  'variable-value': 'FROM alpine AS $H\nARG V=$H\nRUN echo $<|>V',
  'env-quoted-value': 'FROM alpine\nENV V="a $H b"\nRUN echo $<|>V',
  modifier: 'FROM alpine\nRUN echo ${U<|>:-$H}',
  'defined-name': 'FROM alpine\nARG <|>$H=1',
  'stage-name': 'FROM alpine AS <|>$H\nFROM alpine\nCOPY --from=$H /a /b',
  'stage-user': 'FROM alpine AS $H\nFROM alpine\nCOPY --from=$H<|> /a /b',
  'image-from': 'FROM $H<|> AS x',
  'image-copy-from': 'FROM alpine\nCOPY --from=$H<|> /a /b',
  'heredoc-body': 'FROM alpine\nRUN <<E<|>OF\n$H\nEOF',
};

function hoverMarkdown(marked: string): string | null {
  const { text, position } = withCursor(marked);
  const result = doHover(buildModel(text), position, { format: 'markdown' });
  return result ? (result.contents as { value: string }).value : null;
}

test('the markdown checker sees code spans and fences as CommonMark does', () => {
  assert.equal(outsideCode('a `![x](y)` b'), `a ${CODE} b`);
  assert.equal(outsideCode('`` a`b `` ![i](u)'), `${CODE} ![i](u)`);
  assert.equal(outsideCode('`open ![i](u)'), '`open ![i](u)');
  assert.equal(outsideCode('\\`a` ![i](u)`'), `\\\`a${CODE}`);
  assert.equal(outsideCode('```sh\n<b>\n```\n<i>'), `${CODE}\n${CODE}\n${CODE}\n<i>`);
  assert.throws(() => assertInertMarkdown('a ![t](https://evil.example/p.png)', 'x'));
  assert.throws(() => assertInertMarkdown('`a` https://x `b`', 'x'));
  assert.throws(() => assertInertMarkdown('`\u001b[31m`', 'x'));
  assertInertMarkdown('`<b>` then\n\n[Dockerfile reference](https://docs.docker.com/reference/dockerfile/)', 'x');
});

test('hostile document text in every kind of hover stays inline code: whole hovers', () => {
  for (const [kind, template] of Object.entries(KINDS)) {
    const sections: string[] = [];
    for (const [name, text] of Object.entries(HOSTILE)) {
      const markdown = hoverMarkdown(template.split('$H').join(text));
      assert.ok(markdown !== null, `${kind}/${name}: no hover`);
      assertInertMarkdown(markdown, `${kind}/${name}`);
      sections.push(`# ${name}\n\n${markdown}\n`);
    }
    assertGolden('service', `hover/hostile-${kind}.md`, sections.join('\n'));
  }
});

test('a line break in document text does not end the code span (no block can start inside it)', () => {
  const markdown = hoverMarkdown('FROM alpine\nRUN echo ${U<|>:-a\\\n# ![t](https://evil.example/p.png)\\\n<script>}');
  assert.equal(
    markdown,
    '**`$U`**\n\nNot defined here: no ARG or ENV in this stage declares `U` before this line, so it expands to an empty string unless the shell of a RUN sets it.\n\n' +
      '`${U:-a\\ # ![t](https://evil.example/p.png)\\ <script>}` uses the modifier `:-` with `a\\ # ![t](https://evil.example/p.png)\\ <script>`: the word is used when the variable is unset or empty. Here it gives `a # ![t](https://evil.example/p.png) <script>`.',
  );
  assertInertMarkdown(markdown!, 'continued modifier');
});
