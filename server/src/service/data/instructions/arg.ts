import type { InstructionData } from '../types';
import { ref } from './shared';

export const ARG: InstructionData = {
  keyword: 'ARG',
  summary:
    'Declares a build-time variable, optionally with a default, that `docker build --build-arg NAME=value` can set. It is not kept in the image environment.',
  syntax: ['ARG <name>[=<default>] [<name>[=<default>]...]'],
  buildVsRun:
    'Build time only: usable from the line it is declared on, in substitutions and as an environment variable of later `RUN` steps. Containers do not see it (use `ENV` for that).',
  cache:
    'The declaration does not miss the cache; the first later step that uses the value does, and every later `RUN` of the stage sees it in its environment, so a new value reruns those.',
  sections: [
    {
      title: 'Scope',
      body: [
        '- Before the first `FROM`: global, usable only in `FROM` lines.',
        '- Inside a stage: from its line to the end of the stage, and in stages built `FROM` this one.',
        '- To use a global ARG inside a stage, repeat `ARG NAME` (no value) there; it keeps the global value.',
        '- An `ENV` of the same name wins over the ARG.',
      ].join('\n'),
    },
  ],
  example: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}\nARG NODE_VERSION\nRUN echo "built with node $NODE_VERSION"',
  pitfalls: [
    'Values show up in `docker history` and provenance; pass secrets with `RUN --mount=type=secret` instead.',
    'A global ARG is empty inside a stage until the stage re-declares it.',
    'An ARG in one stage is not visible in an unrelated stage; declare it in each stage that needs it.',
  ],
  link: ref('arg'),
  flags: [],
  forms: ['keyValue'],
  expandsVariables: true,
  minArgs: 1,
  allowedInOnbuild: true,
  snippet: '${1:NAME}=${2:default}',
};
