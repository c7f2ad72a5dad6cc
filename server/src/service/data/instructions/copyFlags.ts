/** Flags of COPY. */
import type { FlagData } from '../types';
import { chmodFlag, chownFlag, excludeFlag, linkFlag } from './fileFlags';
import { ref } from './shared';

export const COPY_FLAGS: FlagData[] = [
  {
    name: 'from',
    valueKind: 'stage',
    summary:
      'Copies from a build stage (by name or index), a named build context or an image instead of the build context.',
    syntax: ['COPY --from=<stage|image|context> <src>... <dest>'],
    cache: 'Keyed on the checksums of the copied files in that stage or image; the stage is built first if needed.',
    example: 'FROM node:20 AS build\nRUN npm run build\n\nFROM nginx:alpine\nCOPY --from=build /app/dist /usr/share/nginx/html',
    pitfalls: [
      'Source paths are taken from the root of that stage or image, not from its `WORKDIR`.',
      'A name that is not a stage is pulled as an image (`--from=nginx:latest`); a typo in a stage name becomes an image pull error.',
      'A number (`--from=0`) picks a stage by position, which breaks when stages are reordered; prefer names.',
    ],
    link: ref('copy---from'),
  },
  chownFlag('COPY'),
  chmodFlag('COPY'),
  linkFlag('COPY'),
  {
    name: 'parents',
    valueKind: 'none',
    defaultValue: 'false',
    summary:
      'Keeps the directory path of each source under the destination, like `cp --parents`: `COPY --parents a/x.txt /d/` creates `/d/a/x.txt`.',
    syntax: ['COPY --parents[=<boolean>] <src>... <dest>'],
    example: 'COPY --parents ./services/*/package.json /app/',
    pitfalls: [
      'A `./` inside the source marks where kept parents start: `./x/./y/*.txt` keeps only `y/`.',
      'Needs `# syntax=docker/dockerfile:1.20` or later (earlier only in the 1.7-labs channel).',
    ],
    minSyntax: '1.20',
    link: ref('copy---parents'),
  },
  excludeFlag('COPY'),
];
