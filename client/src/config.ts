/**
 * Typed getters over the `dockerfileStudio.*` settings the client reads, declared once. What
 * chooses what runs or which engine is reached (the server script, the docker executable, its
 * context and host, the builder, the progress format) is read from user and machine values only:
 * a cloned repository's workspace settings must not choose it (`userValue`). The settings that a
 * workspace may set but not everywhere (build context, profiles, env file, host address) are
 * returned inspected, for trustedSettings.ts to decide.
 */
import * as vscode from 'vscode';
import type { BuildProfile } from './docker/options';
import { type Inspected, userValue } from './docker/trustedSettings';

/** The settings section; the server pulls the same one. */
export const SECTION = 'dockerfileStudio';

/** The setting that turns the layer decorations on and off (the toggle command flips it). */
export const LAYER_DECORATIONS = 'layers.decorations';

const section = (scope?: vscode.Uri) => vscode.workspace.getConfiguration(SECTION, scope);

/** The progress formats a user may force. */
export type ProgressSetting = 'auto' | 'rawjson' | 'plain' | 'legacy';

/** The client's settings; `file` scopes a resource setting to a Dockerfile. */
export const config = {
  /** An alternative language server script (user settings only). */
  serverPath: (): string | undefined => section().inspect<string>('server.path')?.globalValue,
  /** The docker executable as configured (user settings only); empty or undefined: `docker` from PATH. */
  dockerPath: (): string | undefined => userValue(section().inspect<string>('docker.path')),
  /** A Docker context name (user settings only), or null. */
  dockerContext: (): string | null => userValue(section().inspect<string>('docker.context')) || null,
  /** A DOCKER_HOST value (user settings only), or null. */
  dockerHost: (): string | null => userValue(section().inspect<string>('docker.host')) || null,
  /** A buildx builder (user settings only), or null. */
  buildBuilder: (): string | null => userValue(section().inspect<string>('build.builder')) || null,
  /** The progress format to read (user settings only); anything unknown is `auto`. */
  buildProgress: (): ProgressSetting => {
    const value = userValue(section().inspect<string>('build.progress'));
    return value === 'rawjson' || value === 'plain' || value === 'legacy' ? value : 'auto';
  },
  /** The build context setting, inspected (a workspace value must stay inside the folder). */
  buildContext: (file: vscode.Uri): Inspected<string> | undefined => section(file).inspect<string>('build.context'),
  /** The build profiles, inspected (a workspace profile's flags are filtered). */
  buildProfiles: (file: vscode.Uri): Inspected<Record<string, BuildProfile>> | undefined => section(file).inspect<Record<string, BuildProfile>>('build.profiles'),
  /** The target platform, or null for the engine's. */
  buildPlatform: (file: vscode.Uri): string | null => section(file).get<string>('build.platform') || null,
  /** Publish the image's EXPOSEd ports when running it. */
  runPublishPorts: (file: vscode.Uri): boolean => section(file).get<boolean>('run.publishPorts', true),
  /** The host address to publish on, inspected (a workspace may only choose a loopback one). */
  runHostAddress: (file: vscode.Uri): Inspected<string> | undefined => section(file).inspect<string>('run.hostAddress'),
  /** Host port per container port. */
  runPorts: (file: vscode.Uri): Record<string, number> => section(file).get<Record<string, number>>('run.ports') ?? {},
  /** The env file, inspected (a workspace value must stay inside the folder). */
  runEnvFile: (file: vscode.Uri): Inspected<string> | undefined => section(file).inspect<string>('run.envFile'),
  /** Whether the editor shows the layer decorations after a build (default on). */
  layerDecorations: (): boolean => section().get<boolean>(LAYER_DECORATIONS, true) !== false,
  /** Flips the layer decorations where they are set: the workspace's value if it has one, else the user's. */
  toggleLayerDecorations: (): Thenable<void> => {
    const inspected = section().inspect<boolean>(LAYER_DECORATIONS);
    const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    return section().update(LAYER_DECORATIONS, !config.layerDecorations(), target);
  },
  /** Run with -it in a terminal of its own. */
  runInteractive: (file: vscode.Uri): boolean => section(file).get<boolean>('run.interactive', false),
};
