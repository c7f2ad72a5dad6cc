/**
 * Extension entry: activate and deactivate only. Features register themselves from their modules.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { startLanguageClient } from './languageClient';
import { restartServerCommand } from './commands/restartServer';
import { registerBuildCommands } from './commands/buildCommands';
import { type TerminalOutput, onDidWriteOutput } from './commands/buildTerminal';

/** What the extension exports to other extensions and to its real-editor tests. */
export interface StudioApi {
  client: LanguageClient | undefined;
  /** Every text written to a build or run terminal. */
  onDidWriteTerminal: vscode.Event<TerminalOutput>;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<StudioApi> {
  context.subscriptions.push(
    vscode.commands.registerCommand('dockerfileStudio.restartServer', restartServerCommand(() => client)),
  );
  registerBuildCommands(context);
  client = await startLanguageClient(context);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  return { client, onDidWriteTerminal: onDidWriteOutput };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
