/**
 * The build and run commands: "Build and Run", "Build Image", "Rebuild Without Cache", "Run Last
 * Built Image", "Stop Container", and a code lens on FROM lines. Each command is a factory over
 * one BuildController; the logic lives in client/src/docker (pure and tested).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type BuildMode, type BuildOptions, runInvocation } from '../docker/argv';
import { defaultTarget, exposedPorts, scanDockerfile, buildArgs as declaredArgs } from '../docker/dockerfileSteps';
import { type ContainerRun, type Docker, choosePorts, detect, imageId, runContainer, startBuild, stopContainer } from '../docker/engine';
import { checkEnvFile } from '../docker/envFile';
import { placeFailure } from '../docker/failure';
import { type Resolved, resolveDocker, searchEnv } from '../docker/executable';
import { hostFiles, isExecutableFile } from '../docker/hostFiles';
import { type BuildProfile, type RememberedChoices, applyProfile, containerNameFor, defaultTag, prefillBuildArgs } from '../docker/options';
import { nodeRunner } from '../docker/runner';
import { decideBuild, decideRun, profileNames, trustedProfile, userValue } from '../docker/trustedSettings';
import { OutputTerminal } from './buildTerminal';

const SECTION = 'dockerfileStudio';

/** What a command asks for. */
interface Request {
  uri?: vscode.Uri;
  target?: string;
  noCache?: boolean;
  run: boolean;
}

// The executable found on PATH, kept while the setting and PATH stay the same and the file is there.
let resolvedDocker: { key: string; path: string } | undefined;

/**
 * The docker executable (an absolute path, looked up once per setting and PATH) and engine, from
 * user and machine settings only; or why there is none. Build and Run and the image-environment
 * lookup of the language server both start docker through it.
 */
export function dockerFromSettings(): Docker | { error: string } {
  const config = vscode.workspace.getConfiguration(SECTION);
  const configured = userValue(config.inspect<string>('docker.path'));
  const env = searchEnv(process.env, process.platform);
  const key = JSON.stringify([configured, env.PATH, env.PATHEXT]);
  if (resolvedDocker?.key !== key || !isExecutableFile(resolvedDocker.path)) {
    const found: Resolved = resolveDocker(configured, env, process.platform, isExecutableFile);
    if ('error' in found) return found;
    resolvedDocker = { key, path: found.path };
  }
  return {
    runner: nodeRunner,
    path: resolvedDocker.path,
    engine: { dockerContext: userValue(config.inspect<string>('docker.context')) || null, dockerHost: userValue(config.inspect<string>('docker.host')) || null },
  };
}

/** Owns the diagnostics, the remembered choices and the running container of each Dockerfile. */
class BuildController {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('dockerfile-build');
  private readonly containers = new Map<string, ContainerRun>();

  constructor(private readonly context: vscode.ExtensionContext) {}

  docker(): Docker | { error: string } {
    return dockerFromSettings();
  }

  /** The workspace folder a file belongs to; its own folder when it is in none. */
  private root(file: string): string {
    return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath ?? path.dirname(file);
  }

  remembered(file: string): RememberedChoices {
    return this.context.workspaceState.get<RememberedChoices>(`build:${file}`) ?? {};
  }

  remember(file: string, choices: RememberedChoices): Thenable<void> {
    return this.context.workspaceState.update(`build:${file}`, { ...this.remembered(file), ...choices });
  }

  /** Asks for what the build needs (pre-filled with the remembered choices); undefined when cancelled. */
  async options(file: string, text: string, request: Request): Promise<BuildOptions | undefined> {
    const config = vscode.workspace.getConfiguration(SECTION, vscode.Uri.file(file));
    const previous = this.remembered(file);
    const scanned = scanDockerfile(text);
    const profiles = config.inspect<Record<string, BuildProfile>>('build.profiles');
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
    let target = request.target ?? previous.target ?? defaultTarget(scanned);
    const stageNames = scanned.stages.map((stage) => stage.name ?? String(stage.index));
    if (!request.target && stageNames.length > 1) {
      const picked = await vscode.window.showQuickPick(stageNames.map((label) => ({ label, picked: label === target })), { title: 'Target stage' });
      if (picked === undefined) return undefined;
      target = picked.label;
    }
    const values: [string, string][] = [];
    for (const arg of prefillBuildArgs(declaredArgs(scanned), previous.buildArgs)) {
      const value = await vscode.window.showInputBox({ title: `Build arg ${arg.name}`, prompt: `ARG ${arg.name} has no default`, value: arg.value });
      if (value === undefined) return undefined;
      values.push([arg.name, value]);
    }
    const decided = decideBuild({ dockerfile: file, root: this.root(file), context: config.inspect<string>('build.context'), profiles, profileName: profile, files: hostFiles });
    if ('error' in decided) {
      void vscode.window.showErrorMessage(`Dockerfile Studio: ${decided.error}`);
      return undefined;
    }
    for (const note of decided.notes) void vscode.window.showWarningMessage(`Dockerfile Studio: ${note}`);
    const machine = vscode.workspace.getConfiguration(SECTION);
    const base: BuildOptions = {
      dockerfile: file,
      context: decided.context,
      tag: tag.trim(),
      target: target === defaultTarget(scanned) ? null : target,
      buildArgs: values,
      platform: previous.platform ?? (config.get<string>('build.platform') || null),
      noCache: request.noCache ?? false,
      builder: userValue(machine.inspect<string>('build.builder')) || null,
      extraFlags: [],
    };
    await this.remember(file, { tag: base.tag, target, buildArgs: values, profile });
    // decideBuild already placed the profile's context (and vetted it); the tag was asked above.
    return applyProfile(base, decided.profile && { ...decided.profile, tag: undefined }, (p) => p);
  }

  /** Builds (and runs) the Dockerfile a command was given or the active editor's. */
  async buildAndMaybeRun(request: Request): Promise<void> {
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
    const docker = this.docker();
    if ('error' in docker) {
      void vscode.window.showErrorMessage(`Dockerfile Studio: ${docker.error}`);
      return;
    }
    const found = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Checking the Docker engine' }, () => detect(docker));
    if ('kind' in found || found.engineError) {
      void vscode.window.showErrorMessage(`Dockerfile Studio: ${'kind' in found ? found.message : found.engineError}`);
      return;
    }
    const options = await this.options(uri.fsPath, document.getText(), request);
    if (!options) return;
    const forced = userValue(vscode.workspace.getConfiguration(SECTION).inspect<string>('build.progress')) ?? 'auto';
    const mode: BuildMode = forced === 'rawjson' || forced === 'plain' || forced === 'legacy' ? forced : found.mode;
    const terminal = new OutputTerminal(`Build ${options.tag}`, () => undefined);
    terminal.write(`${docker.path} (${mode}) building ${options.dockerfile}\n`);
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
    this.showFailure(uri, document.getText(), result.state, options, result.exitCode === 0 || result.cancelled);
    if (result.failure) void vscode.window.showErrorMessage(`Dockerfile Studio: ${result.failure.message}`);
    if (result.exitCode !== 0) return;
    const id = (await imageId(docker, options.tag)) ?? options.tag;
    await this.remember(uri.fsPath, { tag: options.tag });
    await this.context.workspaceState.update(`image:${uri.fsPath}`, { id, tag: options.tag, target: options.target });
    if (request.run) await this.run(uri, terminal);
  }

  private showFailure(uri: vscode.Uri, text: string, state: Parameters<typeof placeFailure>[0], options: BuildOptions, clear: boolean): void {
    if (clear) {
      this.diagnostics.delete(uri);
      return;
    }
    const place = placeFailure(state, scanDockerfile(text), uri.fsPath, options.target);
    if (!place) return;
    const range = new vscode.Range(place.startLine, 0, place.endLine, Number.MAX_SAFE_INTEGER);
    const diagnostic = new vscode.Diagnostic(range, place.message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'docker build';
    this.diagnostics.set(uri, [diagnostic]);
  }

  /** Runs the last image built from the Dockerfile, replacing its previous container. */
  async run(uri: vscode.Uri | undefined, terminal?: OutputTerminal): Promise<void> {
    uri ??= vscode.window.activeTextEditor?.document.uri;
    if (!uri || !vscode.workspace.isTrusted) return;
    const image = this.context.workspaceState.get<{ id: string; tag: string; target: string | null }>(`image:${uri.fsPath}`);
    if (!image) {
      void vscode.window.showInformationMessage('Dockerfile Studio: build this Dockerfile first.');
      return;
    }
    const config = vscode.workspace.getConfiguration(`${SECTION}.run`, uri);
    const docker = this.docker();
    const decided = decideRun({ dockerfile: uri.fsPath, root: this.root(uri.fsPath), envFile: config.inspect<string>('envFile'), hostAddress: config.inspect<string>('hostAddress'), files: hostFiles });
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
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    const exposed = config.get<boolean>('publishPorts', true) ? exposedPorts(scanDockerfile(text), image.target) : [];
    const ports = await choosePorts(exposed, decided.hostAddress, config.get<Record<string, number>>('ports') ?? {});
    const envFile = decided.envFile;
    const interactive = config.get<boolean>('interactive', false);
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
    const image = this.context.workspaceState.get<{ tag: string }>(`image:${uri.fsPath}`);
    const docker = this.docker();
    if (container) await container.stop();
    else if (image && !('error' in docker)) await stopContainer(docker, containerNameFor(image.tag));
    this.containers.delete(uri.fsPath);
  }

  dispose(): void {
    for (const container of this.containers.values()) void container.stop();
    this.diagnostics.dispose();
  }
}

/** Code lens "Build and run this stage" above each FROM. */
class StageLenses implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return scanDockerfile(document.getText()).stages.map((stage) => {
      const line = stage.instructions[0]?.startLine ?? 0;
      const target = stage.name ?? String(stage.index);
      return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), { title: '$(play) Build and run this stage', command: 'dockerfileStudio.buildAndRun', arguments: [document.uri, target] });
    });
  }
}

/** Registers the build and run commands and the FROM code lens. */
export function registerBuildCommands(context: vscode.ExtensionContext): void {
  const controller = new BuildController(context);
  const uriOf = (arg: unknown) => (arg instanceof vscode.Uri ? arg : undefined);
  context.subscriptions.push(
    controller,
    vscode.commands.registerCommand('dockerfileStudio.buildAndRun', (uri?: unknown, target?: string) => controller.buildAndMaybeRun({ uri: uriOf(uri), target, run: true })),
    vscode.commands.registerCommand('dockerfileStudio.buildImage', (uri?: unknown) => controller.buildAndMaybeRun({ uri: uriOf(uri), run: false })),
    vscode.commands.registerCommand('dockerfileStudio.rebuildNoCache', (uri?: unknown) => controller.buildAndMaybeRun({ uri: uriOf(uri), noCache: true, run: false })),
    vscode.commands.registerCommand('dockerfileStudio.runLastImage', (uri?: unknown) => controller.run(uriOf(uri))),
    vscode.commands.registerCommand('dockerfileStudio.stopContainer', (uri?: unknown) => controller.stop(uriOf(uri))),
    vscode.languages.registerCodeLensProvider({ language: 'dockerfile', scheme: 'file' }, new StageLenses()),
  );
}
