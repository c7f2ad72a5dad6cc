/**
 * Helpers for the extension-host suite: open the sample files, ask VS Code's own commands, and
 * wait on events or conditions (never on fixed sleeps).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** The extension under test, as VS Code knows it. */
export const EXTENSION_ID = 'dockerfile-studio.dockerfile-studio';

/** The workspace folder the runner opened (a temporary copy of sample/). */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens a workspace folder');
  return folder;
}

/** Opens a file of the workspace in an editor. */
export async function openSample(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder().uri, name));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Polls `check` until it returns true, failing with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves with the document's diagnostics on the first change for it that passes `accept`. */
export function nextDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
): Promise<readonly vscode.Diagnostic[]> {
  const current = vscode.languages.getDiagnostics(uri);
  if (accept(current)) return Promise.resolve(current);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics on ${uri.path}`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(diagnostics);
    });
  });
}

/** The position of `keyword` where it starts an instruction line (the first such line). */
export function instructionPosition(document: vscode.TextDocument, keyword: string): vscode.Position {
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line).text;
    if (new RegExp(`^\\s*${keyword}\\s`, 'i').test(text)) return new vscode.Position(line, text.indexOf(keyword) + 1);
  }
  throw new Error(`no ${keyword} instruction in ${document.uri.path}`);
}

/** The markdown of every hover VS Code's hover providers return at a position, in order. */
export async function hoverMarkdown(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers.flatMap((hover) => hover.contents.map((c) => (typeof c === 'string' ? c : c.value)));
}
