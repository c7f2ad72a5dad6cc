import type { InstructionData } from '../types';
import { RUN_FLAGS } from './runFlags';
import { ref, SHELL_VS_EXEC } from './shared';

export const RUN: InstructionData = {
  keyword: 'RUN',
  buildkitStep: true,
  writesLayer: true,
  summary:
    'Executes a command while the image is being built and saves the changed files as a new layer. Use it to install packages, compile code and prepare files.',
  syntax: [
    'RUN [OPTIONS] <command> ...',
    'RUN [OPTIONS] ["<executable>", "<arg>", ...]',
    'RUN [OPTIONS] <<EOF ... EOF',
  ],
  buildVsRun:
    'Build time only. The command runs once, in a temporary container, when the image is built; its file changes become a layer. It does not run again when a container starts — that is what `CMD` and `ENTRYPOINT` describe.',
  cache:
    'Cached on the command line as written, its flags, the environment it runs with (ARG and ENV values) and the previous layer, not on what the command does. `RUN apt-get update` or `RUN curl ...` is reused even if the remote content changed; a change to an earlier `COPY`, to the text, or to an ARG/ENV value it sees makes it run again, together with every step after it.',
  sections: [
    SHELL_VS_EXEC,
    {
      title: 'Here-documents (syntax 1.4)',
      body: [
        'A heredoc passes several lines as one script, in one layer:',
        '```dockerfile',
        'RUN <<EOF',
        'set -e',
        'apt-get update',
        'apt-get install -y curl',
        'EOF',
        '```',
        '- Without `set -e`, a failing line in the middle does not stop the script; only the last line decides success.',
        '- A first line such as `#!/usr/bin/env python3` runs the script with that interpreter.',
      ].join('\n'),
    },
  ],
  example: [
    'RUN apt-get update \\',
    ' && apt-get install -y --no-install-recommends curl \\',
    ' && rm -rf /var/lib/apt/lists/*',
    'RUN --mount=type=cache,target=/root/.npm npm ci',
  ].join('\n'),
  pitfalls: [
    '`RUN` is not what the container runs at start: a server started with `RUN` runs during the build and is gone afterwards; use `CMD` or `ENTRYPOINT` for that.',
    'Splitting `apt-get update` and `apt-get install` into two RUNs lets the cached, stale `update` layer be reused with a new install line; keep them in one RUN.',
    'Files deleted in a later RUN still take space in the earlier layer; download, use and delete in the same RUN, or use a cache or bind mount.',
    'In exec form (`RUN ["echo", "$HOME"]`) no shell runs, so `$HOME` is printed literally.',
  ],
  link: ref('run'),
  flags: RUN_FLAGS,
  forms: ['shell', 'exec', 'heredoc'],
  expandsVariables: false,
  minArgs: 1,
  allowedInOnbuild: true,
  snippet: '${1:command}',
};
