/**
 * `dockerfile-studio lint`: find the Dockerfiles, ask the project context what governs each
 * (config, ignore file: the same answer the editor gets), run the same engine as the editor,
 * print the findings and choose the exit status.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDockerfileService, RULE_CRASHED, showControls, type DockerfileService, type Rule } from '../service';
import type { ProjectConfig } from '../config';
import { loadProjectContext, readConfigFile, type ContextProblem, type ProjectContext } from '../projectContext';
import type { FailLevel, Format } from './args';
import { findDockerfiles, readDockerfile } from './files';
import { formatGithub, formatJson, formatText, SEVERITY_RANK, summary, toFindings, type Finding } from './format';
import { formatSarif } from './sarif';

/** Where the CLI writes; a parameter so the exit logic is testable without a process. */
export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The options of one `lint` run. */
export interface LintRun {
  targets: string[];
  format: Format;
  failOn: FailLevel;
  config: string | null;
  version: string;
}

/** Exit statuses. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

class UsageError extends Error {}

/** The target that means "read the Dockerfile from standard input". */
const STDIN = '-';

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const code = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? errorText(error);

/** One file to lint, with what governs it. */
interface Job {
  path: string;
  context: ProjectContext;
}

/**
 * Standard error with control characters shown as escapes: its lines name files and quote the
 * config, both from the repository, and an escape sequence in a file name must not reach the terminal.
 */
export function escapedStderr(out: Output): Output {
  return {
    stdout: (text) => out.stdout(text),
    stderr: (text) => out.stderr(text.endsWith('\n') ? `${showControls(text.slice(0, -1))}\n` : showControls(text)),
  };
}

/**
 * Runs `lint` and returns the exit status. A file that could not be checked whole (a rule threw
 * on it, it is too large to read, or it is a FIFO or a device named on the command line) makes
 * the run exit 2, never 0: a CI job must not pass on a file nobody checked. `service` is a
 * parameter for tests.
 */
export async function runLint(run: LintRun, output: Output, service: DockerfileService = createDockerfileService()): Promise<number> {
  const out = escapedStderr(output);
  let jobs: Job[];
  try {
    jobs = await collect(run, out);
  } catch (error) {
    out.stderr(`dockerfile-studio: ${errorText(error)}\n`);
    return EXIT_ERROR;
  }
  const findings: Finding[] = [];
  let ioError = false;
  let uncheckedFile = false;
  let linted = 0;
  for (const job of jobs) {
    const read = await readDockerfile(job.path);
    if ('skipped' in read) {
      out.stderr(`dockerfile-studio: could not check '${job.path}': ${read.skipped}\n`);
      uncheckedFile = true;
      continue;
    }
    if ('failed' in read) {
      out.stderr(`dockerfile-studio: cannot read '${job.path}' (${read.failed})\n`);
      ioError = true;
      continue;
    }
    const text = read.text;
    const diagnostics = service.lint(service.parse(text), { severities: job.context.config?.rules, dockerignore: job.context.dockerignore });
    const crashed = diagnostics.find((d) => d.code === RULE_CRASHED);
    if (crashed) {
      const { rules, errors } = crashed.data as { rules: string[]; errors: string[] };
      const failed = rules.map((rule, i) => `${rule} (${errors[i]})`).join(', ');
      out.stderr(`dockerfile-studio: could not check '${job.path}': rule${rules.length === 1 ? '' : 's'} ${failed} failed; this is a bug in Dockerfile Studio, please report it\n`);
      uncheckedFile = true;
    }
    // A loop, not a spread: a generated file can have more findings than a call takes arguments.
    for (const finding of toFindings(job.path, diagnostics.filter((d) => d !== crashed))) findings.push(finding);
    linted++;
  }
  out.stdout(render(run, findings, service.rules));
  if (jobs.length === 0) out.stderr(`no Dockerfiles found in ${run.targets.join(', ')}\n`);
  else out.stderr(`${summary(findings, linted)}\n`);
  if (ioError || uncheckedFile) return EXIT_ERROR;
  const threshold = run.failOn === 'none' ? 0 : SEVERITY_RANK[run.failOn];
  return findings.some((f) => SEVERITY_RANK[f.severity] <= threshold) ? EXIT_FINDINGS : EXIT_OK;
}

function render(run: LintRun, findings: Finding[], rules: readonly Rule[]): string {
  switch (run.format) {
    case 'json':
      return formatJson(findings);
    case 'sarif':
      return formatSarif(findings, rules, run.version);
    case 'github':
      return formatGithub(findings);
    default:
      return formatText(findings);
  }
}

/** Expands the targets into files, each with its project context; a config that cannot be used stops the run. */
async function collect(run: LintRun, out: Output): Promise<Job[]> {
  const told = new Set<string>();
  const tell = (problems: readonly ContextProblem[]): void => {
    for (const problem of problems) {
      if (problem.severity === 'error') throw new UsageError(`${problem.path}: ${problem.message}`);
      // A config's warnings concern every Dockerfile below it: say them once.
      const line = `dockerfile-studio: ${problem.path}: ${problem.message}\n`;
      if (!told.has(line)) out.stderr(line);
      told.add(line);
    }
  };
  let explicit: ProjectConfig | undefined;
  if (run.config !== null) {
    const read = await readConfigFile(run.config);
    if (read.absent !== undefined) throw new UsageError(`cannot read config '${run.config}' (${read.absent})`);
    tell(read.problems);
    explicit = read.config ?? undefined;
  }
  const contextFor = async (path: string): Promise<ProjectContext> => {
    const context = await loadProjectContext({ dockerfile: resolve(path), config: explicit });
    tell(context.problems);
    return context;
  };
  const seen = new Set<string>();
  const jobs: Job[] = [];
  for (const target of run.targets) {
    if (target === STDIN) {
      // Editors and hooks pipe a buffer in; the current folder stands in for its location.
      if (!seen.has(STDIN)) jobs.push({ path: STDIN, context: await contextFor(join(process.cwd(), 'Dockerfile')) });
      seen.add(STDIN);
      continue;
    }
    let isFolder: boolean;
    try {
      isFolder = statSync(target).isDirectory();
    } catch (error) {
      throw new UsageError(code(error) === 'ENOENT' ? `no such file or folder '${target}'` : `cannot read '${target}' (${code(error)})`);
    }
    let paths: string[];
    try {
      const walk = isFolder ? findDockerfiles(target) : { files: [target], skipped: [] };
      paths = walk.files;
      // Docker could not build from these either; they are named, and the run goes on.
      for (const { path, reason } of walk.skipped) out.stderr(`${path}: skipped: ${reason}\n`);
    } catch (error) {
      throw new UsageError(`cannot read folder '${target}' (${code(error)})`);
    }
    for (const path of paths) {
      const absolute = resolve(path);
      if (seen.has(absolute)) continue;
      seen.add(absolute);
      const context = await contextFor(path);
      if (context.ignoredBy !== null) {
        if (!isFolder) out.stderr(`${path}: skipped: ignored by ${context.ignoredBy}\n`);
        continue;
      }
      jobs.push({ path, context });
    }
  }
  return jobs;
}
