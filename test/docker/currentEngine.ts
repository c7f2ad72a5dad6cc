/**
 * The current engine (Docker 28.5, BuildKit 0.25) that scripts/engine/setup-current.sh runs beside
 * the test engine, used as an oracle: `docker buildx build --call=check,format=json` on a
 * Dockerfile whose base images are all the local busybox, tagged under the names it uses.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildModel } from '../../server/src/service/model';
import { isValidImageReference } from '../../server/src/service/diagnostics/rules/parity/stages';

const PREFIX = process.env.DOCKER_CURRENT_PREFIX ?? '/opt/docker-current';
const STATE = process.env.CURRENT_STATE ?? '/var/tmp/dockerfile-studio-engine-current';
const DOCKER = join(PREFIX, 'usr/bin/docker');
const ENV = { ...process.env, DOCKER_HOST: 'unix:///var/run/docker-current.sock', DOCKER_CONFIG: join(STATE, 'docker-config') };

/** The environment of local/busybox, which stands in for every base image. */
export const BUSYBOX_ENV = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];

/** What BuildKit said: its warnings (rule, 1-based line) and its error, if it stopped. */
export interface CheckResult {
  warnings: { rule: string; line: number; detail: string }[];
  error: { message: string; line: number | null } | null;
}

function run(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(DOCKER, args, { env: ENV, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Why the current engine cannot be used, or false; under CI=true a missing engine fails instead. */
export async function currentEngineProblem(): Promise<string | false> {
  let problem: string | false = false;
  if (!existsSync(DOCKER)) problem = `${DOCKER} is missing`;
  else {
    const version = await run(['version', '--format', '{{.Server.Version}}']);
    if (version.code !== 0) problem = `the engine does not answer: ${version.stderr.trim().split('\n').pop() ?? ''}`;
    else if ((await run(['image', 'inspect', 'local/busybox:latest'])).code !== 0) problem = 'local/busybox:latest is missing';
  }
  if (!problem) return false;
  if (process.env.CI === 'true') throw new Error(`CI=true and the current engine is not usable: ${problem}; run scripts/engine/setup-current.sh`);
  return `no current engine (${problem}); run scripts/engine/setup-current.sh`;
}

/**
 * The text BuildKit's builtin frontend can check here, with the images to tag, or null when the
 * file needs what this machine lacks (a digest, a constant non-amd64 platform, an image name
 * that only a --build-arg would give). A `# syntax=` line would pull a frontend: it becomes
 * `# escape=` with the file's escape character, or, beside an escape directive, moves out of
 * the directive block as a bare `#`; every instruction keeps its line.
 */
export function prepare(text: string): { text: string; images: string[] } | null {
  const lines = text.split('\n');
  const model = buildModel(text);
  const syntax = model.directives.find((d) => d.name === 'syntax');
  if (syntax) {
    const line = syntax.range.start.line;
    if (model.directives.some((d) => d.name === 'escape')) {
      const last = Math.max(...model.directives.map((d) => d.range.start.line));
      lines.splice(line, 1);
      lines.splice(last, 0, '#');
    } else lines[line] = `# escape=${model.escapeChar}`;
  }
  const images = new Set<string>();
  for (const stage of model.stages) {
    const platform = stage.from.flags.find((f) => f.name.toLowerCase() === 'platform')?.value;
    if (platform && !platform.includes('$') && platform !== 'linux/amd64') return null;
    if (stage.parentStage !== null || stage.resolvedBase.toLowerCase() === 'scratch') continue;
    const base = stage.resolvedBase;
    if (!isValidImageReference(base)) {
      // A literal reference BuildKit cannot parse: its error is the answer, nothing to tag. One
      // made from ARGs would need a --build-arg to be checkable.
      if (stage.baseText.includes('$')) return null;
      continue;
    }
    if (base.includes('@')) return null;
    images.add(base);
  }
  for (const instruction of model.instructions) {
    const froms = [
      ...instruction.flags.filter((f) => f.name.toLowerCase() === 'from').map((f) => f.value),
      ...instruction.mounts.map((m) => m.options.find((o) => o.name.toLowerCase() === 'from')?.value),
    ];
    for (const from of froms) {
      if (!from || model.stageByRef(from) || /^\d+$/.test(from)) continue;
      if (from.includes('@') || !isValidImageReference(from)) return null;
      images.add(from);
    }
  }
  return { text: lines.join('\n'), images: [...images] };
}

/** Runs BuildKit's checks on a prepared Dockerfile (base images tagged from local/busybox first). */
export async function buildkitCheck(prepared: { text: string; images: string[] }): Promise<CheckResult> {
  for (const image of prepared.images) {
    const tagged = await run(['tag', 'local/busybox:latest', image.includes(':') && !image.endsWith(':') ? image : `${image}:latest`]);
    if (tagged.code !== 0) throw new Error(`docker tag ${image}: ${tagged.stderr.trim()}`);
  }
  const context = mkdtempSync(join(tmpdir(), 'dfs-check-'));
  try {
    writeFileSync(join(context, 'Dockerfile'), prepared.text);
    const out = await run(['buildx', 'build', '--call=check,format=json', '-f', join(context, 'Dockerfile'), context]);
    let data: { warnings?: { ruleName: string; detail: string; location?: { ranges?: { start: { line: number } }[] } }[] | null; buildError?: { message: string; location?: { ranges?: { start: { line: number } }[] } } };
    try {
      data = JSON.parse(out.stdout) as typeof data;
    } catch {
      throw new Error(`buildx check gave no JSON (exit ${out.code}): ${out.stderr.trim().split('\n').pop() ?? ''}`);
    }
    return {
      warnings: (data.warnings ?? []).map((w) => ({ rule: w.ruleName, line: w.location?.ranges?.[0]?.start.line ?? 0, detail: w.detail })),
      error: data.buildError ? { message: data.buildError.message, line: data.buildError.location?.ranges?.[0]?.start.line ?? null } : null,
    };
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}
