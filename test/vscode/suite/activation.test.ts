/**
 * The extension activates on the files it claims and serves each of them: a Dockerfile (by
 * name), a Containerfile (by name) and build.dockerfile (by pattern).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, hoverMarkdown, instructionPosition, openSample, waitFor } from './helpers';
import { expectedHover, instructionSummary } from './expected';

interface ExtensionApi {
  client: { isRunning(): boolean } | undefined;
}

suite('activation', () => {
  test('activates when a Dockerfile opens, with its language server running', async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded as the extension under development`);
    assert.equal(extension.isActive, false, 'nothing has activated it before a Dockerfile opens');
    const document = await openSample('Dockerfile');
    assert.equal(document.languageId, 'dockerfile');
    await waitFor(() => extension.isActive, 'the extension to activate');
    assert.equal(extension.exports.client?.isRunning(), true);
  });

  for (const name of ['Containerfile', 'build.dockerfile']) {
    test(`serves ${name}: language dockerfile, and the server answers for it`, async () => {
      const document = await openSample(name);
      assert.equal(document.languageId, 'dockerfile');
      const position = instructionPosition(document, 'FROM');
      const hover = await hoverMarkdown(document, position);
      assert.deepEqual(hover, [expectedHover(document, position)]);
      assert.ok(hover[0].includes(instructionSummary('FROM')), `the FROM hover includes its summary:\n${hover[0]}`);
    });
  }
});
