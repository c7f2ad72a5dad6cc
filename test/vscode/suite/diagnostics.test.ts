/**
 * Diagnostics as VS Code holds them (vscode.languages.getDiagnostics): exactly what the service's
 * lint gives for the same text (range, severity, code and its docs link, message, source), after
 * an edit, and with a rule turned off in the `dockerfileStudio.diagnostics.severities` setting.
 * Every step waits on onDidChangeDiagnostics.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsEqual, openFixture, setSetting } from './helpers';
import { expectedDiagnostics, serviceDiagnostics } from './expected';

/** Three known problems: an apt-get install without -y, an unknown instruction, a shell-form CMD. */
const TEXT = [
  'FROM debian:12.5',
  'RUN apt-get update && apt-get install --no-install-recommends curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*',
  'COPPY . /app',
  'CMD echo hello',
  '',
].join('\n');

suite('diagnostics', () => {
  let document: vscode.TextDocument;
  suiteSetup(async () => {
    document = await openFixture('lint/Dockerfile', TEXT);
  });
  suiteTeardown(async () => {
    await setSetting('diagnostics.severities', undefined);
  });

  test('the fixture has the known problem set', () => {
    assert.deepEqual(serviceDiagnostics(TEXT).map((d) => d.code), ['apt-get-yes', 'unknown-instruction', 'JSONArgsRecommended']);
  });

  test('opening the file shows exactly the service\'s diagnostics', async () => {
    await diagnosticsEqual(document.uri, expectedDiagnostics(TEXT));
  });

  test('an edit updates the list: the CMD in JSON form loses JSONArgsRecommended', async () => {
    const line = document.lineAt(3);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, line.range, 'CMD ["echo", "hello"]');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const text = document.getText();
    assert.equal(text, TEXT.replace('CMD echo hello', 'CMD ["echo", "hello"]'));
    assert.deepEqual(serviceDiagnostics(text).map((d) => d.code), ['apt-get-yes', 'unknown-instruction']);
    await diagnosticsEqual(document.uri, expectedDiagnostics(text));
  });

  test('a rule set to "off" in dockerfileStudio.diagnostics.severities disappears', async () => {
    const severities = { 'apt-get-yes': 'off' } as const;
    await setSetting('diagnostics.severities', severities);
    const text = document.getText();
    const expected = expectedDiagnostics(text, severities);
    assert.equal(expected.length, 1, 'only unknown-instruction is left');
    await diagnosticsEqual(document.uri, expected);

    await setSetting('diagnostics.severities', undefined);
    await diagnosticsEqual(document.uri, expectedDiagnostics(text));
  });
});
