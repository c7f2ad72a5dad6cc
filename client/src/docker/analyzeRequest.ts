/**
 * What the client sends the server after a build (ANALYZE_BUILD_REQUEST): the options it was
 * given, what the builder reported per step and how it ended (analyzeRequest, pure), completed
 * with what the engine knows of the image and its FROM images and with the previous record
 * (completeRequest). The editor, the CLI and the real-engine tests all send it this way.
 */
import type { AnalyzeBuildParams, BaseImage, BuildPlan, BuildRecord, HistoryEntry } from '../../../server/src/protocol';
import type { BuildMode, BuildOptions } from './argv';
import { type BuildState, observedSteps } from './buildState';
import type { Docker } from './engine';
import { type ImageInspect, inspectImage, readHistory, resolveBaseImages, usedBaseImages } from './imageFacts';

/** How a build went, as far as the analysis needs it. */
export interface FinishedBuild {
  state: BuildState;
  exitCode: number | null;
  durationMs: number;
  /** ISO time the build started. */
  startedAt: string;
  /** The built image's id, when the build made one. */
  imageId: string | null;
}

/** The analysis request for a finished build of `uri`, before the engine's facts and the previous record are added (layers/recorder.ts). */
export function analyzeRequest(uri: string, options: BuildOptions, mode: BuildMode, build: FinishedBuild): AnalyzeBuildParams {
  const succeeded = build.exitCode === 0;
  return {
    uri,
    target: options.target,
    context: options.context,
    builder: mode,
    noCache: options.noCache,
    buildArgs: Object.fromEntries(options.buildArgs),
    startedAt: build.startedAt,
    durationMs: build.durationMs,
    succeeded,
    error: build.state.error,
    errorLocation: build.state.errorLocation,
    observed: observedSteps(build.state),
    image: { tag: options.tag, id: succeeded ? build.imageId : null, sizeBytes: null },
    history: null,
    baseImages: [],
    previous: null,
  };
}

/** What completing a request asks the engine. */
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

/** The image references the built stages name in FROM (`scratch` and earlier stages are no images). */
export function baseImageRefs(plan: BuildPlan): string[] {
  const built = new Set(plan.builtStages);
  const refs = plan.stages.filter((s) => built.has(s.index) && s.parentStage === null && s.base.toLowerCase() !== 'scratch').map((s) => s.base);
  return [...new Set(refs)];
}

/**
 * The analysis request with what the engine and the store know added: image id and size,
 * history, the FROM images as the build used them (a `--pull` build names its digest in the FROM
 * step and leaves the engine's tag where it was: usedBaseImages), the previous record.
 */
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
    baseImages: usedBaseImages(bases, params.observed.filter((step) => step.keyword === 'FROM')),
    previous,
  };
}
