import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lineIndex } from '../../server/src/service/model/lines';

test('offsets, text and line counts agree with TextDocument, past line ends included', () => {
  const texts = ['', '\n', 'FROM a', 'FROM a\nRUN b\n', 'FROM a\n\nRUN b\n  c', 'x\r\ny\rz\n', 'é漢\n😀x'];
  for (const text of texts) {
    const ours = lineIndex(text);
    const theirs = TextDocument.create('file:///x', 'dockerfile', 0, text);
    assert.equal(ours.lineCount(), theirs.lineCount, JSON.stringify(text));
    for (let line = -1; line <= theirs.lineCount + 1; line++) {
      for (let character = 0; character <= 8; character++) {
        const position = { line, character };
        assert.equal(ours.offsetAt(position), theirs.offsetAt(position), `${JSON.stringify(text)} ${line}:${character}`);
        const range = { start: { line: 0, character: 1 }, end: position };
        if (theirs.offsetAt(position) >= 1) assert.equal(ours.textAt(range), theirs.getText(range));
      }
    }
  }
});
