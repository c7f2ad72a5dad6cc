import type { FlagData, InstructionData } from '../types';
import { ref } from './shared';

function durationFlag(name: string, defaultValue: string, summary: string, minSyntax?: string): FlagData {
  const flag: FlagData = {
    name,
    valueKind: 'duration',
    defaultValue,
    summary,
    syntax: [`HEALTHCHECK --${name}=<duration> CMD <command>`],
    pitfalls: ['A Go duration with a unit (`30s`, `1m30s`); a bare number is an error, and non-zero values must be at least 1ms.'],
    link: ref('healthcheck'),
  };
  if (minSyntax !== undefined) flag.minSyntax = minSyntax;
  return flag;
}

export const HEALTHCHECK: InstructionData = {
  keyword: 'HEALTHCHECK',
  summary:
    'Tells Docker how to test that a running container still works, by running a command in it periodically; `HEALTHCHECK NONE` turns off a check inherited from the base image.',
  syntax: ['HEALTHCHECK [OPTIONS] CMD <command>', 'HEALTHCHECK [OPTIONS] CMD ["<executable>", "<arg>", ...]', 'HEALTHCHECK NONE'],
  buildVsRun:
    'Build time: only recorded in the image configuration. While the container runs: the command runs every interval inside it; exit code 0 means healthy, 1 unhealthy, and the status (`starting`, `healthy`, `unhealthy`) shows in `docker ps`.',
  cache: 'Writes metadata only: no layer and nothing executed during the build.',
  example: 'HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \\\n  CMD curl -fsS http://localhost:8080/health || exit 1',
  pitfalls: [
    'The command runs inside the container: `curl` or `wget` must exist in the image.',
    'Use exit code 1 for failure; 2 is reserved, and `curl` without `-f` exits 0 on HTTP errors.',
    'Only the last `HEALTHCHECK` counts.',
    'Plain `docker run` only reports the status; it does not restart an unhealthy container (orchestrators may).',
  ],
  link: ref('healthcheck'),
  flags: [
    durationFlag('interval', '30s', 'Time between checks, and before the first one.'),
    durationFlag('timeout', '30s', 'How long one check may take before it counts as failed.'),
    durationFlag(
      'start-period',
      '0s',
      'Start-up grace time: failures during it do not count towards `--retries`, but a success ends it.',
    ),
    durationFlag(
      'start-interval',
      '5s',
      'Time between checks during the start period; needs Docker Engine 25.0 or later to take effect.',
      '1.6',
    ),
    {
      name: 'retries',
      valueKind: 'integer',
      defaultValue: '3',
      summary: 'Number of consecutive failed checks after which the container is `unhealthy`.',
      syntax: ['HEALTHCHECK --retries=<n> CMD <command>'],
      pitfalls: ['Must be a whole number, not negative.'],
      link: ref('healthcheck'),
    },
  ],
  forms: ['shell', 'exec'],
  expandsVariables: false,
  onlyLastApplies: true,
  minArgs: 1,
  allowedInOnbuild: true,
  snippet: '--interval=${1:30s} --timeout=${2:3s} CMD ${3:curl -f http://localhost/ || exit 1}',
};
