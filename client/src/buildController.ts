/**
 * Build and run from the editor: asks what a build needs (the stages, the ARGs and later the
 * ports come from the server's step plan), runs the build in a terminal, asks the server to
 * analyze it (with the engine's facts and the previous record: layers/recorder.ts), hands the
 * record to the layer views, shows where it failed, and runs, replaces and stops the container of
 * each Dockerfile. The logic lives in client/src/docker and client/src/layers (pure and tested).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ANALYZE_BUILD_REQUEST, BUILD_PLAN_REQUEST, type AnalyzeBuildParams, type BuildPlan, type BuildPlanParams, type BuildRecord } from '../../server/src/protocol';
import { OutputTerminal } from './commands/buildTerminal';
import { config } from './config';
import type { Ctx } from './ctx';
import { analyzeRequest, completeRequest, dockerFacts } from './docker/analyzeRequest';
import { type BuildMode, type BuildOptions, runInvocation } from './docker/argv';
import { type ContainerRun, type Docker, choosePorts, detect, runContainer, startBuild, stopContainer } from './docker/engine';
import { checkEnvFile } from './docker/envFile';
import { hostFiles } from './docker/hostFiles';
import { type RememberedChoices, applyProfile, containerNameFor, defaultTag, prefillBuildArgs, targetChoices } from './docker/options';
import { decideBuild, decideRun, profileNames, trustedProfile } from './docker/trustedSettings';

/** What a command asks for. */
export interface BuildRequest {
  uri?: vscode.Uri;
  target?: string;
  noCache?: boolean;
  run: boolean;
}

/** Owns the build diagnostics, the remembered choices and the running container of each Dockerfile. */
export class BuildController implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('dockerfile-build');
  private readonly containers = new Map<string, ContainerRun>();

  constructor(private readonly ctx: Ctx) {}

  private get state(): vscode.Memento {
    return this.ctx.extension.workspaceState;
  }

  /** The workspace folder a file belongs to; its own folder when it is in none. */
  private root(file: string): string {
    return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath ?? path.dirname(file);
  }

  remembered(file: string): RememberedChoices {
    return this.state.get<RememberedChoices>(`build:${file}`) ?? {};
  }

  remember(file: string, choices: RememberedChoices): Thenable<void> {
    return this.state.update(`build:${file}`, { ...this.remembered(file), ...choices });
  }

  /** The server's step plan of the Dockerfile for a target; undefined (the user was told) when the server cannot say. */
  plan(uri: vscode.Uri, target: string | null, quiet = false, buildArgs?: Record<string, string>): Promise<BuildPlan | undefined> {
    return this.ctx.request<BuildPlan>(BUILD_PLAN_REQUEST, { uri: uri.toString(), target, buildArgs } satisfies BuildPlanParams, quiet);
  }

  /** Asks for what the build needs (pre-filled with the remembered choices); undefined when cancelled. */
  async options(uri: vscode.Uri, request: BuildRequest): Promise<BuildOptions | undefined> {
    const file = uri.fsPath;
    const previous = this.remembered(file);
    const stages = await this.plan(uri, null);
    if (!stages) return undefined;
    const profiles = config.buildProfiles(uri);
    const names = profileNames(profiles);
    let profile = previous.profile && names.includes(previous.profile) ? previous.profile : null;
    if (names.length > 0) {
      const picked = await vscode.window.showQuickPick(['(no profile)', ...names], { title: 'Build profile', placeHolder: profile ?? '(no profile)' });
      if (picked === undefined) return undefined;
      profile = picked === '(no profile)' ? null : picked;
    }
    // A profile's tag (from a workspace, too) is shown for the user to accept, never applied unseen:
    // it could name an image other builds use, such as a base image.
    const profileTag = profile === null ? undefined : trustedProfile(profiles, profile)?.profile.tag;
    const tag = await vscode.window.showInputBox({ title: 'Image tag', value: profileTag ?? previous.tag ?? defaultTag(path.basename(path.dirname(file)), path.basename(file)), validateInput: (value) => (value.trim() ? null : 'A tag is needed') });
    if (tag === undefined) return undefined;
    const choices = targetChoices(stages);
    let target = request.target ?? previous.target ?? choices.defaultTarget;
    if (!request.target && choices.labels.length > 1) {
      const picked = await vscode.window.showQuickPick(choices.labels.map((label) => ({ label, picked: label === target })), { title: 'Target stage' });
      if (picked === undefined) return undefined;
      target = picked.label;
    }
    // The ARGs to ask for are those of the stages this target builds.
    const plan = target === choices.defaultTarget ? stages : await this.plan(uri, target);
    if (!plan) return undefined;
    const values: [string, string][] = [];
    for (const arg of prefillBuildArgs(plan.buildArgs, previous.buildArgs)) {
      const value = await vscode.window.showInputBox({ title: `Build arg ${arg.name}`, prompt: `ARG ${arg.name} has no default`, value: arg.value });
      if (value === undefined) return undefined;
      values.push([arg.name, value]);
    }
    const decided = decideBuild({ dockerfile: file, root: this.root(file), context: config.buildContext(uri), profiles, profileName: profile, files: hostFiles });
    if ('error' in decided) {
      void vscode.window.showErrorMessage(`Dockerfile Studio: ${decided.error}`);
      return undefined;
    }
    for (const note of decided.notes) void vscode.window.showWarningMessage(`Dockerfile Studio: ${note}`);
    const base: BuildOptions = {
      dockerfile: file,
      context: decided.context,
      tag: tag.trim(),
      target: target === choices.defaultTarget ? null : target,
      buildArgs: values,
      platform: previous.platform ?? config.buildPlatform(uri),
      noCache: request.noCache ?? false,
      builder: config.buildBuilder(),
      extraFlags: [],
    };
    await this.remember(file, { tag: base.tag, target, buildArgs: values, profile });
    // decideBuild already placed the profile's context (and vetted it); the tag was asked above.
    return applyProfile(base, decided.profile && { ...decided.profile, tag: undefined }, (p) => p);
  }

  /** Builds (and runs) the Dockerfile a command was given or the active editor's. */
  async buildAndMaybeRun(request: BuildRequest): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Dockerfile Studio: build and run are off in untrusted workspaces.');
      return;
    }
    const uri = request.uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri || uri.scheme !== 'file') {
      void vscode.window.showWarningMessage('Dockerfile Studio: open a Dockerfile saved on disk to build it.');
      return;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.isDirty) await document.save();
    // Edits from here on are edits since the build (the builder reads the saved file).
    this.ctx.layers.decorations.buildStarted(uri);
    const docker = this.ctx.docker();
    if ('error' in docker) {
      void vscode.window.showErrorMessage(`Dockerfile Studio: ${docker.error}`);
      return;
    }
    const found = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Checking the Docker engine' }, () => detect(docker));
    if ('kind' in found || found.engineError) {
      void vscode.window.showErrorMessage(`Dockerfile Studio: ${'kind' in found ? found.message : found.engineError}`);
      return;
    }
    const options = await this.options(uri, request);
    if (!options) return;
    // The FROM images of the stages this build runs, asked now, while the file is as the builder reads it.
    const plan = await this.plan(uri, options.target, true, Object.fromEntries(options.buildArgs));
    const forced = config.buildProgress();
    const mode: BuildMode = forced === 'auto' ? found.mode : forced;
    const terminal = new OutputTerminal(`Build ${options.tag}`, () => undefined);
    terminal.write(`${docker.path} (${mode}) building ${options.dockerfile}\n`);
    const startedAt = new Date().toISOString();
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Building ${options.tag}`, cancellable: true },
      async (progress, token) => {
        const run = startBuild(docker, options, mode, {
          text: (text) => terminal.write(text),
          event: (event, state) => {
            if (event.type === 'started') {
              const step = state.steps.get(event.id);
              if (step && !step.info.internal) progress.report({ message: step.info.name });
            }
          },
        });
        token.onCancellationRequested(() => run.cancel());
        return run.result;
      },
    );
    terminal.line(result.summary);
    if (result.failure) void vscode.window.showErrorMessage(`Dockerfile Studio: ${result.failure.message}`);
    const succeeded = result.exitCode === 0;
    let id: string | null = null;
    if (result.cancelled) this.diagnostics.delete(uri);
    else {
      // The engine's facts (image, history, FROM images) and the previous record of this Dockerfile and target go to the analysis.
      const previous = await this.ctx.layers.previous(uri.fsPath, options.target);
      const params = await completeRequest(analyzeRequest(uri.toString(), options, mode, { ...result, startedAt, imageId: null }), plan ?? null, dockerFacts(docker), previous);
      if (succeeded) id = params.image.id ?? options.tag;
      // A failed build's place matters to the user; a record of a good one is only kept when the server can make it.
      const record = await this.analyze(params, succeeded);
      if (record) await this.ctx.layers.recorded(uri, record);
      this.showFailure(uri, succeeded ? undefined : record);
    }
    if (!succeeded || id === null) return;
    await this.remember(uri.fsPath, { tag: options.tag });
    await this.state.update(`image:${uri.fsPath}`, { id, tag: options.tag, target: options.target });
    if (request.run) await this.run(uri, terminal);
  }

  /** The server's record of a finished build; undefined when it could not make one (said unless `quiet`). */
  analyze(params: AnalyzeBuildParams, quiet = false): Promise<BuildRecord | undefined> {
    return this.ctx.request<BuildRecord>(ANALYZE_BUILD_REQUEST, params, quiet);
  }

  /** Shows where a failed build failed, with its error and last log lines, on the Dockerfile. */
  private showFailure(uri: vscode.Uri, record: BuildRecord | undefined): void {
    const failure = record?.failure;
    if (!failure) {
      this.diagnostics.delete(uri);
      return;
    }
    const range = new vscode.Range(failure.line - 1, 0, failure.endLine - 1, Number.MAX_SAFE_INTEGER);
    const diagnostic = new vscode.Diagnostic(range, failure.message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'docker build';
    this.diagnostics.set(uri, [diagnostic]);
  }

  /** Runs the last image built from the Dockerfile, replacing its previous container. */
  async run(uri: vscode.Uri | undefined, terminal?: OutputTerminal): Promise<void> {
    uri ??= vscode.window.activeTextEditor?.document.uri;
    if (!uri || !vscode.workspace.isTrusted) return;
    const image = this.state.get<{ id: string; tag: string; target: string | null }>(`image:${uri.fsPath}`);
    if (!image) {
      void vscode.window.showInformationMessage('Dockerfile Studio: build this Dockerfile first.');
      return;
    }
    const docker = this.ctx.docker();
    const decided = decideRun({ dockerfile: uri.fsPath, root: this.root(uri.fsPath), envFile: config.runEnvFile(uri), hostAddress: config.runHostAddress(uri), files: hostFiles });
    for (const refused of ['error' in docker ? docker : null, 'error' in decided ? decided : null]) {
      if (refused) void vscode.window.showErrorMessage(`Dockerfile Studio: ${refused.error}`);
    }
    if ('error' in docker || 'error' in decided) return;
    for (const note of decided.notes) void vscode.window.showWarningMessage(`Dockerfile Studio: ${note}`);
    const envProblem = decided.envFile === null ? null : await checkEnvFile(decided.envFile);
    if (envProblem !== null) {
      void vscode.window.showErrorMessage(`Dockerfile Studio: ${envProblem}`);
      return;
    }
    let exposed: string[] = [];
    if (config.runPublishPorts(uri)) {
      const plan = await this.plan(uri, image.target);
      if (!plan) return;
      exposed = plan.exposedPorts;
    }
    const ports = await choosePorts(exposed, decided.hostAddress, config.runPorts(uri));
    const envFile = decided.envFile;
    const interactive = config.runInteractive(uri);
    const name = containerNameFor(image.tag);
    await this.containers.get(uri.fsPath)?.stop();
    const options = { image: image.id, containerName: name, ports, envFile, interactive, init: true, dockerfile: uri.fsPath, extraFlags: [], command: [] };
    if (interactive) {
      // -it needs a real TTY: a terminal that starts docker itself (argv, no shell).
      const invocation = runInvocation(options, docker.engine);
      vscode.window.createTerminal({ name: `Run ${name}`, shellPath: docker.path, shellArgs: invocation.args, env: invocation.env }).show();
      return;
    }
    const out = terminal ?? new OutputTerminal(`Run ${name}`, () => void this.stop(uri));
    out.line(`Running ${image.tag} as ${name}${ports.map(([a, h, c]) => ` ${a}:${h}->${c}`).join(',')}`);
    const container = await runContainer(docker, options, (chunk) => out.write(chunk));
    this.containers.set(uri.fsPath, container);
    void container.process.exit.then((exit) => {
      if (this.containers.get(uri.fsPath) === container) this.containers.delete(uri.fsPath);
      out.line(`Container ${name} exited (${exit.code ?? exit.signal}).`);
    });
  }

  /** Stops the Dockerfile's container. */
  async stop(uri: vscode.Uri | undefined): Promise<void> {
    uri ??= vscode.window.activeTextEditor?.document.uri;
    if (!uri) return;
    const container = this.containers.get(uri.fsPath);
    const image = this.state.get<{ tag: string }>(`image:${uri.fsPath}`);
    const docker: Docker | { error: string } = this.ctx.docker();
    if (container) await container.stop();
    else if (image && !('error' in docker)) await stopContainer(docker, containerNameFor(image.tag));
    this.containers.delete(uri.fsPath);
  }

  dispose(): void {
    for (const container of this.containers.values()) void container.stop();
    this.diagnostics.dispose();
  }
}
