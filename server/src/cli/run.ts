/**
 * `dockerfile-studio lint`: find the Dockerfiles, read each with its config and .dockerignore,
 * run the same engine as the editor, print the findings and choose the exit status.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createDockerfileService, showControls, type Rule } from '../service';
import { findProjectConfig, parseProjectConfig, type ProjectConfig } from '../config';
import type { FailLevel, Format } from './args';
import { findDockerfiles, readDockerfile, readDockerignore } from './files';
import { formatGithub, formatJson, formatText, SEVERITY_RANK, summary, toFindings, type Finding } from './format';
import { formatSarif } from './sarif';
import { ignoreMatcher } from './glob';

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
  config: ProjectConfig | null;
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

/** Runs `lint` and returns the exit status. */
export function runLint(run: LintRun, output: Output): number {
  const out = escapedStderr(output);
  let jobs: Job[];
  try {
    jobs = collect(run, out);
  } catch (error) {
    out.stderr(`dockerfile-studio: ${errorText(error)}\n`);
    return EXIT_ERROR;
  }
  const service = createDockerfileService();
  const findings: Finding[] = [];
  let ioError = false;
  let linted = 0;
  for (const job of jobs) {
    let text: string;
    try {
      const read = readDockerfile(job.path);
      if (read.skipped !== undefined) {
        out.stderr(`${job.path}: ${read.skipped}\n`);
        continue;
      }
      text = read.text;
    } catch (error) {
      out.stderr(`dockerfile-studio: cannot read '${job.path}' (${code(error)})\n`);
      ioError = true;
      continue;
    }
    const diagnostics = service.lint(service.parse(text), { severities: job.config?.rules, dockerignore: readDockerignore(job.path) });
    findings.push(...toFindings(job.path, diagnostics));
    linted++;
  }
  out.stdout(render(run, findings, service.rules));
  if (jobs.length === 0) out.stderr(`no Dockerfiles found in ${run.targets.join(', ')}\n`);
  else out.stderr(`${summary(findings, linted)}\n`);
  if (ioError) return EXIT_ERROR;
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

/** Expands the targets into files, each with its config; config problems stop the run. */
function collect(run: LintRun, out: Output): Job[] {
  const explicitConfig = run.config === null ? null : loadConfig(run.config);
  const configs = new Map<string, ProjectConfig | null>();
  const warned = new Set<string>();
  const configFor = (path: string): ProjectConfig | null => {
    let config = explicitConfig;
    if (run.config === null) {
      const dir = dirname(resolve(path));
      if (!configs.has(dir)) configs.set(dir, findProjectConfig(resolve(path)));
      config = configs.get(dir) ?? null;
    }
    if (config && !warned.has(config.path)) {
      warned.add(config.path);
      for (const warning of config.warnings) out.stderr(`dockerfile-studio: ${config.path}: ${warning}\n`);
    }
    return config;
  };
  const seen = new Set<string>();
  const jobs: Job[] = [];
  for (const target of run.targets) {
    if (target === STDIN) {
      // Editors and hooks pipe a buffer in; the current folder stands in for its location.
      if (!seen.has(STDIN)) jobs.push({ path: STDIN, config: configFor(join(process.cwd(), 'Dockerfile')) });
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
      paths = isFolder ? findDockerfiles(target) : [target];
    } catch (error) {
      throw new UsageError(`cannot read folder '${target}' (${code(error)})`);
    }
    for (const path of paths) {
      const absolute = resolve(path);
      if (seen.has(absolute)) continue;
      seen.add(absolute);
      const config = configFor(path);
      if (config && ignored(config, absolute)) {
        if (!isFolder) out.stderr(`${path}: skipped: ignored by ${config.path}\n`);
        continue;
      }
      jobs.push({ path, config });
    }
  }
  return jobs;
}

function loadConfig(path: string): ProjectConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config '${path}' (${code(error)})`);
  }
  return parseProjectConfig(text, path);
}

const matchers = new WeakMap<ProjectConfig, (path: string) => boolean>();

function ignored(config: ProjectConfig, absolute: string): boolean {
  if (config.ignore.length === 0) return false;
  const rel = relative(dirname(resolve(config.path)), absolute);
  if (rel.startsWith('..') || resolve(rel) === rel) return false;
  let matcher = matchers.get(config);
  if (!matcher) matchers.set(config, (matcher = ignoreMatcher(config.ignore)));
  return matcher(rel.split(sep).join('/'));
}
