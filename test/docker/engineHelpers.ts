/**
 * Shared setup of the real-engine tests: the docker CLI to use, a copy of a fixture in a fresh
 * folder, a build that resolves with its events, and condition waits (never fixed sleeps).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildMode, BuildOptions } from '../../client/src/docker/argv';
import { type BuildResult, type Docker, detect, startBuild } from '../../client/src/docker/engine';
import type { BuildEvent } from '../../client/src/docker/events';
import { collect, nodeRunner } from '../../client/src/docker/runner';

/** The packaged client (it finds the buildx plugin), or DOCKER_PATH. */
export const DOCKER_PATH = process.env.DOCKER_PATH ?? (existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker');

/** The docker this suite drives. */
export const docker: Docker = { runner: nodeRunner, path: DOCKER_PATH, engine: { dockerContext: null, dockerHost: null } };

/** The base image every fixture starts FROM; scripts/engine/setup.sh imports it (no registry is reachable). */
export const BASE_IMAGE = 'local/busybox:latest';

/** Why the suite must be skipped, or false; under CI=true a missing engine or base image fails instead. */
export async function skipReason(): Promise<string | false> {
  const found = await detect(docker);
  let problem = 'kind' in found ? found.message : found.engineError;
  // Without the local base image every build tries to pull it and fails with the registry
  // message, which reads like a network problem; say what is really missing.
  if (!problem && (await collect(docker.runner, { command: docker.path, args: ['image', 'inspect', '--format', '{{.Id}}', BASE_IMAGE] })).code !== 0) {
    problem = `the base image ${BASE_IMAGE} is missing`;
  }
  if (!problem) return false;
  if (process.env.CI === 'true') throw new Error(`CI=true and the Docker engine is not usable: ${problem}; run scripts/engine/setup.sh`);
  return `no usable Docker engine (${problem}); run scripts/engine/setup.sh`;
}

/** Copies a fixture folder of test/docker/fixtures into a new temporary folder. */
export function copyFixture(name: string, folderName = 'ctx'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'dfs-engine-')), folderName);
  cpSync(join(process.cwd(), 'test/docker/fixtures', name), dir, { recursive: true });
  return dir;
}

/** Build options for a context folder with its Dockerfile. */
export function optionsFor(context: string, tag: string, extra: Partial<BuildOptions> = {}): BuildOptions {
  return { dockerfile: join(context, 'Dockerfile'), context, tag, target: null, buildArgs: [], platform: null, noCache: false, builder: null, extraFlags: [], ...extra };
}

/** Runs a build to its end and returns the result with every event and the terminal text. */
export async function build(options: BuildOptions, mode: BuildMode = 'rawjson'): Promise<BuildResult & { events: BuildEvent[]; text: string }> {
  const events: BuildEvent[] = [];
  let text = '';
  const run = startBuild(docker, options, mode, { event: (event) => events.push(event), text: (chunk) => (text += chunk) });
  const result = await run.result;
  return { ...result, events, text };
}

/** Resolves when the condition holds; polls a cheap check until the deadline (for effects with no event to wait on). */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15000): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

/** Processes whose command line contains every one of the words (read from /proc). */
export function processesWith(...words: string[]): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (words.every((word) => argv.includes(word))) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** True when the process group no longer has any member. */
export function groupGone(pid: number | undefined): boolean {
  if (pid === undefined) return true;
  try {
    process.kill(-pid, 0);
    return false;
  } catch {
    return true;
  }
}
