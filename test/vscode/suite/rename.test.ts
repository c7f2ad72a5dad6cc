/**
 * Rename through VS Code's own command (vscode.executeDocumentRenameProvider): renaming a stage
 * from a `COPY --from` gives an edit that, applied, gives the whole
 * expected document; a refused rename reaches the editor as an error with the service's reason.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, withCursor } from './helpers';
import { applyEdits } from './expected';

const MARKED = ['FROM local/busybox:1.36 AS build', 'RUN echo built > /out', 'FROM local/busybox:1.36', 'COPY --from=bu<|>ild /out /out', 'RUN --mount=from=build,target=/b cat /b/out', ''].join('\n');
const RENAMED = ['FROM local/busybox:1.36 AS compile', 'RUN echo built > /out', 'FROM local/busybox:1.36', 'COPY --from=compile /out /out', 'RUN --mount=from=compile,target=/b cat /b/out', ''].join('\n');

suite('rename', () => {
  test('a stage renamed from COPY --from: its name and every use, the whole document as expected', async () => {
    const { text, line, character } = withCursor(MARKED);
    const document = await openFixture('rename/Dockerfile', text);
    const position = new vscode.Position(line, character);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, position, 'compile');
    const edits = edit.get(document.uri).map((e) => ({
      range: { start: { line: e.range.start.line, character: e.range.start.character }, end: { line: e.range.end.line, character: e.range.end.character } },
      newText: e.newText,
    }));
    assert.equal(applyEdits(text, edits), RENAMED);
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    assert.equal(document.getText(), RENAMED);
  });

  test('a rename to an invalid stage name is refused with the reason', async () => {
    const { text, line, character } = withCursor(MARKED);
    const document = await openFixture('rename/refused.dockerfile', text);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', document.uri, new vscode.Position(line, character), '1st')),
      (error: Error) => error.message.includes('"1st" is not a valid stage name'),
    );
    assert.equal(document.getText(), text);
  });
});
