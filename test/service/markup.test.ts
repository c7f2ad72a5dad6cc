import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkupWriter } from '../../server/src/service/markup';

/** Document text as a plain-text paragraph shows it: inline() hands back a slot for the writer. */
function plainInline(text: string): string {
  const writer = new MarkupWriter('plaintext');
  return writer.paragraph(writer.inline(text)).toString();
}

test('inline code: a fence longer than any backtick run inside, padded on both sides when the text starts or ends with one', () => {
  const md = new MarkupWriter('markdown');
  assert.equal(md.inline('ARG A=1'), '`ARG A=1`');
  assert.equal(md.inline('echo `date`'), '`` echo `date` ``');
  assert.equal(md.inline('a ``b`` c'), '```a ``b`` c```');
  assert.equal(plainInline('echo `date`'), 'echo `date`');
});

test('inline code longer than 200 characters shows its start and an ellipsis, in both formats', () => {
  const long = `${'x'.repeat(199)}yz${'q'.repeat(5000)}`;
  assert.equal(new MarkupWriter('markdown').inline(long), `\`${'x'.repeat(199)}y…\``);
  assert.equal(plainInline(long), `${'x'.repeat(199)}y…`);
  assert.equal(new MarkupWriter('markdown').inline('x'.repeat(200)), `\`${'x'.repeat(200)}\``);
});

test('document text is shown as written in plain text: the markdown stripping of data text leaves it alone', () => {
  const writer = new MarkupWriter('plaintext');
  const value = '**bold** `code` [a](b)';
  writer.heading('Stage', value).paragraph(`Value here: ${writer.inline(value)} and **ours**`);
  assert.equal(writer.toString(), 'Stage **bold** `code` [a](b)\n\nValue here: **bold** `code` [a](b) and ours');
});

test('inline code: line breaks become spaces, control characters are shown as escapes', () => {
  const md = new MarkupWriter('markdown');
  assert.equal(md.inline('a\r\n# b\nc\rd'), '`a # b c d`');
  assert.equal(md.inline('\u001b[31mx\u0007\u202e\u009b\ty'), '`\\u001b[31mx\\u0007\\u202e\\u009b\ty`');
  assert.equal(md.heading('Stage', '![t](u)').heading('', '$A').toString(), '**Stage `![t](u)`**\n\n**`$A`**');
});

test('a cut never splits a surrogate pair', () => {
  const long = `${'x'.repeat(199)}😀${'y'.repeat(10)}`;
  assert.equal(new MarkupWriter('markdown').inline(long), `\`${'x'.repeat(199)}…\``);
});
