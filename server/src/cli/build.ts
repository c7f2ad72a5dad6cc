/**
 * `dockerfile-studio build` and `layers`: the layer report for CI. `build` runs the build through
 * the user's docker with the editor's own argv builder and progress parsers, reads the image's
 * history and its base images, and turns it into the same record the editor keeps, compared with
 * the previous record in the records folder. `layers` reads an existing image's history onto the
 * lines of its Dockerfile.
 */
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { analyzeRequest, completeRequest, dockerFacts } from '../../../client/src/docker/analyzeRequest';
import type { BuildOptions } from '../../../client/src/docker/argv';
import { type Docker, detect, startBuild } from '../../../client/src/docker/engine';
import { resolveDocker, searchEnv } from '../../../client/src/docker/executable';
import { isExecutableFile } from '../../../client/src/docker/hostFiles';
import { inspectImage, readHistory } from '../../../client/src/docker/imageFacts';
import { defaultTag } from '../../../client/src/docker/options';
import { nodeRunner } from '../../../client/src/docker/runner';
import { RecordStore } from '../../../client/src/layers/records';
import { analyzeBuild } from '../buildAnalysis';
import type { BuildRecord } from '../protocol';
import { readRegularFile } from '../safeRead';
import { buildPlan, createDockerfileService, formatReport, type DockerfileModel } from '../service';
import type { BuildCommand, LayersCommand } from './buildArgs';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, type Output } from './run';

/** Dockerfiles a person wrote are far smaller; this keeps a hostile one from filling memory. */
const MAX_DOCKERFILE_BYTES = 8 * 1024 * 1024;

/** The per-user folder for build records: the platform's cache folder. */
export function defaultRecordsFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  const base =
    platform === 'win32' ? (env.LOCALAPPDATA || join(home, 'AppData', 'Local'))
      : platform === 'darwin' ? join(home, 'Library', 'Caches')
        : (env.XDG_CACHE_HOME || join(home, '.cache'));
  return join(base, 'dockerfile-studio', 'records');
}

/** The docker on PATH, talking to the engine the environment names (DOCKER_HOST, DOCKER_CONTEXT). */
function dockerOnPath(): Docker | { error: string } {
  const found = resolveDocker(undefined, searchEnv(process.env, process.platform), process.platform, isExecutableFile);
  // The editor's message names its setting; the CLI has only PATH.
  if ('error' in found) return { error: 'the Docker CLI ("docker") was not found on PATH: install Docker, or put the directory holding it on PATH' };
  return { runner: nodeRunner, path: found.path, engine: { dockerContext: null, dockerHost: null } };
}

async function readModel(path: string): Promise<DockerfileModel | { error: string }> {
  const read = await readRegularFile(path, MAX_DOCKERFILE_BYTES);
  if (read.kind === 'text') return createDockerfileService().parse(read.text);
  return { error: read.kind === 'absent' ? `no such Dockerfile '${path}'` : `cannot read '${path}': ${read.reason}` };
}

/** Runs `build`: exit 0 built, 1 the build failed (the report says where), 2 no docker, engine or Dockerfile. */
export async function runBuild(command: BuildCommand, out: Output): Promise<number> {
  const docker = dockerOnPath();
  if ('error' in docker) return fail(out, docker.error);
  const context = resolve(command.context);
  const dockerfile = command.file === null ? join(context, 'Dockerfile') : resolve(command.file);
  const model = await readModel(dockerfile);
  if ('error' in model) return fail(out, model.error);
  const found = await detect(docker);
  if ('kind' in found) return fail(out, found.message);
  if (found.engineError) return fail(out, found.engineError);
  const options: BuildOptions = {
    dockerfile,
    context,
    tag: command.tag ?? defaultTag(basename(context), basename(dockerfile)),
    target: command.target,
    buildArgs: command.buildArgs,
    platform: null,
    noCache: command.noCache,
    builder: null,
    extraFlags: command.pull ? ['--pull'] : [],
  };
  const startedAt = new Date().toISOString();
  // Progress goes to stderr, so stdout carries only the report (a job summary, a JSON file).
  const result = await startBuild(docker, options, found.mode, { text: (text) => out.stderr(text) }).result;
  out.stderr(`${result.summary}\n`);
  if (result.failure) return fail(out, result.failure.message);
  const succeeded = result.exitCode === 0;
  const analysisStarted = Date.now();
  const store = new RecordStore(command.records === null ? defaultRecordsFolder() : resolve(command.records));
  const plan = buildPlan(model, command.target, Object.fromEntries(command.buildArgs));
  const request = analyzeRequest(new URL(`file://${dockerfile}`).href, options, found.mode, { ...result, startedAt, imageId: null });
  const previous = await store.latest(dockerfile, command.target).catch(() => null);
  const params = await completeRequest(request, plan, dockerFacts(docker), previous);
  const record = await analyzeBuild(model, params);
  try {
    await store.save(record);
  } catch (error) {
    out.stderr(`dockerfile-studio: the build record was not saved: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  // What the report costs on top of the build (history, inspects, hashing, comparison, saving).
  out.stderr(`Layer report in ${Date.now() - analysisStarted} ms (record ${record.id}).\n`);
  out.stdout(formatReport(record, command.report));
  return succeeded ? EXIT_OK : EXIT_FINDINGS;
}

/** Runs `layers`: the size each Dockerfile line added to an existing image. */
export async function runLayers(command: LayersCommand, out: Output): Promise<number> {
  const docker = dockerOnPath();
  if ('error' in docker) return fail(out, docker.error);
  const dockerfile = resolve(command.dockerfile);
  const model = await readModel(dockerfile);
  if ('error' in model) return fail(out, model.error);
  const inspect = await inspectImage(docker, command.image);
  if (!inspect) return fail(out, `no image '${command.image}' on the engine (or the engine does not answer)`);
  const history = await readHistory(docker, inspect.id);
  if (!history) return fail(out, `cannot read the history of '${command.image}'`);
  const record: BuildRecord = await analyzeBuild(
    model,
    {
      uri: new URL(`file://${dockerfile}`).href,
      target: command.target,
      context: dirname(dockerfile),
      builder: 'rawjson',
      noCache: false,
      buildArgs: {},
      startedAt: new Date().toISOString(),
      durationMs: 0,
      succeeded: true,
      observed: [],
      image: { tag: command.image, id: inspect.id, sizeBytes: inspect.sizeBytes },
      history,
      baseImages: [],
      previous: null,
    },
    undefined,
    { hashContext: false },
  );
  out.stdout(formatReport(record, command.report));
  if (record.steps.some((step) => step.output === 'layer' && step.sizeBytes === null)) {
    out.stderr('dockerfile-studio: some layers could not be matched to lines: the image may have been built from another version of this Dockerfile, or another target\n');
  }
  return EXIT_OK;
}

function fail(out: Output, message: string): number {
  out.stderr(`dockerfile-studio: ${message}\n`);
  return EXIT_ERROR;
}
