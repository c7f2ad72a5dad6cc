import type { InstructionData } from '../types';
import { ref } from './shared';

export const STOPSIGNAL: InstructionData = {
  keyword: 'STOPSIGNAL',
  summary:
    'Sets the signal `docker stop` sends to the container main process to ask it to exit; `SIGTERM` if not set.',
  syntax: ['STOPSIGNAL <signal>'],
  buildVsRun:
    'Build time: recorded in the image configuration. Container stop: the signal is sent to PID 1, followed by `SIGKILL` after the timeout.',
  cache: 'Writes metadata only: no layer and nothing executed.',
  example: 'STOPSIGNAL SIGQUIT',
  pitfalls: [
    'Some programs stop gracefully on another signal (nginx uses `SIGQUIT`); check what yours expects.',
    'The signal only reaches your program if it is PID 1; a shell-form `CMD`/`ENTRYPOINT` puts `/bin/sh` there instead.',
    'It does not change what Ctrl+C sends (`SIGINT`); `docker run --stop-signal` overrides it per container.',
  ],
  link: ref('stopsignal'),
  flags: [],
  forms: ['plain'],
  expandsVariables: true,
  minArgs: 1,
  maxArgs: 1,
  allowedInOnbuild: true,
  snippet: '${1:SIGTERM}',
};
