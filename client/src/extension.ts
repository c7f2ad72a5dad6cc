/**
 * Extension entry: activate and deactivate only. Features register themselves from their modules.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { startLanguageClient } from './languageClient';
import { restartServerCommand } from './commands/restartServer';
import { registerBuildCommands } from './commands/buildCommands';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient | undefined }> {
  context.subscriptions.push(
    vscode.commands.registerCommand('dockerfileStudio.restartServer', restartServerCommand(() => client)),
  );
  registerBuildCommands(context);
  client = await startLanguageClient(context);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  return { client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
