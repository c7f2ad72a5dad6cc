/**
 * The extension's context: owns the language client, the build controller, the layer views and the disposables,
 * and is what every command factory is given. Reaching the server goes through `request`, which
 * says so when the server is not running instead of failing silently.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BuildController } from './buildController';
import { config } from './config';
import type { Docker } from './docker/engine';
import { type Resolved, resolveDocker, searchEnv } from './docker/executable';
import { isExecutableFile } from './docker/hostFiles';
import { LayerViews } from './layers/views';
import { nodeRunner } from './docker/runner';
import { startLanguageClient } from './languageClient';

/** A command handler made over the context. */
export type CommandFactory = (ctx: Ctx) => (...args: unknown[]) => unknown;

/** The one context of an activation; commands, lenses and the build controller reach everything through it. */
export class Ctx {
  private languageClient: LanguageClient | undefined;
  /** The docker executable found on PATH, kept while the setting and PATH stay the same and the file is there. */
  private resolvedDocker: { key: string; path: string } | undefined;
  readonly builds: BuildController;
  /** The record store, the editor decorations and the panel of the layer-cache visualizer. */
  readonly layers: LayerViews;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.builds = new BuildController(this);
    this.layers = new LayerViews(this);
    this.push(this.builds, this.layers, { dispose: () => void this.languageClient?.stop() });
  }

  /** The language client, once started. */
  get client(): LanguageClient | undefined {
    return this.languageClient;
  }

  /** Starts the language server. */
  async start(): Promise<void> {
    this.languageClient = await startLanguageClient(this);
  }

  /** Stops the language server (deactivation). */
  async stop(): Promise<void> {
    await this.languageClient?.stop();
    this.languageClient = undefined;
  }

  /** Keeps disposables until the extension is deactivated. */
  push(...disposables: vscode.Disposable[]): void {
    this.extension.subscriptions.push(...disposables);
  }

  /** Registers each command id with the handler its factory makes over this context. */
  registerCommands(commands: Record<string, CommandFactory>): void {
    for (const [id, factory] of Object.entries(commands)) this.push(vscode.commands.registerCommand(id, factory(this)));
  }

  /**
   * Sends a custom request to the server. When the server is not running, or the request fails,
   * the user is told (unless `quiet`) and the answer is undefined.
   */
  async request<R>(method: string, params: unknown, quiet = false): Promise<R | undefined> {
    const client = this.languageClient;
    if (!client || !client.isRunning()) {
      if (!quiet) void vscode.window.showWarningMessage('Dockerfile Studio: the language server is not running (Restart Language Server starts it).');
      return undefined;
    }
    try {
      return (await client.sendRequest<R | null>(method, params)) ?? undefined;
    } catch (error) {
      if (!quiet) void vscode.window.showWarningMessage(`Dockerfile Studio: the language server did not answer ${method}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /**
   * The docker executable (an absolute path, looked up once per setting and PATH) and engine, from
   * user and machine settings only; or why there is none. Build and Run and the image-environment
   * lookup of the language server both start docker through it.
   */
  docker(): Docker | { error: string } {
    const configured = config.dockerPath();
    const env = searchEnv(process.env, process.platform);
    const key = JSON.stringify([configured, env.PATH, env.PATHEXT]);
    if (this.resolvedDocker?.key !== key || !isExecutableFile(this.resolvedDocker.path)) {
      const found: Resolved = resolveDocker(configured, env, process.platform, isExecutableFile);
      if ('error' in found) return found;
      this.resolvedDocker = { key, path: found.path };
    }
    return { runner: nodeRunner, path: this.resolvedDocker.path, engine: { dockerContext: config.dockerContext(), dockerHost: config.dockerHost() } };
  }
}
