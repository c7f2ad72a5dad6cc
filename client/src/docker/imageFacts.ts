/**
 * What the engine knows about images after a build, for the layer-cache visualizer: the built
 * image's history rows (sizes per instruction), its size, and what each FROM image resolved to
 * (id and registry digest, to tell a changed base image). Pure parsers over what the docker CLI
 * prints, plus thin readers that run it; a missing engine or image is a value (null), never a throw.
 */
import type { BaseImage, HistoryEntry } from '../../../server/src/protocol';
import { historyInvocation, imageInspectInvocation } from './argv';
import type { Docker } from './engine';
import { collect } from './runner';

/** An engine that takes the connection and never answers must not hold the build's report back for long. */
const READ_TIMEOUT_MS = 15_000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A byte count as docker prints it with `--human=false` (a decimal string) or in JSON (a number); null otherwise. */
function bytes(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value !== 'string' || value === '' || value.length > 16) return null;
  for (const c of value) if (c < '0' || c > '9') return null;
  return Number(value);
}

/**
 * Reads `docker history --no-trunc --human=false --format '{{json .}}'` output (newest row
 * first); null when any line is not such a row, since a partial history would shift every size.
 */
export function parseHistory(stdout: string): HistoryEntry[] | null {
  const rows: HistoryEntry[] = [];
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return null;
    }
    if (!isRecord(value)) return null;
    const size = bytes(value.Size);
    if (size === null || typeof value.CreatedBy !== 'string') return null;
    // BuildKit gives only the newest row an id; the others say `<missing>`.
    const id = typeof value.ID === 'string' && value.ID !== '<missing>' ? value.ID : '';
    rows.push({ id, createdBy: value.CreatedBy, sizeBytes: size, comment: typeof value.Comment === 'string' ? value.Comment : '' });
  }
  return rows;
}

/** The parts of `docker image inspect` the visualizer keeps. */
export interface ImageInspect {
  id: string;
  sizeBytes: number | null;
  repoTags: string[];
  repoDigests: string[];
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Reads `docker image inspect --format '{{json .}}'` output of one image; null when it is not one. */
export function parseImageInspect(stdout: string): ImageInspect | null {
  let value: unknown;
  try {
    value = JSON.parse(stdout.trim());
  } catch {
    return null;
  }
  // Without --format docker prints an array of one.
  if (Array.isArray(value) && value.length === 1) value = value[0];
  if (!isRecord(value) || typeof value.Id !== 'string' || value.Id === '') return null;
  return { id: value.Id, sizeBytes: bytes(value.Size), repoTags: strings(value.RepoTags), repoDigests: strings(value.RepoDigests) };
}

/** The repository part of an image reference: without its `@digest` and its `:tag` (a registry port is kept). */
export function repositoryOf(ref: string): string {
  const at = ref.indexOf('@');
  const name = at >= 0 ? ref.slice(0, at) : ref;
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}

/**
 * What a FROM reference resolved to: the inspected image's id, and the repo digest of the
 * reference's own repository (a digest-pinned reference is its own digest); an image that could
 * not be inspected has neither.
 */
export function baseImageOf(ref: string, inspect: ImageInspect | null): BaseImage {
  if (inspect === null) return { ref, id: null, digest: null };
  const at = ref.indexOf('@');
  if (at >= 0) return { ref, id: inspect.id, digest: ref };
  const repository = canonicalRepository(repositoryOf(ref));
  const digest = inspect.repoDigests.find((d) => canonicalRepository(repositoryOf(d)) === repository) ?? null;
  return { ref, id: inspect.id, digest };
}

/** The history of an image, newest row first; null when the engine or the image is not there. */
export async function readHistory(docker: Docker, image: string): Promise<HistoryEntry[] | null> {
  const invocation = historyInvocation(image, docker.engine);
  const result = await collect(docker.runner, { command: docker.path, args: invocation.args, env: invocation.env }, READ_TIMEOUT_MS);
  return result.code === 0 ? parseHistory(result.stdout) : null;
}

/** The inspect facts of an image; null when the engine or the image is not there. */
export async function inspectImage(docker: Docker, image: string): Promise<ImageInspect | null> {
  const invocation = imageInspectInvocation(image, docker.engine);
  const result = await collect(docker.runner, { command: docker.path, args: invocation.args, env: invocation.env }, READ_TIMEOUT_MS);
  return result.code === 0 ? parseImageInspect(result.stdout) : null;
}

/** What each FROM image reference resolved to, one inspect per reference (`scratch` and stage names are not images: leave them out). */
export async function resolveBaseImages(docker: Docker, refs: readonly string[]): Promise<BaseImage[]> {
  const unique = [...new Set(refs)];
  return Promise.all(unique.map(async (ref) => baseImageOf(ref, await inspectImage(docker, ref))));
}

/** A repository as the engine names it: Docker Hub's short names (`alpine`, `org/tool`) under `docker.io/` (and `library/`). */
function canonicalRepository(repository: string): string {
  if (!repository.includes('/')) return `docker.io/library/${repository}`;
  const first = repository.split('/')[0];
  return first.includes('.') || first.includes(':') || first === 'localhost' ? repository : `docker.io/${repository}`;
}

/** A reference as the engine names it: the canonical repository, and `:latest` when no tag is given. */
function canonicalRef(ref: string): string {
  const at = ref.indexOf('@');
  const name = at >= 0 ? ref.slice(0, at) : ref;
  const repository = repositoryOf(name);
  const tag = name.length > repository.length ? name.slice(repository.length + 1) : 'latest';
  return `${canonicalRepository(repository)}:${tag}`;
}

/** The `sha256:<64 hex>` digest pinned at the end of a reference, or null. */
function pinnedDigest(ref: string): string | null {
  const at = ref.lastIndexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : '';
  if (!digest.startsWith('sha256:') || digest.length !== 'sha256:'.length + 64) return null;
  for (const c of digest.slice('sha256:'.length)) if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return null;
  return digest;
}

/**
 * The base images as the build used them. BuildKit names a FROM step `FROM <ref>@sha256:...`
 * when it resolved the reference in a registry (`--pull`, or an image the engine lacked), and
 * such a build leaves the engine's tag where it was: the digest it names is what the build ran
 * on, and the local image's id is kept only when that image has the same digest.
 */
export function usedBaseImages(images: readonly BaseImage[], fromSteps: readonly { text: string }[]): BaseImage[] {
  const seen = new Map<string, string>();
  for (const step of fromSteps) {
    const words = step.text.trim().split(/\s+/, 3);
    if (words.length < 2 || words[0].toUpperCase() !== 'FROM') continue;
    // `--platform=...` comes before the reference.
    const ref = words[1].startsWith('--') ? words[2] ?? '' : words[1];
    const digest = pinnedDigest(ref);
    if (digest) seen.set(canonicalRef(ref), digest);
  }
  return images.map((image) => {
    if (pinnedDigest(image.ref)) return image;
    const digest = seen.get(canonicalRef(image.ref));
    if (!digest) return image;
    const named = `${repositoryOf(image.ref)}@${digest}`;
    return image.digest === named ? image : { ref: image.ref, id: null, digest: named };
  });
}
