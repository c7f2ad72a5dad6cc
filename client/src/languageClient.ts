/**
 * Starts the language server (bundled dist/server.js, or the machine-scoped override) over IPC.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { IMAGE_ENV_REQUEST, type ImageEnvParams, type ImageEnvResult, type StudioInitializationOptions } from '../../server/src/protocol';
import { SECTION, config } from './config';
import type { Ctx } from './ctx';
import { ImageEnvCache } from './docker/imageEnv';

/** The documents the server handles: files and unsaved editors in the dockerfile language. */
export const DOCKERFILE_SELECTOR = [
  { language: 'dockerfile', scheme: 'file' },
  { language: 'dockerfile', scheme: 'untitled' },
];

/** Creates and starts the client; the caller owns its disposal. */
export async function startLanguageClient(ctx: Pick<Ctx, 'extension' | 'docker'>): Promise<LanguageClient> {
  // Machine scope only: a workspace must never choose what runs.
  const override = config.serverPath();
  const module = override && override.trim() !== '' ? override : ctx.extension.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCKERFILE_SELECTOR,
    synchronize: { configurationSection: SECTION },
    // The server may ask for base image environments (UndefinedVar); we answer from the engine.
    initializationOptions: { imageEnv: true } satisfies StudioInitializationOptions,
  };
  const client = new LanguageClient('dockerfileStudio', 'Dockerfile Studio', serverOptions, clientOptions);
  const images = new ImageEnvCache(() => ctx.docker());
  // Restricted Mode runs no process for a repository nobody trusted yet: every environment is unknown.
  const unknown = (names: readonly string[]): ImageEnvResult => Object.fromEntries(names.map((name) => [name, null]));
  client.onRequest(IMAGE_ENV_REQUEST, (params: ImageEnvParams): Promise<ImageEnvResult> =>
    vscode.workspace.isTrusted ? images.lookup(params.images) : Promise.resolve(unknown(params.images)),
  );
  await client.start();
  return client;
}
