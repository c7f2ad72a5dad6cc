/** All 18 instructions, in the order the Dockerfile reference lists them in its overview. */
import type { InstructionData } from '../types';
import { ADD } from './add';
import { ARG } from './arg';
import { CMD } from './cmd';
import { COPY } from './copy';
import { ENTRYPOINT } from './entrypoint';
import { ENV } from './env';
import { EXPOSE } from './expose';
import { FROM } from './from';
import { HEALTHCHECK } from './healthcheck';
import { LABEL } from './label';
import { MAINTAINER } from './maintainer';
import { ONBUILD } from './onbuild';
import { RUN } from './run';
import { SHELL } from './shell';
import { STOPSIGNAL } from './stopsignal';
import { USER } from './user';
import { VOLUME } from './volume';
import { WORKDIR } from './workdir';

export const INSTRUCTIONS: readonly InstructionData[] = [
  ADD,
  ARG,
  CMD,
  COPY,
  ENTRYPOINT,
  ENV,
  EXPOSE,
  FROM,
  HEALTHCHECK,
  LABEL,
  MAINTAINER,
  ONBUILD,
  RUN,
  SHELL,
  STOPSIGNAL,
  USER,
  VOLUME,
  WORKDIR,
];
