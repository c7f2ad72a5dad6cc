import type { InstructionData } from '../types';
import { ref } from './shared';

export const FROM: InstructionData = {
  keyword: 'FROM',
  summary:
    'Starts a new build stage on top of a base image; everything after it, up to the next `FROM`, builds on that image. A Dockerfile may have several `FROM` lines (a multi-stage build).',
  syntax: [
    'FROM [--platform=<platform>] <image> [AS <name>]',
    'FROM [--platform=<platform>] <image>:<tag> [AS <name>]',
    'FROM [--platform=<platform>] <image>@<digest> [AS <name>]',
  ],
  buildVsRun:
    'Build time only: the builder resolves and pulls the base image, and the stage starts from its filesystem and settings (ENV, WORKDIR, USER, CMD, ENTRYPOINT, labels). Nothing runs when a container starts.',
  cache:
    'The cache key is the image digest the reference resolves to; when it changes, every step of the stage rebuilds. A builder may keep using a tag it already has until `docker build --pull`; a digest (`@sha256:...`) fixes the exact image.',
  sections: [
    {
      title: 'Stages',
      body: [
        '- `AS name` names the stage; later `FROM name`, `COPY --from=name` and `RUN --mount=from=name` refer to it. Stage names are lowercase, start with a letter and may contain digits, `-`, `_` and `.`.',
        '- Only stages the target needs are built (with BuildKit); `docker build --target name` stops at that stage.',
        '- `FROM scratch` starts from an empty filesystem: no shell, so only exec-form commands and copied binaries work.',
        '- `ARG` lines before the first `FROM` can be used in `FROM` (e.g. `FROM node:${NODE_VERSION}`), but are not visible inside a stage unless the stage declares `ARG NAME` again.',
      ].join('\n'),
    },
  ],
  example: [
    'ARG GO_VERSION=1.22',
    'FROM golang:${GO_VERSION} AS build',
    'WORKDIR /src',
    'COPY . .',
    'RUN go build -o /out/app .',
    '',
    'FROM gcr.io/distroless/static',
    'COPY --from=build /out/app /app',
  ].join('\n'),
  pitfalls: [
    'Without a tag the builder uses `latest`, which changes under you; pin a version tag, or a digest for fully reproducible builds.',
    'An `ARG` declared before `FROM` is empty inside the stage until you repeat `ARG NAME` (without a value) after the `FROM`.',
    'Each `FROM` starts clean: files, ENV and WORKDIR from an earlier stage are not carried over unless you build `FROM` that stage or copy with `COPY --from`.',
    'Only the last stage (or the `--target` stage) becomes the image; tools installed in earlier stages do not end up in it.',
  ],
  link: ref('from'),
  flags: [
    {
      name: 'platform',
      valueKind: 'platform',
      summary:
        'Picks which platform variant of a multi-platform base image to use, e.g. `linux/amd64` or `linux/arm64`. Defaults to the platform the build targets.',
      syntax: ['FROM --platform=<platform> <image>'],
      example: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .',
      pitfalls: [
        '`--platform=$BUILDPLATFORM` runs the stage natively on the build machine, which is the usual way to cross-compile; setting a fixed value such as `linux/amd64` defeats multi-platform builds.',
        'Only global ARGs (declared before the first `FROM`) and the automatic platform ARGs can be used in the value.',
      ],
      link: ref('from'),
    },
  ],
  forms: ['plain'],
  expandsVariables: true,
  minArgs: 1,
  maxArgs: 3,
  allowedInOnbuild: false,
  snippet: '${1:image}:${2:tag}',
};
