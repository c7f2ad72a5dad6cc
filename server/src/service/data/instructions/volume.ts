import type { InstructionData } from '../types';
import { ref } from './shared';

export const VOLUME: InstructionData = {
  keyword: 'VOLUME',
  summary:
    'Marks paths in the image as places for data that lives outside the container filesystem. Each container gets a volume there, anonymous unless you mount one.',
  syntax: ['VOLUME ["<path>", ...]', 'VOLUME <path> [<path>...]'],
  buildVsRun:
    'Build time: recorded in the image configuration. Container start: Docker mounts a volume at each path (a new anonymous one unless `-v` or `--mount` names one) and fills a new, empty volume with the files the image has there.',
  cache: 'Writes metadata only: no layer and nothing executed.',
  example: 'RUN mkdir -p /var/lib/app && chown app /var/lib/app\nVOLUME /var/lib/app',
  pitfalls: [
    'The host directory cannot be chosen in the Dockerfile; it is decided by `docker run -v` or `--mount`.',
    'Every `docker run` without a named volume leaves another anonymous volume behind; clean up with `docker volume prune`.',
    'A volume declared in a base image cannot be removed by images built on it.',
    'In the JSON form use double quotes; single quotes are not JSON.',
  ],
  link: ref('volume'),
  flags: [],
  forms: ['exec', 'plain'],
  expandsVariables: true,
  minArgs: 1,
  allowedInOnbuild: true,
  snippet: '${1:/data}',
};
