import type { InstructionData } from '../types';
import { ref } from './shared';

export const USER: InstructionData = {
  keyword: 'USER',
  summary:
    'Sets the user (and optionally group) that later `RUN` steps and the container main process run as, for the rest of the stage.',
  syntax: ['USER <user>[:<group>]', 'USER <UID>[:<GID>]'],
  buildVsRun:
    'Both: later `RUN` instructions run as this user during the build, and it is stored in the image as the default user for `CMD`/`ENTRYPOINT` (`docker run --user` overrides it).',
  cache: 'Itself only metadata, but later `RUN` steps depend on it, so changing it rebuilds them.',
  example: 'RUN useradd --create-home --uid 10001 app\nUSER app',
  pitfalls: [
    'The user must already exist in the image (create it in a `RUN` first), or use numeric IDs.',
    'It does not change ownership of files copied later; add `--chown` to `COPY`/`ADD`.',
    'Giving a group means the process has only that group, not the user other groups.',
    'Installing packages usually needs root: switch to the unprivileged user after the installs.',
  ],
  link: ref('user'),
  flags: [],
  forms: ['plain'],
  expandsVariables: true,
  minArgs: 1,
  maxArgs: 1,
  allowedInOnbuild: true,
  snippet: '${1:user}',
};
