/**
 * The layer views in the real extension host: decorations follow real edits (the change events
 * VS Code sends, in its order), the toggle command's setting flips, and the panel opens a webview
 * and, asked to reveal a line, selects that instruction in the Dockerfile's editor, where it is now.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { config } from '../../../client/src/config';
import { LayerDecorations } from '../../../client/src/layers/decorations';
import { LayerPanel } from '../../../client/src/layers/panel';
import { DOCKERFILE, sampleHistory, sampleRecord } from '../../client/layers/records';
import { EXTENSION_ID, openFixture, waitFor } from './helpers';

function extensionUri(): vscode.Uri {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return extension.extensionUri;
}

const summary = (decorations: LayerDecorations, uri: vscode.Uri) =>
  decorations.tracked(uri).map((t) => `${t.line}: ${t.range.start.line}-${t.range.end.line}${t.stale ? ' stale' : ''}`);

suite('layer views', () => {
  test('decorations track lines through real edits and mark the edited instruction stale', async () => {
    const document = await openFixture('layers/Dockerfile', `${DOCKERFILE}\n`);
    const editor = vscode.window.activeTextEditor!;
    const decorations = new LayerDecorations(extensionUri());
    try {
      const record = { ...sampleRecord(), dockerfile: document.uri.fsPath };
      decorations.show(document.uri, record);
      assert.deepEqual(summary(decorations, document.uri).slice(8, 11), ['11: 10-10', '12: 11-12', '14: 13-13']);
      // A comment above everything, then a word typed into the COPY of line 11 (now line 12).
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# note\n')));
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(11, 'COPY package.json'.length), ' .npmrc')));
      assert.deepEqual(summary(decorations, document.uri), [
        '2: 2-2', '3: 3-3', '4: 4-4', '5: 5-5', '6: 6-6', '8: 8-8', '9: 9-9', '10: 10-10',
        '11: 11-11 stale', '12: 12-13', '14: 14-14', '15: 15-15', '17: 17-17', '18: 18-18',
      ]);
      assert.equal(document.lineAt(11).text, 'COPY package.json .npmrc pnpm-lock.yaml ./');
      decorations.clear(document.uri);
      assert.deepEqual(decorations.tracked(document.uri), []);
    } finally {
      decorations.dispose();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('edits made while the build runs are replayed when its record is shown', async () => {
    const document = await openFixture('layers/during.dockerfile', `${DOCKERFILE}\n`);
    const editor = vscode.window.activeTextEditor!;
    const decorations = new LayerDecorations(extensionUri());
    try {
      decorations.buildStarted(document.uri);
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# note\n')));
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(15, 'RUN pnpm build'.length), ' --prod')));
      decorations.show(document.uri, { ...sampleRecord(), dockerfile: document.uri.fsPath });
      assert.deepEqual(summary(decorations, document.uri).slice(9), ['12: 12-13', '14: 14-14', '15: 15-15 stale', '17: 17-17', '18: 18-18']);
    } finally {
      decorations.dispose();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('the toggle command flips dockerfileStudio.layers.decorations', async () => {
    assert.equal(config.layerDecorations(), true);
    await vscode.commands.executeCommand('dockerfileStudio.toggleLayerDecorations');
    assert.equal(config.layerDecorations(), false);
    await vscode.commands.executeCommand('dockerfileStudio.toggleLayerDecorations');
    assert.equal(config.layerDecorations(), true);
    await vscode.workspace.getConfiguration('dockerfileStudio').update('layers.decorations', undefined, vscode.ConfigurationTarget.Global);
  });

  test('the panel opens a webview tab, and a reveal selects the instruction where it is now', async () => {
    const document = await openFixture('layers/panel.dockerfile', `${DOCKERFILE}\n`);
    const editor = vscode.window.activeTextEditor!;
    const decorations = new LayerDecorations(extensionUri());
    const panel = new LayerPanel(extensionUri(), (uri, line) => decorations.rangeOf(uri, line));
    try {
      const record = { ...sampleRecord(), dockerfile: document.uri.toString() };
      decorations.show(document.uri, record);
      panel.show(record, sampleHistory());
      const tab = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(LayerPanel.viewType));
      await waitFor(() => tab() !== undefined, 'the layer panel tab');
      assert.equal(tab()!.label, 'Layer Cache: panel.dockerfile');
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# one\n# two\n')));
      // What the webview posts when a row is chosen (the page itself is tested in Chromium: test/vscode/ui/layersPanel.test.mjs).
      (panel as unknown as { receive(message: unknown): void }).receive({ type: 'reveal', line: 12 });
      await waitFor(() => vscode.window.activeTextEditor?.document === document && vscode.window.activeTextEditor.selection.start.line === 13, 'the selection on the moved instruction');
      const selection = vscode.window.activeTextEditor!.selection;
      assert.deepEqual([selection.start.line, selection.start.character, selection.end.line, selection.end.character], [13, 0, 14, '  && pnpm install --frozen-lockfile'.length]);
    } finally {
      panel.dispose();
      decorations.dispose();
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
