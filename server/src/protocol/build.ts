/**
 * The build plan, the observed build and the build record: what the server computes from the
 * model, what the client (or the CLI) observed from Docker, and what the layer-cache visualizer
 * keeps. Types and constants only; client, server, CLI and the pure service all read them.
 */

/** How a build was run, so its step names can be read (BuildKit `[stage i/n]` or legacy `Step i/n`). */
export type BuilderKind = 'rawjson' | 'plain' | 'legacy';

/** A stage of the Dockerfile. Lines are 0-based, as in LSP. */
export interface PlanStage {
  index: number;
  /** The `AS` name as written, or null. */
  name: string | null;
  /** What FROM names, global ARG defaults (and the given build args) substituted. */
  base: string;
  /** The earlier stage this one builds on, or null for an image or `scratch`. */
  parentStage: number | null;
  line: number;
  endLine: number;
}

/** Why a step would miss the cache, predicted from the Dockerfile alone (no build needed). */
export interface Invalidation {
  /** `text` its own text; `build-arg` an ARG in scope; `files` its sources; `base-image`; `parent` an earlier step. */
  kind: 'text' | 'build-arg' | 'files' | 'base-image' | 'parent' | 'stage';
  /** The ARG name, the source patterns, the image reference or the stage, as the kind needs. */
  subject: string;
}

/** One instruction of a stage the target builds (or an ONBUILD trigger a child stage runs). */
export interface PlanStep {
  /** 0-based first and last line of the instruction (for a trigger: of its ONBUILD line). */
  line: number;
  endLine: number;
  /** The stage it belongs to (for a trigger: the child stage that runs it); -1 for a global ARG (legacy `Step`s count them). */
  stage: number;
  /** Upper-case keyword (for a trigger: the triggered instruction's). */
  keyword: string;
  /** The instruction as builders print it: keyword and arguments, continuations joined. */
  text: string;
  /** True for an ONBUILD trigger run by a child stage. */
  trigger: boolean;
  /** BuildKit's `[stage i/n]`, or null when BuildKit makes no step of it (ENV, LABEL, ARG, ...). */
  buildkit: { stage: string; index: number; total: number } | null;
  /** The legacy builder's `Step i/n`, or null when that builder does not run it. */
  legacy: { index: number; total: number } | null;
  /** `layer` (RUN, COPY, ADD: a filesystem layer), `metadata` (config only), `not-in-image` (a stage the image does not contain). */
  output: 'layer' | 'metadata' | 'not-in-image';
}

/** What the server answers for a Dockerfile and target: stages, steps, what to prompt and publish. */
export interface BuildPlan {
  /** The stage built: the target's name or index as the user gave it, or null for the last stage. */
  target: string | null;
  /** The index of the stage the build ends at. */
  targetStage: number;
  stages: PlanStage[];
  /** The stages the target needs, in the order they are numbered. */
  builtStages: number[];
  steps: PlanStep[];
  /** ARGs a build can be given (global ones and those in built stages), first declaration first. */
  buildArgs: { name: string; defaultValue: string | null; line: number }[];
  /** EXPOSEd ports (`8080`, `53/udp`) of the target's stage chain, variables unexpanded. */
  exposedPorts: string[];
}

/** Client -> server: the plan of a Dockerfile for a target. */
export const BUILD_PLAN_REQUEST = 'dockerfileStudio/buildPlan';

export interface BuildPlanParams {
  uri: string;
  target: string | null;
  buildArgs?: Record<string, string>;
}

/** A build step as the builder names it, e.g. `[build 3/6] COPY lib.txt .` or `Step 7/15 : RUN x`. */
export interface StepName {
  /** The name as printed. */
  name: string;
  /** Stage name (`build`, `stage-1`), or null when the builder gave none. */
  stage: string | null;
  /** 1-based position; per stage for BuildKit, over the whole file for the legacy builder. */
  index: number | null;
  total: number | null;
  /** `per-stage` (BuildKit) or `file` (legacy: every instruction, global ARGs included). */
  numbering: 'per-stage' | 'file';
  /** Upper-cased instruction keyword, or null for internal steps. */
  keyword: string | null;
  /** The instruction as the builder printed it, keyword included. */
  text: string;
}

/** A step as the builder reported it, with what happened to it. */
export interface ObservedStep extends StepName {
  cached: boolean;
  completed: boolean;
  durationMs: number | null;
  error: string | null;
  /** The last log lines (for a failed step's message). */
  logs: string[];
}

/** One row of `docker history --no-trunc --human=false` (newest first, as Docker prints it). */
export interface HistoryEntry {
  id: string;
  createdBy: string;
  sizeBytes: number;
  comment: string;
}

/** An image reference of a FROM and what the engine resolved it to. */
export interface BaseImage {
  ref: string;
  id: string | null;
  /** The repo digest (`name@sha256:...`) when the image came from a registry. */
  digest: string | null;
}

/** Why a step did not come from the cache (or null when it did). */
export type CauseKind =
  | 'first-build'
  | 'instruction-changed'
  | 'build-arg-changed'
  | 'files-changed'
  | 'base-image-changed'
  | 'parent-rebuilt'
  | 'no-cache'
  | 'unknown';

export interface Cause {
  kind: CauseKind;
  /** One sentence for people: `ARG VERSION changed from 1.0 to 1.1`. */
  detail: string;
  /** Changed files (context-relative, `/` separators), for files-changed; else empty. */
  files: string[];
  /** 1-based line of the step whose miss caused this one (parent-rebuilt), else null. */
  causeLine: number | null;
}

/** What a step read, kept so the next build can say what changed. */
export interface StepInputs {
  /** Build args in scope for the step and their values (the ones that reach its cache key). */
  args: Record<string, string>;
  /** For COPY/ADD from the context: one digest over the sources, and per file when they are few enough. */
  files: { digest: string; perFile: Record<string, string> | null; count: number } | null;
  /** For FROM of an image: what the engine resolved it to. */
  base: BaseImage | null;
}

/** One line of the layer report; lines are 1-based (the JSON report's shape). */
export interface StepRecord {
  line: number;
  endLine: number;
  /** Stage name, or its index as a string. */
  stage: string;
  instruction: string;
  keyword: string;
  /** null when no builder step ran for it (metadata-only instructions). */
  cached: boolean | null;
  durationMs: number | null;
  /** Size of the layer it produced; null when it produced none. */
  sizeBytes: number | null;
  output: PlanStep['output'];
  error: string | null;
  cause: Cause | null;
  inputs: StepInputs;
  rebuildsWhen: Invalidation[];
}

/** Everything kept about one build of one Dockerfile and target. */
export interface BuildRecord {
  version: 1;
  /** Unique, sortable by time (ISO time plus a random suffix). */
  id: string;
  dockerfile: string;
  target: string | null;
  startedAt: string;
  durationMs: number;
  builder: BuilderKind;
  noCache: boolean;
  succeeded: boolean;
  buildArgs: Record<string, string>;
  image: { tag: string; id: string | null; sizeBytes: number | null };
  /** Cached steps over steps the builder ran, or null when it ran none. */
  cacheHitRatio: number | null;
  steps: StepRecord[];
  /** The failed step's place and message, or null. */
  failure: { line: number; endLine: number; message: string } | null;
}

/** Client -> server: turn what a build printed into a record, compared with the previous one. */
export const ANALYZE_BUILD_REQUEST = 'dockerfileStudio/analyzeBuild';

export interface AnalyzeBuildParams {
  uri: string;
  target: string | null;
  /** The build context folder (absolute); the server hashes COPY/ADD sources in it. */
  context: string;
  builder: BuilderKind;
  noCache: boolean;
  buildArgs: Record<string, string>;
  startedAt: string;
  durationMs: number;
  succeeded: boolean;
  /** The build's first error (a step's or the summary's), for a failure no step carries; absent: none. */
  error?: string | null;
  /** BuildKit's `Dockerfile:9` above its error excerpt (1-based line), when it printed one. */
  errorLocation?: { file: string; line: number } | null;
  observed: ObservedStep[];
  image: { tag: string; id: string | null; sizeBytes: number | null };
  /** The built image's history, or null when there is no image (failed build). */
  history: HistoryEntry[] | null;
  baseImages: BaseImage[];
  previous: BuildRecord | null;
}

/** Client -> server: the causes of `current` recomputed against `baseline` (an older build of the same Dockerfile and target). */
export const COMPARE_BUILDS_REQUEST = 'dockerfileStudio/compareBuilds';

export interface CompareBuildsParams {
  uri: string;
  current: BuildRecord;
  baseline: BuildRecord;
}

/** The layer report formats (`formatReport`): a table for terminals, JSON for tools, Markdown for a CI job summary. */
export type LayerReportFormat = 'text' | 'json' | 'markdown';

/** Client -> server: a record as a layer report; the answer is the report's text. */
export const FORMAT_REPORT_REQUEST = 'dockerfileStudio/formatReport';

export interface FormatReportParams {
  record: BuildRecord;
  format: LayerReportFormat;
}
