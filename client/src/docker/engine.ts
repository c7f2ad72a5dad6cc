/**
 * Engine operations over an injected process runner, with no VS Code dependency, so the
 * real-engine tests drive exactly what the commands drive: probe, build, run, stop (image facts: imageFacts.ts).
 */
import * as net from 'node:net';
import {
  type BuildMode,
  type BuildOptions,
  type EngineOptions,
  type Invocation,
  type RunOptions,
  buildInvocation,
  probeInvocations,
  removeContainerInvocation,
  runInvocation,
  stopContainerInvocation,
} from './argv';
import { type BuildState, applyEvent, newBuildState, renderEvent, summaryLine } from './buildState';
import { type Capabilities, chooseCapabilities } from './capabilities';
import { type FriendlyError, classifyFailure, engineTimeout } from './errors';
import { kindOf } from './hostFiles';
import type { BuildEvent, ProgressParser } from './events';
import { createLegacyParser } from './progressLegacy';
import { createPlainParser } from './progressPlain';
import { createRawjsonParser } from './progressRawjson';
import { type ProcessRunner, type RunningProcess, collect } from './runner';
import { contextProblem } from './trustedSettings';

/** The docker executable and the engine it talks to. */
export interface Docker {
  runner: ProcessRunner;
  path: string;
  engine: EngineOptions;
}

function start(docker: Docker, invocation: Invocation, cwd?: string): RunningProcess {
  return docker.runner.spawn({ command: docker.path, args: invocation.args, env: invocation.env, cwd });
}

/**
 * How long the probes may take. `docker version` waits forever on an engine that accepts the
 * connection and never answers (Docker Desktop while it starts, a hung dockerd, a remote host
 * behind a dead tunnel); an answering engine replies in well under a second.
 */
export const PROBE_TIMEOUT_MS = 15_000;

/** Probes the installation; a missing CLI or an engine that does not answer becomes a FriendlyError. */
export async function detect(docker: Docker, timeoutMs = PROBE_TIMEOUT_MS): Promise<Capabilities | FriendlyError> {
  const probes = probeInvocations(docker.engine);
  const version = await collect(docker.runner, { command: docker.path, args: probes.version.args, env: probes.version.env }, timeoutMs);
  if (version.errorCode) return classifyFailure('', docker.path, version.errorCode) as FriendlyError;
  if (version.timedOut) return engineTimeout(timeoutMs);
  const buildx = await collect(docker.runner, { command: docker.path, args: probes.buildx.args, env: probes.buildx.env }, timeoutMs);
  return chooseCapabilities({ code: buildx.code, stdout: buildx.stdout }, { code: version.code, stdout: version.stdout, stderr: version.stderr });
}

/** The parser for a mode. */
export function parserFor(mode: BuildMode): ProgressParser {
  return mode === 'rawjson' ? createRawjsonParser() : mode === 'plain' ? createPlainParser() : createLegacyParser();
}

/** How a build ended. */
export interface BuildResult {
  state: BuildState;
  exitCode: number | null;
  cancelled: boolean;
  durationMs: number;
  summary: string;
  /** Set for failures outside the Dockerfile (no CLI, engine down, registry, disk). */
  failure: FriendlyError | null;
}

/** A build in progress. */
export interface BuildRun {
  readonly result: Promise<BuildResult>;
  readonly pid: number | undefined;
  cancel(): void;
}

/** Listeners for a build: terminal text as it should be shown, and parsed events. */
export interface BuildListener {
  text?(text: string): void;
  event?(event: BuildEvent, state: BuildState): void;
}

/** Starts a build; text for the terminal is the CLI's own output, or rendered lines for rawjson. */
export function startBuild(docker: Docker, options: BuildOptions, mode: BuildMode, listener: BuildListener = {}): BuildRun {
  const began = Date.now();
  const state = newBuildState();
  const parser = parserFor(mode);
  const process = start(docker, buildInvocation(options, mode, docker.engine), options.context);
  let cancelled = false;
  let allOutput = '';
  const handle = (events: BuildEvent[]) => {
    for (const event of events) {
      applyEvent(state, event);
      listener.event?.(event, state);
      if (mode === 'rawjson') for (const line of renderEvent(state, event)) listener.text?.(`${line}\n`);
    }
  };
  const feed = (chunk: string) => {
    // Only the tail matters for classifying a failure; keep memory bounded on long builds.
    allOutput = (allOutput + chunk).slice(-20000);
    if (mode !== 'rawjson') listener.text?.(chunk);
    handle(parser.push(chunk));
  };
  process.onStdout(feed);
  process.onStderr(feed);
  const result = process.exit.then(async (exit) => {
    handle(parser.end());
    // The legacy builder's daemon stops a step's container only after its stop timeout; remove it now.
    if (cancelled && state.container) await removeContainer(docker, state.container);
    const durationMs = Date.now() - began;
    const exitCode = exit.code;
    const cwdProblem = exit.errorCode ? contextProblem(options.context, kindOf(options.context)) : null;
    const failure = exit.errorCode || exitCode !== 0 ? classifyFailure(allOutput, docker.path, exit.errorCode, cwdProblem) : null;
    const summary = failure && !cancelled ? `Build failed: ${failure.message}` : summaryLine(state, { exitCode, cancelled, durationMs, tag: options.tag });
    return { state, exitCode, cancelled, durationMs, summary, failure: cancelled ? null : failure };
  });
  return {
    result,
    pid: process.pid,
    cancel() {
      cancelled = true;
      process.kill();
    },
  };
}

/** Removes a container by name if it exists (stopping it first); quiet when there is none. */
export async function removeContainer(docker: Docker, name: string): Promise<void> {
  const invocation = removeContainerInvocation(name, docker.engine);
  await collect(docker.runner, { command: docker.path, args: invocation.args, env: invocation.env });
}

/** Stops a container gracefully; `--rm` removes it. Returns false when it was not running. */
export async function stopContainer(docker: Docker, name: string, timeoutSeconds = 10): Promise<boolean> {
  const invocation = stopContainerInvocation(name, docker.engine, timeoutSeconds);
  const result = await collect(docker.runner, { command: docker.path, args: invocation.args, env: invocation.env });
  return result.code === 0;
}

/** A running container started by runContainer. */
export interface ContainerRun {
  readonly process: RunningProcess;
  /** Ends the attached CLI and removes the container. */
  stop(): Promise<void>;
}

/** Replaces any container of the same name, then runs the image attached, streaming its output. */
export async function runContainer(docker: Docker, options: RunOptions, output: (text: string) => void): Promise<ContainerRun> {
  await removeContainer(docker, options.containerName);
  const process = start(docker, runInvocation(options, docker.engine));
  process.onStdout(output);
  process.onStderr(output);
  return {
    process,
    async stop() {
      await stopContainer(docker, options.containerName, 5);
      await removeContainer(docker, options.containerName);
      process.kill();
      await process.exit;
    },
  };
}

/** True when nothing listens on the host address and port. */
export function portIsFree(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: address, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the OS reports free on the address. */
export function freePort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host: address, port: 0, exclusive: true }, () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** Host ports for the exposed container ports: a configured one, else the same number if free, else any free one. */
export async function choosePorts(exposed: string[], address: string, configured: Record<string, number>): Promise<[string, number, string][]> {
  const chosen: [string, number, string][] = [];
  const taken = new Set<number>();
  for (const containerPort of exposed) {
    const number = Number(containerPort.split('/')[0]);
    let host = configured[containerPort] ?? configured[String(number)];
    // UDP ports are not probed: a TCP probe says nothing about them.
    if (host === undefined) host = !taken.has(number) && (containerPort.includes('/udp') || (await portIsFree(address, number))) ? number : await freePort(address);
    taken.add(host);
    chosen.push([address, host, containerPort]);
  }
  return chosen;
}
