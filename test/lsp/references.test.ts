/**
 * Find references, document highlight and rename over real LSP: the bundled server answers what
 * the pure service computes, and a refused rename comes back as an error with the reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../server/src/service/model';
import { documentHighlights, findReferences } from '../../server/src/service/references';
import { rename } from '../../server/src/service/rename';
import { startServer, stopServer } from './lspClient';

const URI = 'file:///work/Dockerfile';
const TEXT = ['ARG BASE=alpine:3.20', 'FROM $BASE AS build', 'ARG BASE', 'RUN echo $BASE', 'FROM scratch', 'COPY --from=build /out /app'].join('\n');

test('references, documentHighlight, prepareRename and rename over LSP', async () => {
  const server = await startServer(['markdown']);
  try {
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text: TEXT } });
    const model = buildModel(TEXT);
    const textDocument = { uri: URI };
    const onUse = { line: 3, character: 11 };
    const references = await server.connection.sendRequest('textDocument/references', { textDocument, position: onUse, context: { includeDeclaration: true } });
    assert.deepEqual(references, findReferences(model, URI, onUse, true));
    assert.deepEqual(
      (references as { range: { start: { line: number } } }[]).map((r) => r.range.start.line),
      [0, 1, 2, 3],
    );
    const onStage = { line: 5, character: 14 };
    assert.deepEqual(await server.connection.sendRequest('textDocument/documentHighlight', { textDocument, position: onStage }), documentHighlights(model, onStage));
    assert.deepEqual(await server.connection.sendRequest('textDocument/prepareRename', { textDocument, position: onStage }), {
      range: { start: { line: 5, character: 12 }, end: { line: 5, character: 17 } },
      placeholder: 'build',
    });
    const edit = await server.connection.sendRequest('textDocument/rename', { textDocument, position: onStage, newName: 'compile' });
    const expected = rename(model, URI, onStage, 'compile');
    assert.ok(expected && 'edit' in expected);
    assert.deepEqual(edit, expected.edit);
    await assert.rejects(server.connection.sendRequest('textDocument/rename', { textDocument, position: onStage, newName: 'Not Valid' }), {
      message: '"Not Valid" is not a valid stage name: start with a letter, then letters, digits, "-", "_" or ".".',
    });
    assert.equal(await server.connection.sendRequest('textDocument/prepareRename', { textDocument, position: { line: 3, character: 1 } }), null);
  } finally {
    assert.equal(await stopServer(server), 0);
  }
});
