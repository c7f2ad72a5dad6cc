/**
 * Argument vectors for every docker call the extension makes. Pure: values go in as separate argv
 * items and are never joined into a command line, so a tag, path or build arg reaches Docker
 * exactly as typed.
 */

/** Which progress format (and so which builder) a build uses. */
export type BuildMode = 'rawjson' | 'plain' | 'legacy';

/** Everything a build is given. */
export interface BuildOptions {
  dockerfile: string;
  context: string;
  tag: string;
  /** Stage to build, or null for the last one. */
  target: string | null;
  /** Ordered name/value pairs. */
  buildArgs: [string, string][];
  platform: string | null;
  noCache: boolean;
  /** buildx builder (`--builder`), buildx only. */
  builder: string | null;
  /** Extra flags from a profile, passed as they are (one argv item each). */
  extraFlags: string[];
}

/** Global options that pick the engine. */
export interface EngineOptions {
  /** A Docker context name (`docker --context`), or null for the user's current one. */
  dockerContext: string | null;
  /** A DOCKER_HOST value, or null to inherit the environment's. */
  dockerHost: string | null;
}

/** One process to start. */
export interface Invocation {
  args: string[];
  /** Variables to set on top of the inherited environment. */
  env: Record<string, string>;
}

function global(engine: EngineOptions): { args: string[]; env: Record<string, string> } {
  return {
    args: engine.dockerContext ? ['--context', engine.dockerContext] : [],
    env: engine.dockerHost ? { DOCKER_HOST: engine.dockerHost } : {},
  };
}

/** The build invocation for a mode: buildx with rawjson, BuildKit with plain, or the legacy builder. */
export function buildInvocation(options: BuildOptions, mode: BuildMode, engine: EngineOptions): Invocation {
  const base = global(engine);
  const args = [...base.args];
  const env = { ...base.env };
  if (mode === 'rawjson') {
    args.push('buildx', 'build', '--progress=rawjson');
    if (options.builder) args.push('--builder', options.builder);
    // A docker-container or remote builder keeps its result unless told to load it into the engine.
    args.push('--load');
  } else if (mode === 'plain') {
    env.DOCKER_BUILDKIT = '1';
    args.push('build', '--progress=plain');
  } else {
    env.DOCKER_BUILDKIT = '0';
    // Without it a failed step's container stays behind.
    args.push('build', '--force-rm');
  }
  args.push('--file', options.dockerfile, '--tag', options.tag);
  if (options.target) args.push('--target', options.target);
  for (const [name, value] of options.buildArgs) args.push('--build-arg', `${name}=${value}`);
  if (options.platform) args.push('--platform', options.platform);
  if (options.noCache) args.push('--no-cache');
  args.push(...options.extraFlags);
  // `--` keeps a context path that starts with a dash from being read as a flag.
  args.push('--', options.context);
  return { args, env };
}

/** Options of `docker run`. */
export interface RunOptions {
  image: string;
  containerName: string;
  /** `[hostAddress, hostPort, containerPort]`, containerPort like `8080` or `53/udp`. */
  ports: [string, number, string][];
  envFile: string | null;
  interactive: boolean;
  /** Label value that ties the container to its Dockerfile. */
  dockerfile: string;
  /** Run an init process as PID 1 (`--init`), so a stop signal reaches apps that ignore it as PID 1. */
  init: boolean;
  /** Extra `docker run` flags from settings, one argv item each. */
  extraFlags: string[];
  /** Arguments after the image (the container's command), usually empty. */
  command: string[];
}

/** Label put on containers the extension starts, so it can find and replace them. */
export const DOCKERFILE_LABEL = 'dockerfile-studio.dockerfile';

/** The `docker run` invocation: attached (logs stream), removed when it stops. */
export function runInvocation(options: RunOptions, engine: EngineOptions): Invocation {
  const base = global(engine);
  const args = [...base.args, 'run', '--rm', '--name', options.containerName, '--label', `${DOCKERFILE_LABEL}=${options.dockerfile}`];
  if (options.init) args.push('--init');
  if (options.interactive) args.push('--interactive', '--tty');
  for (const [address, hostPort, containerPort] of options.ports) args.push('--publish', `${address}:${hostPort}:${containerPort}`);
  if (options.envFile) args.push('--env-file', options.envFile);
  args.push(...options.extraFlags, '--', options.image, ...options.command);
  return { args, env: base.env };
}

/** `docker rm --force NAME`: stops and removes a container in one call (used to replace and to cancel). */
export function removeContainerInvocation(name: string, engine: EngineOptions): Invocation {
  const base = global(engine);
  return { args: [...base.args, 'rm', '--force', '--', name], env: base.env };
}

/** `docker stop NAME`: a graceful stop; `--rm` then removes the container. */
export function stopContainerInvocation(name: string, engine: EngineOptions, timeoutSeconds = 10): Invocation {
  const base = global(engine);
  return { args: [...base.args, 'stop', '--time', String(timeoutSeconds), '--', name], env: base.env };
}

/** `docker image inspect` of one image, printing its config's environment as a JSON array. */
export function imageEnvInvocation(image: string, engine: EngineOptions): Invocation {
  const base = global(engine);
  return { args: [...base.args, 'image', 'inspect', '--format', '{{json .Config.Env}}', '--', image], env: base.env };
}

/** The two probes that decide the build mode. */
export function probeInvocations(engine: EngineOptions): { buildx: Invocation; version: Invocation } {
  const base = global(engine);
  return {
    buildx: { args: [...base.args, 'buildx', 'version'], env: base.env },
    version: { args: [...base.args, 'version', '--format', '{{json .}}'], env: base.env },
  };
}

/** `docker history` of one image: full CreatedBy text, sizes in bytes, one JSON object per row. */
export function historyInvocation(image: string, engine: EngineOptions): Invocation {
  const base = global(engine);
  return { args: [...base.args, 'history', '--no-trunc', '--human=false', '--format', '{{json .}}', '--', image], env: base.env };
}

/** `docker image inspect` of one image, printing the whole inspect object as one JSON line. */
export function imageInspectInvocation(image: string, engine: EngineOptions): Invocation {
  const base = global(engine);
  return { args: [...base.args, 'image', 'inspect', '--format', '{{json .}}', '--', image], env: base.env };
}
