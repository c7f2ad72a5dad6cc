/**
 * Code actions through VS Code's own command (vscode.executeCodeActionProvider) on the
 * unknown-instruction diagnostic: the "did you mean" fix and the two ignore actions, titled as the
 * service titles them, and the preferred fix applied through vscode.workspace.applyEdit gives the
 * whole document the service's edit gives.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Range } from 'vscode-languageserver-types';
import { diagnosticsEqual, openFixture } from './helpers';
import { applyEdits, expectedCodeActions, expectedDiagnostics, serviceDiagnostics } from './expected';

const TEXT = ['FROM local/busybox:1.36', 'WORKDIR /app', 'COPPY app.sh /app/', 'CMD ["sh", "/app/app.sh"]', ''].join('\n');

suite('code actions', () => {
  test('unknown instruction: "did you mean" fix first and preferred, then the two ignore actions; the fix gives the whole expected document', async () => {
    const document = await openFixture('fix/Dockerfile', TEXT);
    await diagnosticsEqual(document.uri, expectedDiagnostics(TEXT));
    const finding = serviceDiagnostics(TEXT).find((d) => d.code === 'unknown-instruction');
    assert.ok(finding, 'the service reports COPPY');
    const lsp: Range = finding.range;
    const range = new vscode.Range(lsp.start.line, lsp.start.character, lsp.end.line, lsp.end.character);

    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', document.uri, range);
    const expected = expectedCodeActions(TEXT, lsp, document.uri.toString());
    const shape = (title: string, kind: string | undefined, preferred: boolean | undefined) => `${title} (${kind}${preferred ? ', preferred' : ''})`;
    assert.deepEqual(
      actions.map((a) => ('kind' in a || 'edit' in a ? shape(a.title, (a as vscode.CodeAction).kind?.value, (a as vscode.CodeAction).isPreferred) : `command ${a.title}`)),
      expected.map((a) => shape(a.title, a.kind, a.isPreferred)),
    );
    assert.deepEqual(expected.map((a) => a.title), ['Change to COPY', 'Ignore unknown-instruction here', 'Ignore unknown-instruction in this file']);

    const preferred = actions.find((a): a is vscode.CodeAction => 'isPreferred' in a && a.isPreferred === true);
    assert.ok(preferred?.edit, 'the preferred action carries an edit');
    assert.equal(await vscode.workspace.applyEdit(preferred.edit), true);
    const serviceEdits = Object.values(expected[0].edit?.changes ?? {})[0] ?? [];
    const want = applyEdits(TEXT, serviceEdits);
    assert.equal(want, TEXT.replace('COPPY', 'COPY'));
    assert.equal(document.getText(), want);
    await diagnosticsEqual(document.uri, expectedDiagnostics(want));
  });
});
