/**
 * What governs a Dockerfile on disk, asked the same way by the language server and the CLI:
 * the project config file (searched upwards, never above the workspace folder or, without one,
 * the repository root), the build context (the `build.context` setting, kept inside the
 * workspace folder, or the Dockerfile's folder), and the ignore file BuildKit would use (`<Dockerfile name>.dockerignore` next to
 * the Dockerfile, else `.dockerignore` at the context root).
 *
 * Everything here is read from a cloned repository, so it is untrusted: only regular files
 * under a size cap are read, opened without blocking (a FIFO never holds the event loop), and
 * problems come back as values for the caller to show, never as exceptions.
 */
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAME, configIgnores, parseProjectConfig, type ProjectConfig } from './config';
import { readRegularFile, type ReadOutcome } from './safeRead';
import { excerpt } from './service';

export type { ReadOutcome } from './safeRead';

/** Config and ignore files are a few KB; anything near this is not one a person wrote. */
export const MAX_PROJECT_FILE_BYTES = 1024 * 1024;

/** Glob patterns of the files whose change alters a project context, for file watchers. */
export const PROJECT_FILE_GLOBS: readonly string[] = [`**/${CONFIG_FILE_NAME}`, '**/.dockerignore', '**/*.dockerignore'];

/** What the caller knows about a Dockerfile beyond its path. */
export interface ContextRequest {
  /** The Dockerfile's absolute path. */
  dockerfile: string;
  /** The workspace folder holding it (absolute): the config search never goes above it. */
  workspaceFolder?: string | null;
  /** The `build.context` setting, relative to the Dockerfile's folder; empty, or outside the workspace folder: that folder. */
  buildContext?: string;
  /** A config chosen by the caller (`--config`): used instead of searching. */
  config?: ProjectConfig | null;
}

/** Something the user should hear about one of the files, one sentence. */
export interface ContextProblem {
  /** The file it is about. */
  path: string;
  /** `error`: the file could not be used at all; `warning`: part of it was dropped. */
  severity: 'error' | 'warning';
  message: string;
}

/** The answer for one Dockerfile. */
export interface ProjectContext {
  dockerfile: string;
  /** The build context folder (absolute). */
  buildContext: string;
  /** The config file in effect, or null. */
  config: ProjectConfig | null;
  /** The ignore file in effect (absolute path), or null. */
  ignoreFile: string | null;
  /** Its text; null when there is none or it could not be read. */
  dockerignore: string | null;
  /** The config file whose `ignore` list covers this Dockerfile, or null. */
  ignoredBy: string | null;
  problems: ContextProblem[];
}

/**
 * Reads a config or ignore file: a regular file of at most `maxBytes`, opened without blocking
 * (safeRead.ts, the one reader of repository files for the server, the CLI and the client).
 */
export function readProjectFile(path: string, maxBytes = MAX_PROJECT_FILE_BYTES): Promise<ReadOutcome> {
  return readRegularFile(path, maxBytes);
}

/** Reads and parses a config file at a known path; `absent` says it is not there. */
export async function readConfigFile(path: string): Promise<{ config: ProjectConfig | null; problems: ContextProblem[]; absent?: string }> {
  const read = await readProjectFile(path);
  if (read.kind === 'absent') return { config: null, problems: [], absent: read.code };
  if (read.kind === 'skipped') return { config: null, problems: [{ path, severity: 'error', message: `skipped: ${read.reason}` }] };
  const parsed = parseProjectConfig(read.text, path);
  if (parsed.error !== undefined) return { config: null, problems: [{ path, severity: 'error', message: parsed.error }] };
  return { config: parsed.config, problems: parsed.config.warnings.map((message) => ({ path, severity: 'warning', message })) };
}

/** True when `path` is `folder` or inside it. */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  // On another drive `relative` gives an absolute path.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The innermost of the workspace folders that holds the path, or null. */
export function containingFolder(path: string, folders: readonly string[]): string | null {
  let best: string | null = null;
  for (const folder of folders) if (isInside(path, folder) && (best === null || folder.length > best.length)) best = folder;
  return best;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The nearest config file from `folder` upwards: up to `stop` when given, else up to the
 * repository root (the nearest folder holding `.git`), else up to the file system root.
 */
async function searchConfig(folder: string, stop: string | null): Promise<{ config: ProjectConfig | null; problems: ContextProblem[] }> {
  for (let dir = folder; ; ) {
    const found = await readConfigFile(join(dir, CONFIG_FILE_NAME));
    if (found.absent === undefined) return found;
    if (stop !== null ? dir === stop : await exists(join(dir, '.git'))) break;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return { config: null, problems: [] };
}

/** The path with every link resolved, or the path itself when it does not exist. */
async function realOrSelf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

/**
 * The build context: the `build.context` setting resolved against the Dockerfile's folder, kept
 * inside the workspace folder as the client keeps it for a build (trustedSettings.ts
 * `confinedPath`): once links are resolved, since a committed `ctx -> /` leads as far out as
 * `..`. A setting that leaves it is dropped, with a warning, for the Dockerfile's folder.
 */
async function confinedContext(folder: string, setting: string, workspace: string | null, problems: ContextProblem[]): Promise<string> {
  const resolved = resolve(folder, setting);
  if (workspace === null || !isInside(folder, workspace)) return resolved;
  if (isInside(resolved, workspace) && isInside(await realOrSelf(resolved), await realOrSelf(workspace))) return resolved;
  problems.push({
    path: resolved,
    severity: 'warning',
    message: `the setting "dockerfileStudio.build.context" ("${excerpt(setting)}") points outside the workspace folder ${workspace}; its .dockerignore is not read, and the Dockerfile's folder stands in as the build context`,
  });
  return folder;
}

/** Everything that governs one Dockerfile on disk; never throws for what it finds there. */
export async function loadProjectContext(request: ContextRequest): Promise<ProjectContext> {
  const dockerfile = resolve(request.dockerfile);
  const folder = dirname(dockerfile);
  const workspace = request.workspaceFolder ? resolve(request.workspaceFolder) : null;
  const problems: ContextProblem[] = [];
  let config = request.config ?? null;
  if (request.config === undefined) {
    // A Dockerfile outside the workspace folder is bounded by its repository instead.
    const found = await searchConfig(folder, workspace !== null && isInside(folder, workspace) ? workspace : null);
    config = found.config;
    problems.push(...found.problems);
  }
  const buildContext = request.buildContext ? await confinedContext(folder, request.buildContext, workspace, problems) : folder;
  let ignoreFile: string | null = null;
  let dockerignore: string | null = null;
  // BuildKit's order: the Dockerfile's own ignore file, then the context root's.
  for (const candidate of [join(folder, `${basename(dockerfile)}.dockerignore`), join(buildContext, '.dockerignore')]) {
    const read = await readProjectFile(candidate);
    if (read.kind === 'absent') continue;
    ignoreFile = candidate;
    if (read.kind === 'text') dockerignore = read.text;
    else problems.push({ path: candidate, severity: 'warning', message: `skipped: ${read.reason}; the ignore file is not applied` });
    break;
  }
  const ignoredBy = config && configIgnores(config, dockerfile) ? config.path : null;
  return { dockerfile, buildContext, config, ignoreFile, dockerignore, ignoredBy, problems };
}

/** True when a change to the file at `changed` (created, edited or deleted) may alter the context. */
export function contextDependsOn(context: ProjectContext, changed: string): boolean {
  const name = basename(changed);
  const folder = dirname(resolve(changed));
  if (name === CONFIG_FILE_NAME) return isInside(dirname(context.dockerfile), folder);
  return (
    (name === `${basename(context.dockerfile)}.dockerignore` && folder === dirname(context.dockerfile)) ||
    (name === '.dockerignore' && folder === context.buildContext)
  );
}
