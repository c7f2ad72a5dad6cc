/**
 * Extension entry: activate and deactivate only. The context owns the client, the build
 * controller and the disposables; each command is a factory over it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type TerminalOutput, onDidWriteOutput } from './commands/buildTerminal';
import { buildAndRun, buildImage, rebuildNoCache, runLastImage, stopContainer } from './commands/build';
import { exportLayerReport, showLayerCache, toggleLayerDecorations } from './commands/layers';
import { restartServer } from './commands/restartServer';
import { Ctx } from './ctx';
import type { LayerViews } from './layers/views';
import { StageLenses } from './stageLenses';

/** What the extension exports to other extensions and to its real-editor tests. */
export interface StudioApi {
  client: LanguageClient | undefined;
  /** Every text written to a build or run terminal. */
  onDidWriteTerminal: vscode.Event<TerminalOutput>;
  /** The layer-cache views: the record store, the decorations and the panel. */
  layers: LayerViews;
}

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<StudioApi> {
  ctx = new Ctx(context);
  ctx.registerCommands({
    'dockerfileStudio.restartServer': restartServer,
    'dockerfileStudio.buildAndRun': buildAndRun,
    'dockerfileStudio.buildImage': buildImage,
    'dockerfileStudio.rebuildNoCache': rebuildNoCache,
    'dockerfileStudio.runLastImage': runLastImage,
    'dockerfileStudio.stopContainer': stopContainer,
    'dockerfileStudio.showLayerCache': showLayerCache,
    'dockerfileStudio.exportLayerReport': exportLayerReport,
    'dockerfileStudio.toggleLayerDecorations': toggleLayerDecorations,
  });
  ctx.push(vscode.languages.registerCodeLensProvider({ language: 'dockerfile', scheme: 'file' }, new StageLenses(ctx)));
  await ctx.start();
  return { client: ctx.client, onDidWriteTerminal: onDidWriteOutput, layers: ctx.layers };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
