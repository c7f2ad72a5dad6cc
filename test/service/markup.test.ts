import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkupWriter } from '../../server/src/service/markup';

test('inline code: a fence longer than any backtick run inside, padded on both sides when the text starts or ends with one', () => {
  const md = new MarkupWriter('markdown');
  assert.equal(md.inline('ARG A=1'), '`ARG A=1`');
  assert.equal(md.inline('echo `date`'), '`` echo `date` ``');
  assert.equal(md.inline('a ``b`` c'), '```a ``b`` c```');
  assert.equal(new MarkupWriter('plaintext').inline('echo `date`'), 'echo `date`');
});

test('inline code longer than 200 characters shows its start and an ellipsis, in both formats', () => {
  const long = `${'x'.repeat(199)}yz${'q'.repeat(5000)}`;
  assert.equal(new MarkupWriter('markdown').inline(long), `\`${'x'.repeat(199)}y…\``);
  assert.equal(new MarkupWriter('plaintext').inline(long), `${'x'.repeat(199)}y…`);
  assert.equal(new MarkupWriter('markdown').inline('x'.repeat(200)), `\`${'x'.repeat(200)}\``);
});
