import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../server/src/service/model';
import { lint as lintWith } from '../../server/src/service/diagnostics/engine';
import { ALL_RULES } from '../../server/src/service/diagnostics/rules';
import { lintLines, fixed, render } from './helpers-diagnostics';

const CACHE_RULES = ['copy-all-before-install', 'apt-get-update-alone', 'arg-declared-early', 'add-url-without-checksum', 'install-without-cache-mount', 'consecutive-run'];

/** The cache rules' findings (and consecutive-run's, to see it stand back), one per line, 0-based. */
const lint = (text: string) => lintLines(text, CACHE_RULES);

test('copy-all-before-install: the COPY is reported with the install it slows down; the fix copies the manifests first', () => {
  const text = 'FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n';
  assert.deepEqual(lint(text), [
    '2:0-2:26 info copy-all-before-install This copies the whole context before `npm ci` (line 4), so a change to any file reruns the install: copy package*.json first, install, then copy the rest.',
  ]);
  assert.equal(
    fixed(text, 'copy-all-before-install'),
    'FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node package*.json ./\nRUN npm ci --omit=dev\nCOPY --chown=node:node . .\nCMD ["node", "server.js"]\n',
  );
  const pip = 'FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r requirements.txt\n';
  assert.equal(fixed(pip, 'copy-all-before-install'), 'FROM python:3.12-slim\nCOPY requirements.txt /app/\nRUN pip install -r requirements.txt\nCOPY . /app\n');
  assert.equal(fixed('FROM golang:1.22\nCOPY ./ .\nRUN go mod download\n', 'copy-all-before-install'), 'FROM golang:1.22\nCOPY go.mod go.sum* ./\nRUN go mod download\nCOPY ./ .\n');
});

test('copy-all-before-install: advice without a fix when moving the install would break the build', () => {
  const cases = [
    // The install is not the next instruction, or it does more than install.
    'FROM node:20\nCOPY . .\nRUN apt-get update\nRUN npm install',
    'FROM node:20\nCOPY . .\nRUN npm ci && npm run build',
    // The install needs the sources anyway, or reads a requirements file in a folder.
    'FROM rust:1.79\nCOPY . .\nRUN cargo build --release',
    'FROM python:3.12\nCOPY . .\nRUN pip install -r requirements/prod.txt',
  ];
  assert.deepEqual(
    cases.map((text) => [lint(text)[0]?.split(' ').slice(0, 3).join(' ') ?? '', fixed(text, 'copy-all-before-install')]),
    [
      ['1:0-1:8 info copy-all-before-install', null],
      ['1:0-1:8 info copy-all-before-install', null],
      ['1:0-1:8 info copy-all-before-install', null],
      ['1:0-1:8 info copy-all-before-install', null],
    ],
  );
  assert.deepEqual(lint(cases[2]), [
    '1:0-1:8 info copy-all-before-install This copies the whole context before `cargo build` (line 3), so a change to any file reruns the install: copy Cargo.toml and Cargo.lock (then `cargo fetch`) first, install, then copy the rest.',
  ]);
});

test('copy-all-before-install is silent when the manifests come first, for partial copies, other stages and plain npm commands', () => {
  assert.deepEqual(lint('FROM node:20\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build'), []);
  assert.deepEqual(lint('FROM node:20\nCOPY src/ ./src/\nRUN npm ci'), []);
  assert.deepEqual(lint('FROM node:20 AS a\nCOPY . .\nFROM node:20\nRUN npm ci'), []);
  assert.deepEqual(lint('FROM node:20\nCOPY . .\nRUN npm install express'), []);
  assert.deepEqual(lint('FROM node:20 AS build\nFROM node:20\nCOPY --from=build . .\nRUN npm ci'), []);
});

test('apt-get-update-alone: reported on the update, fixed by joining it to the install; consecutive-run stands back', () => {
  const text = 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n';
  assert.deepEqual(lint(text), [
    '1:4-1:18 info apt-get-update-alone This update is cached on its own, so the install on line 3 can run against stale package lists: update and install in the same RUN.',
  ]);
  assert.equal(fixed(text, 'apt-get-update-alone'), 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n');
  // Not alone: installs in the same RUN, no install later, or the later RUN updates itself.
  assert.deepEqual(lint('FROM debian:12\nRUN apt-get update && apt-get install -y curl'), []);
  assert.deepEqual(lint('FROM debian:12\nRUN apt-get update\nRUN echo done'), ['2:0-2:13 hint consecutive-run This RUN and the one before it could be one RUN joined with `&&`.']);
  assert.deepEqual(lint('FROM debian:12\nRUN apt-get update\nRUN apt-get update && apt-get install -y curl'), []);
  // Flags on the update RUN: reported, but the fix would drop them, so none is offered.
  assert.equal(fixed('FROM debian:12\nRUN --network=host apt-get update\nRUN apt-get install -y curl\n', 'apt-get-update-alone'), null);
  // Two other one-command RUNs still make a consecutive-run finding.
  assert.deepEqual(lint('FROM debian:12\nRUN mkdir /a\nRUN chown x /a'), ['2:0-2:14 hint consecutive-run This RUN and the one before it could be one RUN joined with `&&`.']);
});

test('arg-declared-early: the RUNs between the ARG and its first use are counted; the fix moves the ARG', () => {
  const text = 'FROM alpine:3.20\nARG VERSION=1.0\nRUN apk add --no-cache make && make --version\nRUN mkdir /src\nCOPY app-$VERSION.tgz /src/\n';
  assert.deepEqual(lint(text), [
    '1:4-1:11 hint arg-declared-early A new value of VERSION rebuilds the 2 RUNs before its first use (line 5) as well: declare it just before that line.',
  ]);
  assert.equal(fixed(text, 'arg-declared-early'), 'FROM alpine:3.20\nRUN apk add --no-cache make && make --version\nRUN mkdir /src\nARG VERSION=1.0\nCOPY app-$VERSION.tgz /src/\n');
  // Used right away, never named (a script may read it), a platform ARG, or several names (no fix).
  assert.deepEqual(lint('FROM alpine\nARG V=1\nENV V=$V\nRUN make'), []);
  assert.deepEqual(lint('FROM alpine\nARG V=1\nRUN ./build.sh'), []);
  assert.deepEqual(lint('FROM alpine\nARG TARGETARCH\nRUN true\nCOPY a /a\nRUN echo $TARGETARCH'), []);
  const two = 'FROM alpine\nARG A=1 B=2\nRUN make && make install\nRUN echo $B';
  assert.deepEqual(lint(two), ['1:8-1:9 hint arg-declared-early A new value of B rebuilds the RUN before its first use (line 4) as well: declare it just before that line.']);
  assert.equal(fixed(two, 'arg-declared-early'), null);
});

test('add-url-without-checksum: http(s) sources without --checksum, in ONBUILD too; git URLs and local files are not', () => {
  assert.deepEqual(lint('FROM alpine\nADD https://example.com/a.tgz http://example.com/b.txt /opt/\nONBUILD ADD https://example.com/c.tgz /c'), [
    '1:4-1:29 info add-url-without-checksum Add `--checksum=sha256:...` to pin `https://example.com/a.tgz`: without it every build asks the server again, and a changed file silently rebuilds this step and the ones after it.',
    '1:30-1:54 info add-url-without-checksum Add `--checksum=sha256:...` to pin `http://example.com/b.txt`: without it every build asks the server again, and a changed file silently rebuilds this step and the ones after it.',
    '2:12-2:37 info add-url-without-checksum Add `--checksum=sha256:...` to pin `https://example.com/c.tgz`: without it every build asks the server again, and a changed file silently rebuilds this step and the ones after it.',
  ]);
  assert.deepEqual(lint(`FROM alpine\nADD --checksum=sha256:${'a'.repeat(64)} https://example.com/a.tgz /opt/`), []);
  assert.deepEqual(lint('FROM alpine\nADD https://github.com/moby/buildkit.git#v0.13.0 /src\nADD git@github.com:a/b.git /b\nADD a.tgz /opt/'), []);
});

test('install-without-cache-mount: in BuildKit files, per manager; the layer-size rules keep their own findings', () => {
  const text = [
    '# syntax=docker/dockerfile:1',
    'FROM golang:1.22 AS build',
    'RUN go mod download && go build -o /app .',
    'RUN --mount=type=cache,target=/root/.cache/go-build go build ./...',
    'FROM node:20',
    'RUN npm ci',
    'RUN --mount=type=cache,target=/root/.npm npm ci',
    'RUN apk add --no-cache git',
    'RUN apk add curl && git --version',
  ].join('\n');
  assert.deepEqual(lint(text), [
    '2:4-2:19 hint install-without-cache-mount `go mod download` downloads everything again each time this step rebuilds: a cache mount (`RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build`) keeps the downloads between builds.',
    '5:4-5:10 hint install-without-cache-mount `npm ci` downloads everything again each time this step rebuilds: a cache mount (`RUN --mount=type=cache,target=/root/.npm`) keeps the downloads between builds.',
    '7:4-7:26 hint install-without-cache-mount `apk add` downloads everything again each time this step rebuilds: drop `--no-cache` and mount a cache (`RUN --mount=type=cache,target=/var/cache/apk`) to keep the downloads between builds.',
  ]);
  assert.equal(
    fixed('# syntax=docker/dockerfile:1\nFROM node:20\nRUN npm ci\n', 'install-without-cache-mount'),
    '# syntax=docker/dockerfile:1\nFROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci\n',
  );
  // Without BuildKit syntax in the file, the flag might not be understood: silent.
  assert.deepEqual(lint('FROM node:20\nRUN npm ci'), []);
});

/** Only the cache rules, so the sizes below time nothing else (pipe-without-pipefail is slow there). */
const onlyCacheRules = (text: string) => render(lintWith(buildModel(text), {}, ALL_RULES.filter((r) => CACHE_RULES.includes(r.id))));

test('hostile sizes: thousands of ARGs, lone updates and RUNs are judged in one pass each', { timeout: 60_000 }, () => {
  const n = 20_000;
  const args = ['FROM alpine', ...Array.from({ length: n }, (_, i) => `ARG A${i}=1\nRUN true && true`), `RUN echo ${Array.from({ length: 50 }, (_, i) => `$A${i}`).join(' ')}`];
  const early = onlyCacheRules(args.join('\n')).filter((l) => l.includes('arg-declared-early'));
  assert.equal(early.length, 50);
  assert.equal(early[0], `1:4-1:6 hint arg-declared-early A new value of A0 rebuilds the ${n} RUNs before its first use (line ${2 * n + 2}) as well: declare it just before that line.`);
  const updates = ['FROM debian:12', ...Array.from({ length: n }, () => 'RUN apt-get update'), 'RUN apt-get install -y curl'].join('\n');
  assert.deepEqual(
    onlyCacheRules(updates).filter((l) => !l.includes('consecutive-run')),
    [`${n}:4-${n}:18 info apt-get-update-alone This update is cached on its own, so the install on line ${n + 2} can run against stale package lists: update and install in the same RUN.`],
  );
});
