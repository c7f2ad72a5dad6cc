import type { InstructionData } from '../types';
import { CMD_ENTRYPOINT_TABLE, ref, SHELL_VS_EXEC } from './shared';

export const ENTRYPOINT: InstructionData = {
  keyword: 'ENTRYPOINT',
  summary:
    'Records the executable a container always starts with, so the image behaves like a command; `CMD` and `docker run` arguments are appended to it. It runs nothing during the build.',
  syntax: ['ENTRYPOINT ["<executable>", "<arg>", ...]', 'ENTRYPOINT <command> <arg> ...'],
  buildVsRun:
    'Build time: only stored in the image configuration, unlike `RUN`, which executes during the build and creates a layer. Container start: the entrypoint runs as the main process, with `CMD` or the `docker run` arguments after it; `docker run --entrypoint` replaces it.',
  cache: 'Writes metadata only: no layer, nothing executed during the build.',
  sections: [SHELL_VS_EXEC, CMD_ENTRYPOINT_TABLE],
  example: [
    'COPY docker-entrypoint.sh /usr/local/bin/',
    'ENTRYPOINT ["docker-entrypoint.sh"]',
    'CMD ["postgres"]',
  ].join('\n'),
  pitfalls: [
    '`ENTRYPOINT` is not similar to `RUN`: `RUN` executes at build time and makes a layer, while `ENTRYPOINT` (like `CMD`) only says what runs when a container starts.',
    'Shell form ignores `CMD` and `docker run` arguments and runs under `/bin/sh -c`, so signals do not reach your program; use the exec form, or start the command with `exec`.',
    'Only the last `ENTRYPOINT` counts, and setting one resets a `CMD` inherited from the base image.',
    'A wrapper script should end with `exec "$@"` so the real program replaces the shell as PID 1.',
  ],
  link: ref('entrypoint'),
  flags: [],
  forms: ['exec', 'shell'],
  expandsVariables: false,
  onlyLastApplies: true,
  minArgs: 0,
  allowedInOnbuild: true,
  snippet: '["${1:executable}"]',
};
