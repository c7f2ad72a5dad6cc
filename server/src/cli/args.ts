/**
 * Command-line arguments of `dockerfile-studio`, read into one typed command. Pure: a usage
 * mistake becomes a `usage-error` with a one-line message, never an exception.
 */

import { type BuildCommand, type LayersCommand, parseBuild, parseLayers } from './buildArgs';

/** Output formats of `lint`. */
export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** The lowest severity that makes `lint` exit 1; `none` never fails on findings. */
export const FAIL_LEVELS = ['error', 'warning', 'info', 'hint', 'none'] as const;
export type FailLevel = (typeof FAIL_LEVELS)[number];

/** What the command line asks for. */
export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'rules' }
  | { kind: 'explain'; rule: string }
  | { kind: 'lint'; targets: string[]; format: Format; failOn: FailLevel; config: string | null }
  | BuildCommand
  | LayersCommand
  | { kind: 'usage-error'; message: string };

export const USAGE = `usage: dockerfile-studio <command> [options]

commands:
  lint [files or folders...]   report problems (default: the current folder; - reads stdin)
  explain <rule>               print a rule's documentation
  rules                        list every rule with its default severity
  build [options] <context>    build with docker, then report per Dockerfile line what the
                               cache did, the time, the layer size and why each step rebuilt
  layers <image> --dockerfile <file>
                               print the layer size of each Dockerfile line of an image

lint options:
  --format <text|json|sarif|github>    output format (default: text)
  --severity <error|warning|info|hint|none>
                                       lowest severity that fails the run (default: error)
  --config <file>                      use this config file instead of the nearest
                                       .dockerfile-studio.json above each Dockerfile

build options:
  -f, --file <Dockerfile>   --target <stage>   -t, --tag <tag>   --build-arg NAME=value (repeatable)
  --no-cache                           build without the cache
  --pull                               resolve base images in their registry (a changed one is named)
  --records <folder>                   where build records are kept (default: the user cache folder)
  --report <text|json|markdown>        report format (default: text; markdown suits a CI job summary)

layers options:
  --dockerfile <file>   --target <stage>   --report <text|json|markdown>

  -h, --help       show this help
  -v, --version    print the version

exit status: 0 no findings at or above --severity, 1 findings,
             2 usage or I/O error, or a file that could not be checked
             build: 0 built, 1 the build failed (the report still prints),
             2 no docker, no engine or no Dockerfile
`;

const ALIASES: Record<string, string> = { information: 'info', off: 'none' };

/** Reads argv (without `node` and the script) into a Command. */
export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined) return { kind: 'usage-error', message: 'missing command (lint, explain, rules, build or layers)' };
  if (command === '-h' || command === '--help' || command === 'help') return { kind: 'help' };
  if (command === '-v' || command === '--version') return { kind: 'version' };
  if (rest.includes('-h') || rest.includes('--help')) return { kind: 'help' };
  switch (command) {
    case 'lint':
      return parseLint(rest);
    case 'explain': {
      const words = rest.filter((a) => a !== '--');
      const option = words.find((a) => a.startsWith('-'));
      if (option !== undefined) return { kind: 'usage-error', message: `unknown option '${option}' for explain` };
      if (words.length !== 1) return { kind: 'usage-error', message: 'explain takes exactly one rule id, e.g. explain JSONArgsRecommended' };
      return { kind: 'explain', rule: words[0] };
    }
    case 'build':
      return parseBuild(rest);
    case 'layers':
      return parseLayers(rest);
    case 'rules':
      return rest.length === 0 ? { kind: 'rules' } : { kind: 'usage-error', message: `rules takes no arguments (got '${rest[0]}')` };
    default:
      return { kind: 'usage-error', message: `unknown command '${command}'` };
  }
}

function parseLint(argv: readonly string[]): Command {
  const targets: string[] = [];
  let format: Format = 'text';
  let failOn: FailLevel = 'error';
  let config: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      targets.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      targets.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    if (!['--format', '-f', '--severity', '--config', '-c'].includes(name)) {
      return { kind: 'usage-error', message: `unknown option '${name}'` };
    }
    let value: string | undefined;
    if (name !== arg) value = arg.slice(eq + 1);
    else value = argv[++i];
    if (value === undefined || value === '') return { kind: 'usage-error', message: `option '${name}' needs a value` };
    if (name === '--format' || name === '-f') {
      if (!(FORMATS as readonly string[]).includes(value)) {
        return { kind: 'usage-error', message: `unknown format '${value}' (expected ${FORMATS.join(', ')})` };
      }
      format = value as Format;
    } else if (name === '--severity') {
      const level = ALIASES[value.toLowerCase()] ?? value.toLowerCase();
      if (!(FAIL_LEVELS as readonly string[]).includes(level)) {
        return { kind: 'usage-error', message: `unknown severity '${value}' (expected ${FAIL_LEVELS.join(', ')})` };
      }
      failOn = level as FailLevel;
    } else {
      config = value;
    }
  }
  return { kind: 'lint', targets: targets.length > 0 ? targets : ['.'], format, failOn, config };
}
