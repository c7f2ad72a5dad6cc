import type { InstructionData } from '../types';
import { ref } from './shared';

export const LABEL: InstructionData = {
  keyword: 'LABEL',
  summary: 'Adds key-value metadata to the image, such as its source, version or authors.',
  syntax: ['LABEL <key>=<value> [<key>=<value>...]'],
  buildVsRun:
    'Build time: stored in the image configuration. Containers inherit the labels; `docker image inspect` shows them.',
  cache: 'Writes metadata only: no layer and nothing executed.',
  example: [
    'LABEL org.opencontainers.image.source="https://github.com/org/app" \\',
    '      org.opencontainers.image.version="1.4.2"',
  ].join('\n'),
  pitfalls: [
    'Values with spaces need double quotes; single quotes keep `$VAR` unexpanded.',
    'Labels of the base image are inherited; the same key set again replaces the value.',
    'Labels of stages you only `COPY --from` do not reach the final image.',
  ],
  link: ref('label'),
  flags: [],
  forms: ['keyValue'],
  expandsVariables: true,
  minArgs: 1,
  allowedInOnbuild: true,
  snippet: '${1:key}="${2:value}"',
};
