/**
 * What happens to a build between the builder's last line and the layer views: the engine is
 * asked about the image and its FROM images, the previous record of the same Dockerfile and
 * target is read from the store, all of it goes into the analysis request, and the record the
 * server returns is saved. No vscode here: the editor (layers/views.ts) and tests drive it.
 */
import type { AnalyzeBuildParams, BaseImage, BuildPlan, BuildRecord, HistoryEntry, ObservedStep } from '../../../server/src/protocol';
import type { Docker } from '../docker/engine';
import { type ImageInspect, inspectImage, readHistory, repositoryOf, resolveBaseImages } from '../docker/imageFacts';
import type { HistoryItem } from '../webview/messages';
import type { RecordListing, RecordProblem } from './records';

/** What the recorder asks the engine. */
export interface EngineFacts {
  history(image: string): Promise<HistoryEntry[] | null>;
  inspect(image: string): Promise<ImageInspect | null>;
  bases(refs: readonly string[]): Promise<BaseImage[]>;
}

/** The engine facts read through the user's docker. */
export function dockerFacts(docker: Docker): EngineFacts {
  return {
    history: (image) => readHistory(docker, image),
    inspect: (image) => inspectImage(docker, image),
    bases: (refs) => resolveBaseImages(docker, refs),
  };
}

/** The part of the record store the recorder uses. */
export interface RecordSource {
  list(dockerfile: string, target: string | null): Promise<RecordListing>;
  save(record: BuildRecord): Promise<string>;
}

/** The image references the built stages name in FROM (`scratch` and earlier stages are no images). */
export function baseImageRefs(plan: BuildPlan): string[] {
  const built = new Set(plan.builtStages);
  const refs = plan.stages.filter((s) => built.has(s.index) && s.parentStage === null && s.base.toLowerCase() !== 'scratch').map((s) => s.base);
  return [...new Set(refs)];
}

/** `alpine`, `library/alpine:latest` and `docker.io/library/alpine:latest` as one name: repository and tag, Docker Hub's prefixes dropped. */
export function comparableRef(ref: string): string {
  const at = ref.indexOf('@');
  const name = at >= 0 ? ref.slice(0, at) : ref;
  let repository = repositoryOf(name);
  const tag = name.length > repository.length ? name.slice(repository.length + 1) : 'latest';
  if (repository.startsWith('docker.io/')) repository = repository.slice('docker.io/'.length);
  if (repository.startsWith('library/') && repository.indexOf('/', 'library/'.length) < 0) repository = repository.slice('library/'.length);
  return `${repository}:${tag}`;
}

/**
 * The FROM images BuildKit resolved through a registry, from the names it printed
 * (`[stage 1/3] FROM 127.0.0.1:5000/base:1@sha256:...`). A `--pull` build uses the registry's image
 * without moving the local tag, so this is the one place the digest it built on is said.
 */
export function printedBaseImages(observed: readonly ObservedStep[]): { ref: string; digest: string }[] {
  const found: { ref: string; digest: string }[] = [];
  for (const step of observed) {
    if (step.keyword?.toUpperCase() !== 'FROM') continue;
    const words = step.text.trim().split(' ');
    const printed = words[1] ?? '';
    const at = printed.indexOf('@sha256:');
    if (at < 0 || printed.length - at !== '@sha256:'.length + 64) continue;
    found.push({ ref: printed.slice(0, at), digest: printed });
  }
  return found;
}

/**
 * Each base image with the digest BuildKit printed for it, when it printed one. The inspected id is
 * kept only when the local image has that digest: otherwise it is the id of another image.
 */
export function withPrintedDigests(bases: readonly BaseImage[], printed: readonly { ref: string; digest: string }[]): BaseImage[] {
  return bases.map((base) => {
    const seen = printed.find((p) => comparableRef(p.ref) === comparableRef(base.ref));
    if (!seen || (base.digest !== null && base.digest.endsWith(seen.digest.slice(seen.digest.indexOf('@'))))) return base;
    return { ref: base.ref, id: null, digest: seen.digest };
  });
}

/** The newest readable record of a Dockerfile and target, and the files of the store that could not be read. */
export async function previousRecord(store: RecordSource, dockerfile: string, target: string | null): Promise<{ record: BuildRecord | null; problems: RecordProblem[] }> {
  try {
    const listing = await store.list(dockerfile, target);
    return { record: listing.records[0] ?? null, problems: listing.problems };
  } catch (error) {
    return { record: null, problems: [{ file: '.', message: error instanceof Error ? error.message : String(error) }] };
  }
}

/** The analysis request with what the engine and the store know added: image id and size, history, FROM images, the previous record. */
export async function completeRequest(params: AnalyzeBuildParams, plan: BuildPlan | null, engine: EngineFacts, previous: BuildRecord | null): Promise<AnalyzeBuildParams> {
  const tag = params.image.tag;
  const [inspect, history, bases] = await Promise.all([
    params.succeeded ? engine.inspect(tag) : Promise.resolve(null),
    params.succeeded ? engine.history(tag) : Promise.resolve(null),
    plan ? engine.bases(baseImageRefs(plan)) : Promise.resolve([]),
  ]);
  return {
    ...params,
    image: { tag, id: inspect?.id ?? params.image.id, sizeBytes: inspect?.sizeBytes ?? null },
    history,
    baseImages: withPrintedDigests(bases, printedBaseImages(params.observed)),
    previous,
  };
}

/** The last builds of a Dockerfile and target as the panel lists them (newest first). */
export function historyItems(records: readonly BuildRecord[]): HistoryItem[] {
  return records.map((r) => ({ id: r.id, startedAt: r.startedAt, cacheHitRatio: r.cacheHitRatio, durationMs: r.durationMs }));
}

/** The records the panel shows beside `record`: the store's (newest first) with `record` among them even when saving it failed. */
export function withRecord(records: readonly BuildRecord[], record: BuildRecord): BuildRecord[] {
  if (records.some((r) => r.id === record.id)) return [...records];
  return [record, ...records].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** A sentence about store files that were skipped, or null when there were none. */
export function problemsText(problems: readonly RecordProblem[]): string | null {
  if (problems.length === 0) return null;
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `skipped a build record that could not be read: ${first.file}: ${first.message}${more}`;
}

/** The file names a report of `record` is offered under: `<image tag>-layers.json` and `.md`, made safe for a file name. */
export function reportFileNames(record: BuildRecord): { json: string; markdown: string } {
  let base = '';
  for (const c of record.image.tag.slice(0, 80)) base += /[A-Za-z0-9._-]/.test(c) ? c : '-';
  base = base.replace(/^[.-]+/, '') || 'image';
  return { json: `${base}-layers.json`, markdown: `${base}-layers.md` };
}
