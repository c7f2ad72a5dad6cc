/**
 * Helpers for the extension-host suite: open the sample files, ask VS Code's own commands, and
 * wait on events or conditions (never on fixed sleeps).
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
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

/** Polls `check` until it returns (or resolves to) true, failing with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
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

/** Writes `text` to a file of the workspace (creating its folder) and opens it in an editor. */
export async function openFixture(relativePath: string, text: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(workspaceFolder().uri, relativePath);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

/** Splits `before<|>after` into the text and the cursor's position (the marker cannot occur in a Dockerfile). */
export function withCursor(marked: string): { text: string; line: number; character: number } {
  const offset = marked.indexOf('<|>');
  if (offset < 0) throw new Error('no <|> cursor marker');
  const before = marked.slice(0, offset).split('\n');
  return { text: marked.slice(0, offset) + marked.slice(offset + 3), line: before.length - 1, character: before.at(-1)!.length };
}

const SEVERITY_NAMES = ['error', 'warning', 'info', 'hint'];

/** One line per diagnostic: `L:C-L:C severity code message [source] href` (0-based, like LSP). */
export function diagnosticLines(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const code = typeof d.code === 'object' ? `${d.code.value} ${d.code.target.toString(true)}` : String(d.code);
    const { start, end } = d.range;
    return `${start.line}:${start.character}-${end.line}:${end.character} ${SEVERITY_NAMES[d.severity]} ${code} ${d.message} [${d.source}]`;
  });
}

/**
 * Waits until the document's diagnostics, as lines, equal `expected`; on timeout fails with the
 * last list VS Code had, as a deepEqual diff.
 */
export async function diagnosticsEqual(uri: vscode.Uri, expected: string[], timeoutMs = 20_000): Promise<void> {
  let last: string[] = [];
  const same = (list: readonly vscode.Diagnostic[]) => {
    last = diagnosticLines(list);
    return JSON.stringify(last) === JSON.stringify(expected);
  };
  try {
    await nextDiagnostics(uri, same, timeoutMs);
  } catch {
    assert.deepEqual(last, expected, `the diagnostics of ${uri.path} after ${timeoutMs} ms`);
  }
}

/** Sets a `dockerfileStudio` setting in the workspace (undefined removes it). */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('dockerfileStudio').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Runs the docker CLI with an argv array (no shell); ENOENT comes back as code null. */
export function docker(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('docker', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error) => resolve({ code: null, stdout, stderr: error.message }));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
