/**
 * "Dockerfile Studio: Restart Language Server": stops and starts the client's server process.
 */
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';

/** The command handler over the extension's client. */
export const restartServer = (ctx: Ctx) => async (): Promise<void> => {
  const client = ctx.client;
  if (!client) {
    void vscode.window.showWarningMessage('Dockerfile Studio: the language server is not running.');
    return;
  }
  await client.restart();
};
