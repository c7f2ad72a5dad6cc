/** BuildKit's build checks: whole lists of findings per Dockerfile, and each mechanical fix. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../server/src/service/diagnostics/rules/buildkit';
import { fixed, lintLines } from './helpers-diagnostics';

const CHECKS = RULES.map((r) => r.id);
const checks = (text: string, options?: Parameters<typeof lintLines>[2]) => lintLines(text, CHECKS, options);

test('stage checks: casing, duplicates, reserved names, platforms, ARGs in FROM', () => {
  const text = [
    'ARG TAG',
    'ARG IMAGE=alpine',
    'FROM golang:1.22 AS Build',
    'FROM alpine:3.20 as build',
    'from alpine:3.20 AS scratch',
    'FROM --platform=$TARGETPLATFORM alpine:3.20',
    'FROM --platform=linux/amd64 alpine:3.20',
    'FROM --platform=linux/arm64 alpine:3.20 AS arm64-tools',
    'FROM --platform=$BULIDPLATFORM $IMAGE:$TAG',
    'FROM --platform=linux/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022 AS linux',
  ].join('\n');
  assert.deepEqual(checks(text), [
    '2:20-2:25 warning StageNameCasing Stage name "Build" should be lowercase',
    '3:17-3:19 warning FromAsCasing "as" and "FROM" are written in different cases',
    '3:20-3:25 warning DuplicateStageName Stage name "build" is already used by an earlier stage',
    '4:0-4:4 warning ConsistentInstructionCasing "from" should match the uppercase used by most instructions',
    '4:17-4:19 warning FromAsCasing "AS" and "from" are written in different cases',
    '4:20-4:27 warning ReservedStageName "scratch" is reserved and should not name a stage',
    '5:5-5:31 warning RedundantTargetPlatform --platform=$TARGETPLATFORM is the default and can go',
    '6:16-6:27 warning FromPlatformFlagConstDisallowed --platform is fixed to "linux/amd64"; use a build argument such as $BUILDPLATFORM',
    '8:16-8:30 warning UndefinedArgInFrom FROM uses "BULIDPLATFORM", which no global ARG declares (did you mean BUILDPLATFORM?)',
    '8:31-8:42 warning InvalidDefaultArgInFrom With the ARG defaults, "$IMAGE:$TAG" becomes "alpine:", not a valid image name',
    '9:28-9:73 warning InvalidBaseImagePlatform "mcr.microsoft.com/windows/nanoserver:ltsc2022" is a Windows image, but --platform asks for "linux/amd64"',
  ]);
});

test('instruction checks: JSON form, MAINTAINER, repeated CMD, legacy pairs, WORKDIR, continuations, EXPOSE', () => {
  const text = [
    'FROM alpine:3.20 AS base',
    'MAINTAINER Jane <jane@example.com>',
    'CMD node server.js',
    'CMD ["node", "server.js"]',
    'ENV APP_HOME /app',
    'ARG NAME value',
    'WORKDIR app',
    'RUN apk add \\',
    '',
    '    curl',
    'EXPOSE 80/TCP 127.0.0.1:8080:80',
    'FROM base',
    'SHELL ["/bin/ash", "-c"]',
    'ENTRYPOINT exec app',
    'WORKDIR sub',
  ].join('\n');
  assert.deepEqual(checks(text), [
    '1:0-1:10 warning MaintainerDeprecated MAINTAINER is deprecated: set the org.opencontainers.image.authors label instead',
    '2:0-2:3 warning MultipleInstructionsDisallowed Only the last CMD of a stage takes effect; this one is overridden',
    '2:4-2:18 warning JSONArgsRecommended CMD in shell form runs under /bin/sh, which does not forward signals; use the JSON form',
    '4:4-4:17 warning LegacyKeyValueFormat Write ENV APP_HOME=<value> instead of the legacy "ENV APP_HOME <value>"',
    '5:4-5:8 warning LegacyKeyValueFormat Write ARG NAME=<value> instead of the legacy "ARG NAME <value>"',
    '6:8-6:11 warning WorkdirRelativePath Relative WORKDIR "app" depends on the base image\'s working directory',
    '9:0-9:8 warning NoEmptyContinuation Empty continuation line: remove it (it will become an error)',
    '10:7-10:13 warning ExposeProtoCasing Protocol in "80/TCP" should be lowercase',
    '10:14-10:31 warning ExposeInvalidFormat EXPOSE takes container ports only, not an IP address or host port ("127.0.0.1:8080:80")',
    '14:8-14:11 warning WorkdirRelativePath Relative WORKDIR "sub" depends on the base image\'s working directory',
  ]);
});

test('variable and context checks: UndefinedVar, secrets, .dockerignore, descriptions', () => {
  const text = [
    '# check=experimental=InvalidDefinitionDescription',
    'FROM scratch AS base',
    'ARG VERSION=1',
    'ENV APP_VERSION=$VERSOIN HOME_DIR=${UNSET:-/home}',
    'ARG GITHUB_TOKEN PUBLIC_KEY AUTH_MODULE_VERSION db_password_file',
    '# the release to build',
    'ARG RELEASE=1',
    'COPY README.md notes.md /docs/',
    'COPY --from=base notes.md /x',
    'COPY . /all',
    'FROM alpine:3.20',
    'COPY $extra /x',
    'COPY $EXTRA /x',
  ].join('\n');
  // The directive line is a comment too, so BuildKit reads it as the stage's description.
  assert.deepEqual(checks(text, { dockerignore: '*.md\n!README.md\n' }), [
    '1:0-1:4 warning InvalidDefinitionDescription A comment right above FROM is read as its description and should start with the name: "# base <description>"',
    '3:16-3:24 warning UndefinedVar "$VERSOIN" is not defined at this point (did you mean $VERSION?)',
    '3:34-3:49 warning UndefinedVar "$UNSET" is not defined at this point',
    '4:4-4:16 warning SecretsUsedInArgOrEnv ARG "GITHUB_TOKEN" looks like a secret, and ARG values stay readable in the image; use a secret mount',
    '6:0-6:3 warning InvalidDefinitionDescription A comment right above ARG is read as its description and should start with the name: "# RELEASE <description>"',
    '7:15-7:23 warning CopyIgnoredFile "notes.md" is excluded by .dockerignore, so COPY cannot use it',
    '11:5-11:11 warning UndefinedVar "$extra" is not defined at this point',
    '12:5-12:11 warning UndefinedVar "$EXTRA" is not defined at this point',
  ]);
});

test('UndefinedVar as BuildKit counts it: guarded forms, global ARGs, same-instruction uses, quoted heredocs, first line', () => {
  const text = [
    'ARG GLOBAL=1',
    'FROM alpine:3.20',
    'ENV A=${X:+set} B=${Y:-1} C=$GLOBAL',
    'ENV DIR=1 \\',
    '    E=$DIR',
    'COPY <<"EOF" /quoted.sh',
    'echo $NOT_EXPANDED',
    'EOF',
    'COPY <<EOF /plain.txt',
    '$EXPANDED',
    'EOF',
    'RUN echo $IN_RUN',
  ].join('\n');
  assert.deepEqual(checks(text), [
    '2:6-2:15 warning UndefinedVar "$X" is not defined at this point',
    '2:18-2:25 warning UndefinedVar "$Y" is not defined at this point',
    '2:28-2:35 warning UndefinedVar "$GLOBAL" is not defined at this point',
    '3:0-3:3 warning UndefinedVar "$DIR" (line 5) is not defined at this point',
    '8:0-8:4 warning UndefinedVar "$EXPANDED" (line 10) is not defined at this point',
  ]);
});

test('UndefinedVar reads the base image environment: engine first, then the official-image table, then a guess', () => {
  const text = [
    'FROM python:3.12-slim AS py',
    'ENV V=$PYTHON_VERSION W=$PYTHON_VERISON X=$UNSET_UPPER',
    'FROM py',
    'ENV Y=$GPG_KEY',
    'FROM example.com/team/base:1',
    'ENV Z=$FROM_IMAGE z=$lower Q=$PATH',
    'FROM scratch',
    'ENV P=$PATH R=$HOME',
  ].join('\n');
  assert.deepEqual(checks(text), [
    '1:24-1:39 warning UndefinedVar "$PYTHON_VERISON" is not defined at this point (did you mean $PYTHON_VERSION?)',
    '1:42-1:54 warning UndefinedVar "$UNSET_UPPER" is not defined at this point',
    '5:20-5:26 warning UndefinedVar "$lower" is not defined at this point',
    '7:14-7:19 warning UndefinedVar "$HOME" is not defined at this point',
  ]);
  // With the engine's answer, its environment wins over the table, and unknown images are known.
  const engine = (ref: string) => (ref === 'example.com/team/base:1' ? ['PATH=/bin', 'FROM_IMAGE=1'] : ref.startsWith('python:') ? ['PATH=/bin', 'UNSET_UPPER=x'] : undefined);
  assert.deepEqual(checks(text, { imageEnv: engine }), [
    '1:6-1:21 warning UndefinedVar "$PYTHON_VERSION" is not defined at this point',
    '1:24-1:39 warning UndefinedVar "$PYTHON_VERISON" is not defined at this point',
    '3:6-3:14 warning UndefinedVar "$GPG_KEY" is not defined at this point',
    '5:20-5:26 warning UndefinedVar "$lower" is not defined at this point',
    '7:14-7:19 warning UndefinedVar "$HOME" is not defined at this point',
  ]);
});

test('BuildKit parity classes: escaped escape ends a line, quoted absolute WORKDIR, platform ARGs in the global scope', () => {
  const text = [
    'ARG FLAVOR=base-${TARGETARCH}',
    'FROM alpine:3.20 AS base-amd64',
    'FROM ${FLAVOR}',
    'COPY a C:\\\\',
    '',
    'ENV LEGACY value',
    'WORKDIR "/app"',
    'WORKDIR sub',
  ].join('\n');
  assert.deepEqual(checks(text), ['5:4-5:16 warning LegacyKeyValueFormat Write ENV LEGACY=<value> instead of the legacy "ENV LEGACY <value>"']);
});

test('fixes rewrite the whole document as expected', () => {
  assert.equal(
    fixed('FROM golang:1.22 AS Build\nFROM alpine:3.20\nCOPY --from=Build /out /out\n', 'StageNameCasing'),
    'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /out /out\n',
  );
  assert.equal(fixed('from alpine:3.20 AS base\n', 'FromAsCasing'), 'from alpine:3.20 as base\n');
  assert.equal(fixed('FROM alpine:3.20\nrun true\nRUN true\n', 'ConsistentInstructionCasing'), 'FROM alpine:3.20\nRUN true\nRUN true\n');
  assert.equal(fixed('FROM alpine:3.20\nCMD node  server.js\n', 'JSONArgsRecommended'), 'FROM alpine:3.20\nCMD ["node", "server.js"]\n');
  assert.equal(fixed('FROM alpine:3.20\nCMD node server.js | tee log\n', 'JSONArgsRecommended'), null);
  assert.equal(
    fixed('FROM alpine:3.20\nMAINTAINER Jane "J" <jane@example.com>\n', 'MaintainerDeprecated'),
    'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane \\"J\\" <jane@example.com>"\n',
  );
  assert.equal(fixed('FROM alpine:3.20\nENV APP_HOME /app\n', 'LegacyKeyValueFormat'), 'FROM alpine:3.20\nENV APP_HOME=/app\n');
  assert.equal(fixed('FROM alpine:3.20\nENV GREETING hello world\n', 'LegacyKeyValueFormat'), 'FROM alpine:3.20\nENV GREETING="hello world"\n');
  assert.equal(fixed('FROM --platform=$TARGETPLATFORM alpine:3.20\n', 'RedundantTargetPlatform'), 'FROM alpine:3.20\n');
  assert.equal(fixed('FROM nginx:1.27\nEXPOSE 80/TCP\n', 'ExposeProtoCasing'), 'FROM nginx:1.27\nEXPOSE 80/tcp\n');
});
