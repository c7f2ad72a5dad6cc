/**
 * Shared parts of the layer report tests: `node dist/cli.js` as a process (argv array, its own
 * environment), the JSON report's per-line summary, and a base image in the registry that no
 * earlier run built on, so a first build rebuilds every step.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Docker } from '../../client/src/docker/engine';
import { REGISTRY, dockerCli } from './engines';

/** The bundled CLI (scripts/test.mjs bundles dist/ before any test runs). */
export const CLI = join(process.cwd(), 'dist', 'cli.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to its end; `env` replaces or (with undefined) removes variables of this process's environment. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const merged: NodeJS.ProcessEnv = { ...process.env };
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined) delete merged[name];
      else merged[name] = value;
    }
    const child = spawn(process.execPath, [CLI, ...args], { env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** One line of the JSON report (issue 10's shape). */
export interface ReportStep {
  line: number;
  endLine: number;
  stage: string;
  instruction: string;
  cached: boolean | null;
  durationMs: number | null;
  sizeBytes: number | null;
  cause: { kind: string; detail: string; files: string[] } | null;
}

export interface JsonReport {
  image: { tag: string; id: string | null; sizeBytes: number | null };
  cacheHitRatio: number | null;
  steps: ReportStep[];
}

/** The JSON report a run printed; the run must have ended as `status` says. */
export function reportOf(run: CliRun, status = 0): JsonReport {
  assert.equal(run.status, status, run.stderr);
  return JSON.parse(run.stdout) as JsonReport;
}

/**
 * Each line as `L<line> <cached|rebuilt|-> <cause kind|-> [files]`. A FROM with no cause shows
 * `-`: BuildKit's FROM vertex only resolves the image and its cached flag flips between
 * identical builds, so it says nothing about the cache (buildAnalysis.ts says the same).
 */
export function summarize(report: JsonReport): string[] {
  return report.steps.map((s) => {
    const from = s.instruction.toUpperCase().startsWith('FROM ');
    const state = s.cached === null || (from && s.cause === null) ? '-' : s.cached ? 'cached' : 'rebuilt';
    const files = s.cause && s.cause.files.length > 0 ? ` ${s.cause.files.join(',')}` : '';
    return `L${s.line} ${state} ${s.cause?.kind ?? '-'}${files}`;
  });
}

// The cachefacts fixture's instruction lines (1-based). Line 3 is a global ARG: no step of any stage.
export const FROM_GEN = 5;
export const ARG_STAMP = 6;
export const RUN_GEN = 7;
export const FROM_BUILD = 9;
export const RUN_BEFORE_ARG = 10;
export const ARG_FLAVOUR = 11;
export const WORKDIR_SRC = 12;
export const COPY_LIB = 13;
export const COPY_APP = 14;
export const RUN_UNUSED = 15;
export const RUN_USES = 16;
export const FROM_FINAL = 18;
export const WORKDIR_SRV = 19;
export const COPY_GEN_FILE = 20;
export const COPY_GEN_DIR = 21;
export const COPY_FROM_BUILD = 22;
export const COPY_ASSETS = 23;
export const RUN_LS = 24;
export const CMD = 25;
export const LINES = [FROM_GEN, ARG_STAMP, RUN_GEN, FROM_BUILD, RUN_BEFORE_ARG, ARG_FLAVOUR, WORKDIR_SRC, COPY_LIB, COPY_APP, RUN_UNUSED, RUN_USES, FROM_FINAL, WORKDIR_SRV, COPY_GEN_FILE, COPY_GEN_DIR, COPY_FROM_BUILD, COPY_ASSETS, RUN_LS, CMD];
/** Instructions BuildKit makes no step of: no cache state, ever. */
export const METADATA = new Set([ARG_STAMP, ARG_FLAVOUR, CMD]);
export const FROMS = new Set([FROM_GEN, FROM_BUILD, FROM_FINAL]);

/** The whole expected summary of the cachefacts fixture: the lines given rebuilt with their cause, every other step cached. */
export function expected(rebuilt: Record<number, string>): string[] {
  return LINES.map((line) => {
    if (line in rebuilt) return `L${line} rebuilt ${rebuilt[line]}`;
    return METADATA.has(line) || FROMS.has(line) ? `L${line} - -` : `L${line} cached -`;
  });
}

export const everyStep = (kind: string, except: number[] = []) =>
  Object.fromEntries(LINES.filter((l) => !METADATA.has(l) && !FROMS.has(l) && !except.includes(l)).map((l) => [l, kind]));
export const parentOf = (lines: number[]) => Object.fromEntries(lines.map((l) => [l, 'parent-rebuilt'])) as Record<number, string>;
export const fromsWith = (kind: string) => Object.fromEntries([...FROMS].map((l) => [l, kind])) as Record<number, string>;

/** Runs docker on an engine; it must succeed. */
export async function cli(engine: Docker, ...args: string[]): Promise<string> {
  const out = await dockerCli(engine, ...args);
  assert.equal(out.code, 0, `docker ${args.join(' ')}: ${out.stderr}`);
  return out.stdout;
}

/** Builds a one-layer image on local/busybox whose content is `version`, tagged `tag`; returns its id. */
export async function versionImage(engine: Docker, tag: string, version: string): Promise<string> {
  const context = mkdtempSync(join(tmpdir(), 'dfs-report-base-'));
  writeFileSync(join(context, 'Dockerfile'), `FROM local/busybox:latest\nRUN echo ${version} > /base-version\n`);
  await cli(engine, 'buildx', 'build', '--load', '--quiet', '--tag', tag, context);
  return (await cli(engine, 'image', 'inspect', '--format', '{{.Id}}', tag)).trim();
}

/** The digest the registry serves for a tag. */
export async function digestInRegistry(repository: string, tag: string): Promise<string> {
  const response = await fetch(`http://${REGISTRY}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' },
  });
  assert.equal(response.status, 200, `${repository}:${tag} is in the registry`);
  return response.headers.get('docker-content-digest') ?? '';
}
