import type { InstructionData } from '../types';
import { COPY_FLAGS } from './copyFlags';
import { ref } from './shared';

export const COPY: InstructionData = {
  keyword: 'COPY',
  buildkitStep: true,
  writesLayer: true,
  summary:
    'Copies files and directories from the build context, another stage or an image into the image being built. The last argument is the destination inside the image.',
  syntax: [
    'COPY [OPTIONS] <src>... <dest>',
    'COPY [OPTIONS] ["<src>", ... "<dest>"]',
    'COPY [OPTIONS] <<EOF <dest>',
  ],
  buildVsRun:
    'Build time only: the files are copied into a new layer. Nothing happens when a container starts, and the files are only as current as the last build.',
  cache:
    'Cached on the checksums of the copied files (content and metadata, not modification times) plus the flags and destination. Editing any copied file rebuilds this step and every step after it, so copy rarely changing files (lock files) before the rest of the source.',
  sections: [
    {
      title: 'Sources and destination',
      body: [
        '- Sources are relative to the **build context** (the folder given to `docker build`), not to the Dockerfile or your disk: `COPY /conf /etc/app` means the context `conf` folder. Paths outside the context cannot be reached.',
        '- A directory source copies its **contents**, not the directory itself: `COPY src /app` puts the files of `src` directly in `/app`. To keep the name, write `COPY src /app/src`.',
        '- A destination ending in `/` is a directory; with several sources it must be one. A relative destination is taken from `WORKDIR`.',
        '- Wildcards follow Go `filepath.Match`: `COPY *.json ./`.',
      ].join('\n'),
    },
  ],
  example: [
    'WORKDIR /app',
    'COPY package.json package-lock.json ./',
    'RUN npm ci',
    'COPY src/ ./src/',
    'COPY --from=build /out/app /usr/local/bin/app',
  ].join('\n'),
  pitfalls: [
    '`COPY folder /dest` does not create `/dest/folder`: it copies what is inside `folder` into `/dest`, with or without a trailing slash on the source.',
    'Source paths are read from the build context, so a leading `/` or `../` does not reach files on your machine outside it; files listed in `.dockerignore` are missing too.',
    'Copying the whole project before installing dependencies means every code change reinstalls them; copy the dependency manifests first.',
    'Copied files belong to root unless you add `--chown`, even after `USER`.',
  ],
  link: ref('copy'),
  flags: COPY_FLAGS,
  forms: ['plain', 'exec', 'heredoc'],
  expandsVariables: true,
  minArgs: 2,
  allowedInOnbuild: true,
  snippet: '${1:src} ${2:dest}',
};
