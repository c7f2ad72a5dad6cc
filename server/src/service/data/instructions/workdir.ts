import type { InstructionData } from '../types';
import { ref } from './shared';

export const WORKDIR: InstructionData = {
  keyword: 'WORKDIR',
  buildkitStep: true,
  summary:
    'Sets the working directory for later `RUN`, `CMD`, `ENTRYPOINT`, `COPY` and `ADD`, creating it if it does not exist.',
  syntax: ['WORKDIR <path>'],
  buildVsRun:
    'Both: later build steps run and resolve relative paths there, and it is stored in the image as the directory the container starts in (`docker run -w` overrides it).',
  cache: 'Creates the directory if needed; a changed path changes the cache key of every later step.',
  example: 'WORKDIR /app\nCOPY . .\nRUN make',
  pitfalls: [
    'A relative path is joined to the previous `WORKDIR` (`WORKDIR a` then `WORKDIR b` gives `/a/b` if the first was `/a`); use absolute paths (BuildKit check `WorkdirRelativePath`).',
    'Prefer `WORKDIR` over `RUN cd ...`: a `cd` lasts only for that one `RUN`.',
    'The directory is created as root; `chown` it if a non-root user needs to write there.',
  ],
  link: ref('workdir'),
  flags: [],
  forms: ['plain'],
  expandsVariables: true,
  minArgs: 1,
  maxArgs: 1,
  allowedInOnbuild: true,
  snippet: '${1:/app}',
};
