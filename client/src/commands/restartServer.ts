/**
 * "Dockerfile Studio: Restart Language Server": stops and starts the client's server process.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** Builds the command handler over the extension's client. */
export function restartServerCommand(getClient: () => LanguageClient | undefined): () => Promise<void> {
  return async () => {
    const client = getClient();
    if (!client) {
      void vscode.window.showWarningMessage('Dockerfile Studio: the language server is not running.');
      return;
    }
    await client.restart();
  };
}
