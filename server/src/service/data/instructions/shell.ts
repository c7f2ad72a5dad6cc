import type { InstructionData } from '../types';
import { ref } from './shared';

export const SHELL: InstructionData = {
  keyword: 'SHELL',
  summary:
    'Replaces the shell that shell-form `RUN`, `CMD` and `ENTRYPOINT` run under; the default is `["/bin/sh", "-c"]` on Linux and `["cmd", "/S", "/C"]` on Windows.',
  syntax: ['SHELL ["<executable>", "<parameters>", ...]'],
  buildVsRun:
    'Both: later shell-form `RUN` steps use it during the build, and shell-form `CMD`/`ENTRYPOINT` written after it are stored with it for container start.',
  cache: 'Itself only metadata, but later shell-form `RUN` steps change their command line, so they rebuild.',
  example: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/install.sh | bash',
  pitfalls: [
    'It must be written in JSON (exec) form; `SHELL /bin/bash -c` is an error.',
    'Keep the flag that makes the shell read a command (`-c`, or `-command` for PowerShell), or commands are taken as script files.',
    '`-o pipefail` makes a failing `curl` in `curl ... | bash` fail the step; plain `sh` does not support it.',
  ],
  link: ref('shell'),
  flags: [],
  forms: ['exec'],
  expandsVariables: false,
  minArgs: 1,
  allowedInOnbuild: true,
  snippet: '["${1:/bin/bash}", "${2:-c}"]',
};
