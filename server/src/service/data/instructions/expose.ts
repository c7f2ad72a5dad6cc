import type { InstructionData } from '../types';
import { ref } from './shared';

export const EXPOSE: InstructionData = {
  keyword: 'EXPOSE',
  summary:
    'Documents which ports the application in the container listens on, TCP unless `/udp` is given. It does not publish them.',
  syntax: ['EXPOSE <port>[/<protocol>] [<port>[/<protocol>]...]'],
  buildVsRun:
    'Build time: recorded in the image configuration. Container start: nothing is opened by itself; `docker run -p host:container` publishes a port, and `-P` publishes every exposed port on random host ports.',
  cache: 'Writes metadata only: no layer and nothing executed.',
  example: 'EXPOSE 8080\nEXPOSE 53/udp',
  pitfalls: [
    'Exposing a port does not make it reachable from the host; you still need `-p` (or `-P`).',
    'The protocol is lowercase `tcp` or `udp`; to offer both, write the port twice.',
    'It does not change the port your program listens on; configure the program itself.',
  ],
  link: ref('expose'),
  flags: [],
  forms: ['plain'],
  expandsVariables: true,
  minArgs: 1,
  allowedInOnbuild: true,
  snippet: '${1:8080}',
};
