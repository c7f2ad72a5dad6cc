/**
 * Which build and run settings may reach the host. A value from a workspace or folder settings
 * file was committed by whoever wrote the repository, so it is data: it may not write or read host
 * paths through docker flags, move the build context or the env file out of the workspace folder,
 * or publish ports beyond loopback. Only the user's own settings (and the defaults) may. Pure: the
 * inputs are `WorkspaceConfiguration.inspect()` results and an injected view of the file system.
 */
import * as path from 'node:path';
import type { BuildProfile } from './options';

/** The part of `WorkspaceConfiguration.inspect(key)` that says where a value was set. */
export interface Inspected<T> {
  key?: string;
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** Where an effective value came from: `user` covers user and machine settings. */
export type Origin = 'default' | 'user' | 'workspace';

/** What the decisions need to know about the disk. */
export interface FileView {
  /** The path with every symlink resolved, or null when it does not exist. */
  realpath(file: string): string | null;
  kind(file: string): 'folder' | 'file' | 'missing' | 'other';
}

/** The value VS Code's `get()` gives (folder over workspace over user over default), and its origin. */
export function effective<T>(inspected: Inspected<T> | undefined): { value: T | undefined; origin: Origin } {
  if (inspected?.workspaceFolderValue !== undefined) return { value: inspected.workspaceFolderValue, origin: 'workspace' };
  if (inspected?.workspaceValue !== undefined) return { value: inspected.workspaceValue, origin: 'workspace' };
  if (inspected?.globalValue !== undefined) return { value: inspected.globalValue, origin: 'user' };
  return { value: inspected?.defaultValue, origin: 'default' };
}

/** A setting read from user or machine settings only (or its default): what names an executable or an engine. */
export function userValue<T>(inspected: Inspected<T> | undefined): T | undefined {
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/**
 * Flags a workspace may add to `docker build`: none of them reads or writes a host path, opens
 * network access beyond the build's default, pushes, or changes the output we parse. Everything
 * else (`--output`, `--secret`, `--ssh`, `--build-context`, `--cache-to/from`, `--iidfile`,
 * `--metadata-file`, `--allow`, `--push`, `--file`, `--builder`, `--progress`, `--network=host`,
 * short forms...) is taken from user settings only. `value` says whether the flag takes one
 * (pflag reads the next item as the value when there is no `=`); `check` vets it.
 */
const WORKSPACE_FLAGS: Record<string, { value: boolean; check?: (value: string) => boolean }> = {
  '--pull': { value: false },
  '--no-cache': { value: false },
  '--no-cache-filter': { value: true },
  '--label': { value: true },
  // `--build-arg NAME` without `=value` copies NAME from the environment of the docker CLI, ours.
  '--build-arg': { value: true, check: (value) => /^[^=]+=/.test(value) },
  '--target': { value: true },
  '--platform': { value: true },
  '--network': { value: true, check: (value) => value === 'default' || value === 'none' },
};

/** Splits flags from a workspace into those allowed there and those refused (each refused flag with its value). */
export function filterWorkspaceFlags(flags: readonly unknown[]): { accepted: string[]; refused: string[] } {
  const accepted: string[] = [];
  const refused: string[] = [];
  for (let i = 0; i < flags.length; i++) {
    const item = String(flags[i]);
    const equals = item.indexOf('=');
    const name = equals < 0 ? item : item.slice(0, equals);
    const spec = item.startsWith('--') ? WORKSPACE_FLAGS[name] : undefined;
    if (!spec) {
      refused.push(item);
      continue;
    }
    if (!spec.value) {
      if (equals < 0 || /^(?:true|false)$/.test(item.slice(equals + 1))) accepted.push(item);
      else refused.push(item);
      continue;
    }
    const value = equals >= 0 ? item.slice(equals + 1) : i + 1 < flags.length ? String(flags[++i]) : null;
    const taken = equals >= 0 ? [item] : value === null ? [item] : [item, value];
    if (value !== null && (spec.check?.(value) ?? true)) accepted.push(...taken);
    else refused.push(taken.join(' '));
  }
  return { accepted, refused };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The profile names the picker offers, in the order VS Code merges them. */
export function profileNames(inspected: Inspected<Record<string, BuildProfile>> | undefined): string[] {
  const names = new Set<string>();
  for (const layer of [inspected?.defaultValue, inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue]) {
    if (isObject(layer)) for (const [name, profile] of Object.entries(layer)) if (isObject(profile)) names.add(name);
  }
  return [...names];
}

/** A profile as the build may use it: workspace flags filtered, and where its context came from. */
export interface TrustedProfile {
  profile: BuildProfile;
  contextOrigin: Origin;
  /** One line per refused flag group, for a warning. */
  notes: string[];
}

/**
 * One profile merged as VS Code merges object settings (folder over workspace over user, field
 * by field, `args` key by key), keeping the origin of each field that can reach the host.
 */
export function trustedProfile(inspected: Inspected<Record<string, BuildProfile>> | undefined, name: string): TrustedProfile | undefined {
  const layers: [Origin, Record<string, unknown>][] = [];
  const add = (origin: Origin, all: unknown) => {
    const profile = isObject(all) && Object.hasOwn(all, name) ? all[name] : undefined;
    if (isObject(profile)) layers.push([origin, profile]);
  };
  add('default', inspected?.defaultValue);
  add('user', inspected?.globalValue);
  add('workspace', inspected?.workspaceValue);
  add('workspace', inspected?.workspaceFolderValue);
  if (layers.length === 0) return undefined;
  const profile: BuildProfile = {};
  let contextOrigin: Origin = 'default';
  let flags: { origin: Origin; list: unknown[] } | null = null;
  for (const [origin, layer] of layers) {
    for (const field of ['target', 'platform', 'tag'] as const) if (typeof layer[field] === 'string') profile[field] = layer[field];
    if (typeof layer.context === 'string') [profile.context, contextOrigin] = [layer.context, origin];
    if (isObject(layer.args)) profile.args = { ...profile.args, ...Object.fromEntries(Object.entries(layer.args).map(([k, v]) => [k, String(v)])) };
    if (Array.isArray(layer.flags)) flags = { origin, list: layer.flags };
  }
  const notes: string[] = [];
  if (flags && flags.origin === 'workspace') {
    const { accepted, refused } = filterWorkspaceFlags(flags.list);
    profile.flags = accepted;
    if (refused.length > 0) {
      notes.push(`Ignored flags of build profile "${name}" set in workspace settings: ${refused.join(' ')}. Flags that read or write host files, reach the network or push are taken from your user settings only.`);
    }
  } else if (flags) {
    profile.flags = flags.list.map(String);
  }
  return { profile, contextOrigin, notes };
}

/** True when `file` is `root` or inside it. */
function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/**
 * A path setting resolved against `base`. From the workspace it must stay inside `root` once
 * symlinks are resolved (a committed `ctx -> /` is as far out as `..`); from the user it may go anywhere.
 */
export function confinedPath(setting: string, value: string, origin: Origin, base: string, root: string, files: FileView): { path: string } | { error: string } {
  const resolved = path.resolve(base, value);
  if (origin === 'user') return { path: resolved };
  const realRoot = files.realpath(root) ?? root;
  if (isInside(root, resolved) && isInside(realRoot, files.realpath(resolved) ?? resolved)) return { path: resolved };
  return {
    error: `The workspace setting "dockerfileStudio.${setting}" ("${value}") points outside the workspace folder ${root}: ${resolved}. Only your user settings may point outside it.`,
  };
}

/** Says what is wrong with a build context folder, or null when it is one. */
export function contextProblem(folder: string, kind: ReturnType<FileView['kind']>): string | null {
  if (kind === 'folder') return null;
  return kind === 'missing' ? `The build context folder ${folder} does not exist.` : `The build context ${folder} is not a folder.`;
}

/** What the build may use from the settings. */
export interface BuildDecision {
  context: string;
  /** The chosen profile without its context (already in `context`), or undefined. */
  profile: BuildProfile | undefined;
  notes: string[];
}

/**
 * The build context (the profile's, else `build.context`, else the Dockerfile's folder; relative
 * to the Dockerfile) and the chosen profile, or the error that stops the build.
 */
export function decideBuild(input: {
  dockerfile: string;
  /** The workspace folder holding the Dockerfile (its own folder when it is in none). */
  root: string;
  context: Inspected<string> | undefined;
  profiles: Inspected<Record<string, BuildProfile>> | undefined;
  profileName: string | null;
  files: FileView;
}): BuildDecision | { error: string } {
  const base = path.dirname(input.dockerfile);
  const chosen = input.profileName === null ? undefined : trustedProfile(input.profiles, input.profileName);
  const setting = effective(input.context);
  let context: { path: string } | { error: string } = { path: base };
  if (chosen?.profile.context) {
    context = confinedPath(`build.profiles.${input.profileName}.context`, chosen.profile.context, chosen.contextOrigin, base, input.root, input.files);
  } else if (typeof setting.value === 'string' && setting.value !== '') {
    context = confinedPath('build.context', setting.value, setting.origin, base, input.root, input.files);
  }
  if ('error' in context) return context;
  const problem = contextProblem(context.path, input.files.kind(context.path));
  if (problem) return { error: problem };
  const profile = chosen ? { ...chosen.profile, context: undefined } : undefined;
  return { context: context.path, profile, notes: chosen?.notes ?? [] };
}

/** Loopback addresses: 127.0.0.0/8, ::1 and localhost (which docker needs as an address). */
function loopback(address: string): string | null {
  const text = address.trim().toLowerCase();
  if (text === 'localhost') return '127.0.0.1';
  if (text === '::1' || text === '[::1]') return '::1';
  const parts = text.split('.');
  if (parts.length === 4 && parts[0] === '127' && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return text;
  return null;
}

/** What `docker run` may use from the settings. */
export interface RunDecision {
  envFile: string | null;
  hostAddress: string;
  notes: string[];
}

/**
 * The env file (relative to the Dockerfile, kept in the workspace folder unless the user set it)
 * and the address ports are published on: a workspace may only choose a loopback one.
 */
export function decideRun(input: { dockerfile: string; root: string; envFile: Inspected<string> | undefined; hostAddress: Inspected<string> | undefined; files: FileView }): RunDecision | { error: string } {
  const notes: string[] = [];
  const address = effective(input.hostAddress);
  let hostAddress = typeof address.value === 'string' && address.value.trim() !== '' ? address.value.trim() : '127.0.0.1';
  if (address.origin === 'workspace') {
    const local = loopback(hostAddress);
    if (local === null) {
      const fallback = userValue(input.hostAddress)?.trim() || '127.0.0.1';
      notes.push(`Ignored the workspace setting "dockerfileStudio.run.hostAddress" ("${hostAddress}"): a workspace may only publish ports on 127.0.0.1, ::1 or localhost. Using ${fallback}; set another address in your user settings.`);
      hostAddress = fallback;
    } else {
      hostAddress = local;
    }
  } else if (hostAddress.toLowerCase() === 'localhost') {
    hostAddress = '127.0.0.1';
  }
  const envSetting = effective(input.envFile);
  if (typeof envSetting.value !== 'string' || envSetting.value === '') return { envFile: null, hostAddress, notes };
  const envFile = confinedPath('run.envFile', envSetting.value, envSetting.origin, path.dirname(input.dockerfile), input.root, input.files);
  if ('error' in envFile) return envFile;
  if (input.files.kind(envFile.path) !== 'file') return { error: `The env file ${envFile.path} (from "dockerfileStudio.run.envFile") does not exist or is not a file.` };
  return { envFile: envFile.path, hostAddress, notes };
}
