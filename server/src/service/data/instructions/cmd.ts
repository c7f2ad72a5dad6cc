import type { InstructionData } from '../types';
import { CMD_ENTRYPOINT_TABLE, ref, SHELL_VS_EXEC } from './shared';

export const CMD: InstructionData = {
  keyword: 'CMD',
  summary:
    'Records the default command a container runs when it starts, or the default arguments for `ENTRYPOINT`. It runs nothing during the build.',
  syntax: [
    'CMD ["<executable>", "<arg>", ...]',
    'CMD ["<arg>", ...]',
    'CMD <command> <arg> ...',
  ],
  buildVsRun:
    'Build time: only stored in the image configuration. Container start: the command (joined with any `ENTRYPOINT`) runs as the main process; arguments given to `docker run IMAGE ...` replace it.',
  cache: 'Writes metadata only: no layer, nothing executed, and changing it never rebuilds earlier steps.',
  sections: [SHELL_VS_EXEC, CMD_ENTRYPOINT_TABLE],
  example: ['FROM python:3.12-slim', 'WORKDIR /app', 'COPY . .', 'CMD ["python", "app.py"]'].join('\n'),
  pitfalls: [
    'Only the last `CMD` counts; earlier ones are silently replaced.',
    'Shell form runs your program under `/bin/sh -c`, so it is not PID 1 and may not receive `SIGTERM` from `docker stop`; prefer the exec form.',
    'With an exec-form `ENTRYPOINT`, write `CMD` in exec form too; a shell-form CMD is passed as `/bin/sh -c ...` arguments to the entrypoint.',
    '`CMD` is not a build step: to install or prepare something, use `RUN`.',
  ],
  link: ref('cmd'),
  flags: [],
  forms: ['exec', 'shell'],
  expandsVariables: false,
  onlyLastApplies: true,
  minArgs: 0,
  allowedInOnbuild: true,
  snippet: '["${1:executable}", "${2:arg}"]',
};
