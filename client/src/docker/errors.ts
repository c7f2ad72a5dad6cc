/**
 * Turns what Docker says when something outside the Dockerfile goes wrong into one message that
 * says what to do. Pure: the text comes from the CLI's output or the spawn error.
 */

/** A failure the user can act on. */
export interface FriendlyError {
  kind: 'no-cli' | 'no-context' | 'engine-down' | 'engine-slow' | 'permission' | 'registry' | 'disk-full' | 'bad-tag';
  message: string;
}

/**
 * What BuildKit and the legacy builder say when a RUN's command exits non-zero. That failure is
 * the Dockerfile's and is shown on its line; the command's own output may mention a full disk or
 * an unreachable host, but that is the container's world, not the engine's.
 */
const COMMAND_FAILED = /did not complete successfully: exit code|returned a non-zero code/;

/**
 * Classifies a spawn error code (ENOENT...) or CLI output; null when it is an ordinary build error.
 * `cwdProblem` says what is wrong with the working directory (contextProblem), if anything: Node
 * reports a missing working directory as ENOENT of the executable, which is not the CLI's fault.
 */
export function classifyFailure(text: string, dockerPath: string, spawnCode?: string, cwdProblem?: string | null): FriendlyError | null {
  if (spawnCode && cwdProblem) {
    return { kind: 'no-context', message: `${cwdProblem} Check "dockerfileStudio.build.context" and the build profile's "context".` };
  }
  if (spawnCode === 'ENOENT' || spawnCode === 'EACCES') {
    return {
      kind: 'no-cli',
      message: `The Docker CLI was not found at "${dockerPath}". Install Docker, or set "dockerfileStudio.docker.path" (a machine setting) to the docker executable.`,
    };
  }
  if (COMMAND_FAILED.test(text)) return null;
  if (/Cannot connect to the Docker daemon|Is the docker daemon running|error during connect|docker daemon is not running|connect: no such file or directory|connect: connection refused/i.test(text)) {
    return {
      kind: 'engine-down',
      message: 'The Docker engine is not running or cannot be reached. Start Docker (Docker Desktop or dockerd), or check DOCKER_HOST, the Docker context and "dockerfileStudio.docker.context".',
    };
  }
  if (/permission denied while trying to connect/i.test(text)) {
    return { kind: 'permission', message: 'You may not use the Docker engine: add your user to the "docker" group (then log in again), or use rootless Docker.' };
  }
  if (/no space left on device/i.test(text)) {
    return { kind: 'disk-full', message: 'The disk Docker writes to is full. Free space, e.g. with "docker builder prune" and "docker image prune", then build again.' };
  }
  if (/lookup .* no such host|dial tcp .*(timeout|refused|unreachable)|i\/o timeout|TLS handshake timeout|failed to do request|failed to resolve source metadata|pull access denied|failed to fetch anonymous token/i.test(text)) {
    return {
      kind: 'registry',
      message: 'A registry could not be reached to pull a base image. Check the network or proxy, log in with "docker login" if the image is private, or use an image that is already local.',
    };
  }
  if (/invalid reference format|invalid tag/i.test(text)) {
    return { kind: 'bad-tag', message: 'Docker rejected the image tag. A tag is name[:version] in lower case: letters, digits, ".", "_", "-" and "/".' };
  }
  return null;
}

/** The engine took the connection but did not answer the version probe in time. */
export function engineTimeout(timeoutMs: number): FriendlyError {
  return {
    kind: 'engine-slow',
    message: `The Docker engine did not answer within ${Math.round(timeoutMs / 1000)} s. It may still be starting (Docker Desktop), or DOCKER_HOST or the Docker context points at an engine that cannot answer. Try again once "docker version" answers.`,
  };
}
