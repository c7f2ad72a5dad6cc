import type { InstructionData } from '../types';
import { ref } from './shared';

export const MAINTAINER: InstructionData = {
  keyword: 'MAINTAINER',
  summary: 'Sets the Author field of the image. Deprecated: use a label instead.',
  syntax: ['MAINTAINER <name>'],
  buildVsRun: 'Build time: stored in the image configuration only.',
  cache: 'Writes metadata only: no layer and nothing executed.',
  example: 'LABEL org.opencontainers.image.authors="dev@example.com"',
  pitfalls: [
    'BuildKit reports the `MaintainerDeprecated` check for it; `LABEL org.opencontainers.image.authors=...` carries the same information and shows up with the other labels.',
    'It cannot be an `ONBUILD` trigger.',
  ],
  link: ref('maintainer-deprecated'),
  deprecated: 'Use `LABEL org.opencontainers.image.authors="<name>"` instead.',
  flags: [],
  forms: ['plain'],
  expandsVariables: false,
  minArgs: 1,
  allowedInOnbuild: false,
  snippet: '${1:name}',
};
