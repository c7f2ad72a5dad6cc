import type { InstructionData } from '../types';
import { ref } from './shared';

export const ONBUILD: InstructionData = {
  keyword: 'ONBUILD',
  summary:
    'Stores an instruction as a trigger that runs later, when another Dockerfile uses this image in its `FROM`. Useful for base images that expect the child project files.',
  syntax: ['ONBUILD <INSTRUCTION> <arguments>'],
  buildVsRun:
    'This build: only recorded in the image metadata, nothing runs. Child build: the triggers run in order right after the child `FROM`, as if written there; container start is not involved.',
  cache: 'Writes metadata only in this build; in the child build each trigger is cached like the instruction it holds.',
  example: 'ONBUILD COPY . /app/src\nONBUILD RUN make -C /app/src',
  pitfalls: [
    '`ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER` are rejected.',
    'Triggers run only for direct children; they are not passed on to grandchildren.',
    'Hidden triggers surprise users of the image; document them (they show in `docker inspect` under `OnBuild`).',
    'Triggers that use `--from` (`COPY --from`, `RUN --mount=from=`) need `# syntax=docker/dockerfile:1.11` or later in the child build.',
  ],
  link: ref('onbuild'),
  flags: [],
  forms: ['plain'],
  expandsVariables: false,
  minArgs: 1,
  allowedInOnbuild: false,
  snippet: '${1|ADD,ARG,CMD,COPY,ENTRYPOINT,ENV,EXPOSE,HEALTHCHECK,LABEL,RUN,SHELL,STOPSIGNAL,USER,VOLUME,WORKDIR|} ${2:arguments}',
};
