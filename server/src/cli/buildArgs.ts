/**
 * Arguments of `dockerfile-studio build` and `layers`: the build the CLI runs through the user's
 * docker, and the image whose layers it explains. Pure, like args.ts: a usage mistake becomes a
 * one-line message.
 */

/** Output formats of the layer report. */
export const REPORTS = ['text', 'json', 'markdown'] as const;
export type Report = (typeof REPORTS)[number];

/** `build`: one docker build, then the per-line report against the previous record. */
export interface BuildCommand {
  kind: 'build';
  context: string;
  /** The Dockerfile; null: `Dockerfile` in the context, as docker does. */
  file: string | null;
  target: string | null;
  tag: string | null;
  /** In the order given; a repeated name keeps every value, as docker does (the last wins). */
  buildArgs: [string, string][];
  noCache: boolean;
  /** `--pull`: resolve every base image in its registry, as CI builds often do. */
  pull: boolean;
  /** Where build records are kept; null: the per-user cache folder. */
  records: string | null;
  report: Report;
}

/** `layers`: the per-line size table of an existing image. */
export interface LayersCommand {
  kind: 'layers';
  image: string;
  dockerfile: string;
  target: string | null;
  report: Report;
}

type Usage = { kind: 'usage-error'; message: string };

/** Splits `--name=value` and `--name value`; the value is undefined when missing. */
function* options(argv: readonly string[]): Generator<{ name: string; value: () => string | undefined } | { word: string }> {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      for (const word of argv.slice(i + 1)) yield { word };
      return;
    }
    if (!arg.startsWith('-') || arg === '-') {
      yield { word: arg };
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0 && arg.startsWith('--')) {
      const inline = arg.slice(eq + 1);
      yield { name: arg.slice(0, eq), value: () => inline };
    } else {
      yield { name: arg, value: () => argv[++i] };
    }
  }
}

const FLAGS = new Set(['--no-cache', '--pull']);

function report(value: string): Report | Usage {
  return (REPORTS as readonly string[]).includes(value) ? (value as Report) : { kind: 'usage-error', message: `unknown report '${value}' (expected ${REPORTS.join(', ')})` };
}

/** Reads `build` arguments (after the command word). */
export function parseBuild(argv: readonly string[]): BuildCommand | Usage {
  const command: BuildCommand = { kind: 'build', context: '', file: null, target: null, tag: null, buildArgs: [], noCache: false, pull: false, records: null, report: 'text' };
  const words: string[] = [];
  for (const item of options(argv)) {
    if ('word' in item) {
      words.push(item.word);
      continue;
    }
    if (FLAGS.has(item.name)) {
      if (item.name === '--pull') command.pull = true;
      else command.noCache = true;
      continue;
    }
    if (!['--file', '-f', '--target', '--tag', '-t', '--build-arg', '--records', '--report'].includes(item.name)) return { kind: 'usage-error', message: `unknown option '${item.name}' for build` };
    const value = item.value();
    if (value === undefined || value === '') return { kind: 'usage-error', message: `option '${item.name}' needs a value` };
    if (item.name === '--file' || item.name === '-f') command.file = value;
    else if (item.name === '--target') command.target = value;
    else if (item.name === '--tag' || item.name === '-t') command.tag = value;
    else if (item.name === '--records') command.records = value;
    else if (item.name === '--report') {
      const chosen = report(value);
      if (typeof chosen !== 'string') return chosen;
      command.report = chosen;
    } else {
      const eq = value.indexOf('=');
      // `--build-arg NAME` alone takes NAME from the environment in docker; a report needs the value, so ask for it.
      if (eq <= 0) return { kind: 'usage-error', message: `--build-arg needs NAME=value (got '${value}')` };
      command.buildArgs.push([value.slice(0, eq), value.slice(eq + 1)]);
    }
  }
  if (words.length !== 1) return { kind: 'usage-error', message: words.length === 0 ? 'build needs the build context folder, e.g. build .' : `build takes one context folder (got ${words.length})` };
  command.context = words[0];
  return command;
}

/** Reads `layers` arguments (after the command word). */
export function parseLayers(argv: readonly string[]): LayersCommand | Usage {
  let dockerfile: string | null = null;
  let target: string | null = null;
  let chosen: Report = 'text';
  const words: string[] = [];
  for (const item of options(argv)) {
    if ('word' in item) {
      words.push(item.word);
      continue;
    }
    if (!['--dockerfile', '--file', '-f', '--target', '--report'].includes(item.name)) return { kind: 'usage-error', message: `unknown option '${item.name}' for layers` };
    const value = item.value();
    if (value === undefined || value === '') return { kind: 'usage-error', message: `option '${item.name}' needs a value` };
    if (item.name === '--target') target = value;
    else if (item.name === '--report') {
      const parsed = report(value);
      if (typeof parsed !== 'string') return parsed;
      chosen = parsed;
    } else dockerfile = value;
  }
  if (words.length !== 1) return { kind: 'usage-error', message: 'layers takes one image, e.g. layers myapp:latest --dockerfile Dockerfile' };
  if (dockerfile === null) return { kind: 'usage-error', message: 'layers needs --dockerfile <file> (the Dockerfile the image was built from)' };
  return { kind: 'layers', image: words[0], dockerfile, target, report: chosen };
}
