/**
 * What the builders make of each instruction, for the step plan and the cache analysis. Read
 * from BuildKit's frontend/dockerfile/dockerfile2llb/convert.go: `buildDispatchStates` counts
 * RUN, COPY, ADD and WORKDIR (and the FROM of an image) as the stage's numbered steps; WORKDIR's
 * step only makes the folder (a layer only when it did not exist), the other three write one.
 */

/** The instructions BuildKit runs as a numbered, cached step of their own (FROM apart). */
export const BUILDKIT_STEP_KEYWORDS: ReadonlySet<string> = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);
