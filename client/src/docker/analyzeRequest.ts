/**
 * What the client sends the server after a build (ANALYZE_BUILD_REQUEST): the options it was
 * given, what the builder reported per step, and how it ended. Pure, so the real-engine tests
 * and the CLI send exactly what the editor sends.
 */
import type { AnalyzeBuildParams } from '../../../server/src/protocol';
import type { BuildMode, BuildOptions } from './argv';
import { type BuildState, observedSteps } from './buildState';

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
