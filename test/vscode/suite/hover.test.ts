/**
 * Hover through VS Code's own command (vscode.executeHoverProvider): the editor shows exactly the
 * documentation the service renders, including the instruction's summary from data/.
 */
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { hoverMarkdown, instructionPosition, openSample } from './helpers';
import { expectedHover, instructionSummary } from './expected';

suite('hover', () => {
  let document: vscode.TextDocument;
  suiteSetup(async () => {
    document = await openSample('Dockerfile');
  });

  for (const keyword of ['FROM', 'RUN', 'CMD', 'COPY', 'ENTRYPOINT']) {
    test(`${keyword} shows its documentation`, async () => {
      const position = instructionPosition(document, keyword);
      const hover = await hoverMarkdown(document, position);
      assert.deepEqual(hover, [expectedHover(document, position)]);
      assert.ok(hover[0].includes(instructionSummary(keyword)), `the ${keyword} hover includes its summary:\n${hover[0]}`);
    });
  }
});
