/**
 * The layer-cache commands, each a factory over the context: "Show Layer Cache", "Export Layer
 * Report" and "Toggle Layer Decorations". None of them runs a process: they read the record store
 * and ask the server.
 */
import * as vscode from 'vscode';
import { config } from '../config';
import type { Ctx } from '../ctx';
import { reportFileNames } from '../layers/recorder';

const uriOf = (arg: unknown) => (arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri);

/** Opens the panel on the last build of the Dockerfile (the one given, else the active editor's). */
export const showLayerCache = (ctx: Ctx) => async (arg?: unknown): Promise<boolean> => {
  const uri = uriOf(arg);
  if (!uri || uri.scheme !== 'file') {
    void vscode.window.showInformationMessage('Dockerfile Studio: open a Dockerfile to see its layer cache.');
    return false;
  }
  const shown = await ctx.layers.showPanel(uri);
  if (!shown) void vscode.window.showInformationMessage('Dockerfile Studio: no build of this Dockerfile recorded yet; Build Image records one.');
  return shown;
};

/**
 * Writes the report of the build the panel shows (else the last build of the active Dockerfile)
 * as JSON where the user says, and as Markdown beside it (same name, `.md`). Returns the files written.
 */
export const exportLayerReport = (ctx: Ctx) => async (arg?: unknown): Promise<vscode.Uri[]> => {
  const uri = uriOf(arg);
  const record = await ctx.layers.current(uri?.scheme === 'file' ? uri : undefined);
  if (!record) {
    void vscode.window.showInformationMessage('Dockerfile Studio: no build recorded to report on; Build Image records one.');
    return [];
  }
  const names = reportFileNames(record);
  const folder = uri?.scheme === 'file' ? vscode.Uri.joinPath(uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Export Layer Report (JSON; the Markdown report is written beside it)',
    defaultUri: folder && vscode.Uri.joinPath(folder, names.json),
    filters: { JSON: ['json'] },
    saveLabel: 'Export',
  });
  if (!target) return [];
  const [json, markdown] = await Promise.all([ctx.layers.formatReport(record, 'json'), ctx.layers.formatReport(record, 'markdown')]);
  if (json === undefined || markdown === undefined) return [];
  const jsonUri = target.path.endsWith('.json') ? target : target.with({ path: `${target.path}.json` });
  const markdownUri = jsonUri.with({ path: `${jsonUri.path.slice(0, -'.json'.length)}.md` });
  const encoder = new TextEncoder();
  try {
    await vscode.workspace.fs.writeFile(jsonUri, encoder.encode(json));
    await vscode.workspace.fs.writeFile(markdownUri, encoder.encode(markdown));
  } catch (error) {
    void vscode.window.showErrorMessage(`Dockerfile Studio: the layer report was not written: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
  void vscode.window.showInformationMessage(`Dockerfile Studio: wrote ${vscode.workspace.asRelativePath(jsonUri)} and ${vscode.workspace.asRelativePath(markdownUri)}.`);
  return [jsonUri, markdownUri];
};

/** Flips `dockerfileStudio.layers.decorations`. */
export const toggleLayerDecorations = () => () => config.toggleLayerDecorations();
