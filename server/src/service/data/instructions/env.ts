import type { InstructionData } from '../types';
import { ref } from './shared';

export const ENV: InstructionData = {
  keyword: 'ENV',
  summary:
    'Sets environment variables for the rest of the stage and for containers started from the image.',
  syntax: ['ENV <key>=<value> [<key>=<value>...]', 'ENV <key> <value>'],
  buildVsRun:
    'Both: the value is visible to later instructions during the build (substitution and `RUN`), and it stays in the image, so every container starts with it (`docker run -e` overrides it).',
  cache:
    'Itself only metadata, but a changed value changes the cache key of every later `RUN` in the stage, which sees it in its environment.',
  example: 'ENV NODE_ENV=production \\\n    PATH="/app/bin:$PATH"',
  pitfalls: [
    'Values persist in the final image and in `docker history`; never put secrets in ENV (use `RUN --mount=type=secret`).',
    'For a setting needed only while building (e.g. `DEBIAN_FRONTEND=noninteractive`), use `ARG` or set it on the one `RUN` line.',
    'The legacy `ENV key value` form sets one variable with everything after the key as value; prefer `key=value` (BuildKit warns with `LegacyKeyValueFormat`).',
    'Variables are substituted once per instruction: `ENV A=1 B=$A` uses the old value of `A`.',
  ],
  link: ref('env'),
  flags: [],
  forms: ['keyValue'],
  expandsVariables: true,
  minArgs: 1,
  allowedInOnbuild: true,
  snippet: '${1:NAME}=${2:value}',
};
