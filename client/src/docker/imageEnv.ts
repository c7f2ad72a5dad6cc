/**
 * The environment a local image's config sets, for the server's UndefinedVar check (it asks with
 * the `dockerfileStudio/imageEnv` request). Answers are cached per image for a while: the engine
 * is asked at most once per image and minute, and a missing engine or image is simply "unknown".
 */
import { imageEnvInvocation } from './argv';
import type { Docker } from './engine';
import { collect } from './runner';

/** How long an answer is reused; an image pulled or rebuilt meanwhile is seen after this. */
export const IMAGE_ENV_TTL_MS = 60_000;
/** An engine that takes the connection and never answers must not hold the lint back for long. */
const INSPECT_TIMEOUT_MS = 5_000;

/** Reads `docker image inspect --format '{{json .Config.Env}}'` output: the entries, or null. */
export function parseImageEnv(stdout: string): string[] | null {
  try {
    const value: unknown = JSON.parse(stdout.trim());
    if (value === null) return [];
    return Array.isArray(value) && value.every((e) => typeof e === 'string') ? value : null;
  } catch {
    return null;
  }
}

/** A cached lookup of image environments over one way of reaching docker. */
export class ImageEnvCache {
  private readonly answers = new Map<string, { at: number; env: Promise<string[] | null> }>();

  constructor(
    private readonly docker: () => Docker | { error: string },
    private readonly now: () => number = Date.now,
  ) {}

  /** Each image's `NAME=value` entries, or null when the engine or the image is not there. */
  async lookup(images: readonly string[]): Promise<Record<string, string[] | null>> {
    const out: Record<string, string[] | null> = {};
    await Promise.all(images.map(async (image) => (out[image] = await this.one(image))));
    return out;
  }

  private one(image: string): Promise<string[] | null> {
    const cached = this.answers.get(image);
    if (cached && this.now() - cached.at < IMAGE_ENV_TTL_MS) return cached.env;
    const docker = this.docker();
    // No usable docker executable (none on PATH, or a setting refused): the environment is unknown.
    if ('error' in docker) return Promise.resolve(null);
    const invocation = imageEnvInvocation(image, docker.engine);
    const env = collect(docker.runner, { command: docker.path, args: invocation.args, env: invocation.env }, INSPECT_TIMEOUT_MS).then(
      (result) => (result.code === 0 ? parseImageEnv(result.stdout) : null),
      () => null,
    );
    this.answers.set(image, { at: this.now(), env });
    return env;
  }
}
