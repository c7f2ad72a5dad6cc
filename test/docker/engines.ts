/**
 * The engines beside the default one, each driven through client/src/docker/engine.ts: the second
 * dockerd behind the `studio-second` context (scripts/engine/second.sh), the current engine
 * (scripts/engine/setup-current.sh, BuildKit 0.25) and the registry on 127.0.0.1:5000
 * (scripts/engine/registry.sh).
 */
import { join } from 'node:path';
import { type Docker, detect } from '../../client/src/docker/engine';
import { collect, nodeRunner } from '../../client/src/docker/runner';
import { BASE_IMAGE, DOCKER_PATH, docker } from './engineHelpers';

/** The context second.sh creates. */
export const SECOND_CONTEXT = 'studio-second';

/** The second engine, picked the way a user picks one: `EngineOptions.dockerContext`. */
export const secondEngine: Docker = { runner: nodeRunner, path: DOCKER_PATH, engine: { dockerContext: SECOND_CONTEXT, dockerHost: null } };

const CURRENT_PREFIX = process.env.DOCKER_CURRENT_PREFIX ?? '/opt/docker-current';
const CURRENT_STATE = process.env.CURRENT_STATE ?? '/var/tmp/dockerfile-studio-engine-current';
// The current engine's own CLI finds its buildx (0.29) only through this config folder.
const currentEnv = { DOCKER_CONFIG: join(CURRENT_STATE, 'docker-config') };

/** The current engine with its own CLI and buildx, reached through DOCKER_HOST. */
export const currentEngine: Docker = {
  runner: { spawn: (request) => nodeRunner.spawn({ ...request, env: { ...currentEnv, ...request.env } }) },
  path: join(CURRENT_PREFIX, 'usr/bin/docker'),
  engine: { dockerContext: null, dockerHost: 'unix:///var/run/docker-current.sock' },
};

/** The registry every engine reaches on the host's loopback. */
export const REGISTRY = '127.0.0.1:5000';

/** Runs the docker CLI of an engine with global options first; the result is never thrown. */
export async function dockerCli(engine: Docker, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const global = engine.engine.dockerContext ? ['--context', engine.engine.dockerContext] : [];
  const env: Record<string, string> = engine.engine.dockerHost ? { DOCKER_HOST: engine.engine.dockerHost } : {};
  return collect(engine.runner, { command: engine.path, args: [...global, ...args], env });
}

/** Why an engine cannot be used (no CLI, no answer, no base image), or false. */
export async function engineProblem(engine: Docker, setup: string): Promise<string | false> {
  const found = await detect(engine);
  let problem = 'kind' in found ? found.message : found.engineError;
  if (!problem && !('kind' in found) && found.mode !== 'rawjson') problem = `buildx is missing (mode ${found.mode})`;
  if (!problem && (await dockerCli(engine, 'image', 'inspect', '--format', '{{.Id}}', BASE_IMAGE)).code !== 0) problem = `the base image ${BASE_IMAGE} is missing`;
  return problem ? `${problem}; run ${setup}` : false;
}

/** Why the registry cannot be used, or false. */
export async function registryProblem(): Promise<string | false> {
  try {
    const response = await fetch(`http://${REGISTRY}/v2/`, { signal: AbortSignal.timeout(5000) });
    return response.status === 200 ? false : `http://${REGISTRY}/v2/ answered ${response.status}; run scripts/engine/registry.sh`;
  } catch (error) {
    return `no registry on ${REGISTRY} (${(error as Error).message}); run scripts/engine/registry.sh`;
  }
}

/** A skip reason from the problems found, or false; under CI=true any problem fails the suite instead. */
export function skipOrFail(problems: (string | false)[]): string | false {
  const found = problems.filter((problem): problem is string => problem !== false);
  if (found.length === 0) return false;
  if (process.env.CI === 'true') throw new Error(`CI=true and a component is not usable: ${found.join('; ')}`);
  return found.join('; ');
}

export { docker };
