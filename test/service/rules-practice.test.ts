import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { buildModel } from '../../server/src/service/model';
import { fixesOf, lint } from '../../server/src/service/diagnostics/engine';
import { renderRuleDocs } from '../../server/src/service/diagnostics/ruleDocs';
import { RULES } from '../../server/src/service/diagnostics/rules/practice';
import { applyEdits } from './helpers-edits';

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

function findings(text: string): Diagnostic[] {
  return lint(buildModel(text), {}, RULES);
}

/** Every practice finding, one per line: `line:col-line:col severity id message` (1-based). */
function render(text: string): string {
  return findings(text)
    .map((d) => {
      const { start, end } = d.range;
      return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${SEVERITY[d.severity ?? 0]} ${d.code} ${d.message}`;
    })
    .join('\n');
}

/** The document after applying the preferred fix of the only finding of `id`. */
function fixed(text: string, id: string): string {
  const model = buildModel(text);
  const matching = lint(model, {}, RULES).filter((d) => d.code === id);
  assert.equal(matching.length, 1, `expected one ${id} finding, got ${matching.length}`);
  const fixes = fixesOf(matching[0]);
  assert.equal(fixes.length, 1, `expected one fix for ${id}`);
  return applyEdits(text, fixes[0].edits);
}

test('apt-get: -y, recommends, pins and lists in one RUN', () => {
  assert.equal(
    render('FROM debian:12\nRUN apt-get update && \\\n    apt-get install curl git=1:2.39.2-1.1\n'),
    [
      '2:5-2:19 info apt-lists-cleanup The apt lists stay in this layer: end the RUN with `rm -rf /var/lib/apt/lists/*` (or, with BuildKit, mount a cache on /var/lib/apt).',
      '3:5-3:42 warning apt-get-yes `apt-get install` without `-y` stops at a prompt the build cannot answer.',
      '3:5-3:42 info apt-no-install-recommends Add `--no-install-recommends` to keep recommended packages out of the image.',
      '3:5-3:42 hint apt-pin-versions Pin the versions of `curl` (`package=version`).',
    ].join('\n'),
  );
});

test('a BuildKit cache mount satisfies the cache rules, and the message suggests one', () => {
  assert.equal(
    render(
      'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-1\n' +
        'RUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3\nRUN pip install flask==3.0.3\n',
    ),
    '4:5-4:29 info pip-no-cache-dir pip keeps its download cache in this layer: add `--no-cache-dir` (or mount a cache on /root/.cache/pip).',
  );
  assert.equal(
    render('FROM alpine:3.20\nRUN --mount=type=secret,id=x apk add curl=8.5.0-r0\n'),
    '2:30-2:51 info apk-no-cache Use `apk add --no-cache` so the package index does not stay in the layer.',
  );
});

test('heredoc bodies are read as scripts (shebang included); data heredocs are not', () => {
  assert.equal(
    render('FROM debian:12\nRUN <<EOF\n#!/bin/bash\nset -e\nsudo apt-get install -y --no-install-recommends x=1\nEOF\nRUN python3 <<EOF\nimport os; os.system("sudo ls")\nEOF\nRUN cat <<EOF > /etc/x\nsudo y\nEOF\n'),
    [
      '5:1-5:52 warning no-sudo Avoid `sudo` in RUN: switch with USER for the steps that need root.',
      // A heredoc is BuildKit syntax, so the cache-mount hint applies to the install in the script.
      '5:1-5:52 hint install-without-cache-mount `apt-get install` downloads everything again each time this step rebuilds: a cache mount (`RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked`) keeps the downloads between builds.',
    ].join('\n'),
  );
});

test('variables are resolved before judging: pinned defaults pass, unknown values are not judged', () => {
  assert.equal(
    render(
      'ARG BASE=node:20.11-slim\nARG BAD=node\nFROM ${BASE}\nFROM ${BAD} AS b\nFROM ${UNSET}\nFROM b\n' +
        'ARG PKGS="curl=8.5.0-1 git"\nRUN apt-get install -y --no-install-recommends $PKGS $OTHER\n',
    ),
    [
      '4:6-4:12 warning base-image-untagged Tag the base image (e.g. `node:<version>`): without a tag it is `latest`, whatever was pushed last.',
      '8:5-8:60 hint apt-pin-versions Pin the versions of `git` (`package=version`).',
    ].join('\n'),
  );
});

test('images and files: latest, ADD, last USER root, relative COPY, whole-stage copy', () => {
  assert.equal(
    render('FROM alpine:latest AS build\nFROM debian:12\nADD app.conf /etc/\nADD https://x/y.tgz /tmp/\nCOPY a.txt dest/\nCOPY --from=build / /\nUSER root\n'),
    [
      '1:6-1:19 warning base-image-latest Pin a release tag instead of `latest`: it changes whenever the base image is released.',
      '3:1-3:4 info add-instead-of-copy Use COPY for local files and folders: ADD also unpacks archives and fetches URLs.',
      '4:5-4:20 info add-url-without-checksum Add `--checksum=sha256:...` to pin `https://x/y.tgz`: without it every build asks the server again, and a changed file silently rebuilds this step and the ones after it.',
      '5:1-5:17 warning copy-relative-destination `dest/` is relative to the base image\'s working directory: set WORKDIR first or use an absolute path.',
      '6:1-6:22 warning copy-whole-stage This copies the whole filesystem of `build`: copy only the files the image needs.',
      '7:1-7:10 warning last-user-root The image ends as root: switch to an unprivileged USER after the steps that need root.',
    ].join('\n'),
  );
  assert.equal(render('FROM scratch AS rootfs\nCOPY root /\nFROM debian:12\nWORKDIR /app\nCOPY --from=rootfs / /\nCOPY x y\nUSER root\nUSER 1000\n'), '');
});

test('pipefail: download pipes under sh; bash -o pipefail, set -o pipefail and PowerShell are fine', () => {
  assert.equal(
    render('FROM debian:12\nRUN curl -fsSL https://x/install.sh | bash\nRUN find / -name x | xargs rm\nRUN set -o pipefail && curl -fsSL https://x | sh\n'),
    '2:5-2:43 warning pipe-without-pipefail A failure on the left of this pipe goes unnoticed: set `-o pipefail` (SHELL ["/bin/bash", "-o", "pipefail", "-c"] or `set -o pipefail`).',
  );
  assert.equal(render('FROM debian:12\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN curl -fsSL https://x | sh\nFROM windows:ltsc2022\nSHELL ["pwsh", "-c"]\nRUN iwr https://x | iex\n'), '');
});

test('commands: sudo (but not sudo -u), cd, wget and curl, /bin/sh, consecutive RUNs', () => {
  assert.equal(
    render(
      'FROM debian:12\nRUN sudo make install\nRUN sudo -E -u app make test\nRUN cd /app && make\nRUN cd /app && make test\nRUN wget -q https://x\nRUN curl -fsSO https://y\nRUN ln -sf /bin/bash /bin/sh\nRUN useradd -u 1000000 app\n',
    ),
    [
      '2:5-2:22 warning no-sudo Avoid `sudo` in RUN: switch with USER for the steps that need root.',
      '3:1-3:29 hint consecutive-run This RUN and the one before it could be one RUN joined with `&&`.',
      '5:5-5:12 info cd-instead-of-workdir Several RUNs start with `cd /app`: set `WORKDIR /app` once instead.',
      '7:1-7:25 hint consecutive-run This RUN and the one before it could be one RUN joined with `&&`.',
      '7:5-7:25 info wget-and-curl This image uses both wget and curl: one of them is enough.',
      '8:5-8:29 warning shell-via-symlink Use the SHELL instruction instead of replacing /bin/sh.',
      '9:1-9:27 hint consecutive-run This RUN and the one before it could be one RUN joined with `&&`.',
      '9:5-9:27 warning useradd-high-uid useradd with a high UID fills /var/log/lastlog: add `-l` (`--no-log-init`).',
    ].join('\n'),
  );
});

test('fixes: each mechanical fix, checked on the whole document', () => {
  assert.equal(fixed('FROM debian:12\nRUN apt-get install --no-install-recommends x=1\n', 'apt-get-yes'), 'FROM debian:12\nRUN apt-get install -y --no-install-recommends x=1\n');
  assert.equal(fixed('FROM debian:12\nRUN apt-get -y install x=1\n', 'apt-no-install-recommends'), 'FROM debian:12\nRUN apt-get -y install --no-install-recommends x=1\n');
  assert.equal(fixed('FROM alpine:3.20\nRUN apk add \\\n  curl=8.5.0-r0\n', 'apk-no-cache'), 'FROM alpine:3.20\nRUN apk add --no-cache \\\n  curl=8.5.0-r0\n');
  assert.equal(fixed('FROM fedora:40\nRUN dnf install httpd-2.4.57 && dnf clean all\n', 'dnf-yes'), 'FROM fedora:40\nRUN dnf install -y httpd-2.4.57 && dnf clean all\n');
  assert.equal(fixed('FROM debian:12\nadd app.conf /etc/\n', 'add-instead-of-copy'), 'FROM debian:12\ncopy app.conf /etc/\n');
  assert.equal(
    fixed('FROM debian:12\nRUN curl -fsSL https://x | sh\n', 'pipe-without-pipefail'),
    'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x | sh\n',
  );
  assert.equal(fixed('FROM ubuntu:24.04\nRUN apt update\n', 'use-apt-get'), 'FROM ubuntu:24.04\nRUN apt-get update\n');
  assert.equal(fixed('FROM debian:12\nRUN useradd -u 1000000 app\n', 'useradd-high-uid'), 'FROM debian:12\nRUN useradd -l -u 1000000 app\n');
});

test('every practice rule has a docs page naming its hadolint code and a link', () => {
  const lines = RULES.map((r) => {
    const page = renderRuleDocs(r, 'markdown');
    const ok = page.startsWith(`**${r.id}: `) && (r.hadolint ?? []).every((code) => page.includes(code)) && r.url.startsWith('https://');
    return `${r.id} ${r.severity} ${(r.hadolint ?? []).join(',')} ${ok ? 'ok' : 'BAD'}`;
  });
  assert.deepEqual(lines.filter((l) => l.endsWith('BAD')), []);
  assert.equal(new Set(RULES.map((r) => r.id)).size, RULES.length);
});

test('a COPY heredoc with an absolute destination is not a relative COPY', () => {
  assert.equal(render('FROM alpine:3.20\nCOPY <<EOT /etc/app/config.yaml\nkey: 1\nEOT\nUSER app'), '');
  assert.equal(render('FROM alpine:3.20\nCOPY <<EOT app.yaml\nkey: 1\nEOT\nUSER app').split(' ')[2], 'copy-relative-destination');
});

test('ADD of an archive the builder does not unpack is a COPY case; tar archives keep ADD', () => {
  assert.equal(
    render('FROM alpine:3.20\nADD app.zip /opt/\nADD tools.7z tools.tar.lz /opt/\nADD site.tar.gz data.tar.zst x.tbz2 raw.xz /srv/\nADD vendor.TAR /srv/\n'),
    [
      '2:1-2:4 info add-instead-of-copy Use COPY: ADD does not unpack a .zip file (only tar archives, plain or gzip, bzip2, xz or zstd compressed), so it copies it as it is.',
      '3:1-3:4 info add-instead-of-copy Use COPY: ADD does not unpack a .7z file (only tar archives, plain or gzip, bzip2, xz or zstd compressed), so it copies it as it is.',
    ].join('\n'),
  );
});

test('apt-get: quiet level 2 answers yes, one -q does not; a configured Assume-Yes counts', () => {
  const yes = (options: string) => render(`FROM debian:12\nRUN apt-get ${options} install -y=x --no-install-recommends curl=8.5.0-1 && rm -rf /var/lib/apt/lists/*\n`.replace(' -y=x', ''));
  const prompt = '2:5-2:{END} warning apt-get-yes `apt-get install` without `-y` stops at a prompt the build cannot answer.';
  for (const quiet of ['-qq', '-q -q', '-q=2', '--quiet=2', '--quiet --quiet', '-q --quiet', '-qqq', '-o quiet=2', '-oquiet=2', '-o=Quiet=2', '-q=1 -q']) assert.equal(yes(quiet), '', quiet);
  for (const quiet of ['-q', '--quiet', '-q=1', '-qq -q=1', '-o quiet=1']) {
    const end = `RUN apt-get ${quiet} install --no-install-recommends curl=8.5.0-1`.length + 1;
    assert.equal(yes(quiet), prompt.replace('{END}', String(end)), quiet);
  }
  assert.equal(
    render(
      'FROM debian:12\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\nRUN apt-get install --no-install-recommends curl=8.5.0-1 && rm -rf /var/lib/apt/lists/*\n',
    ),
    '',
  );
  // Written after the install, the setting comes too late.
  assert.equal(
    render('FROM debian:12\nRUN apt-get install --no-install-recommends curl=8.5.0-1 && rm -rf /var/lib/apt/lists/*\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\n'),
    '2:5-2:57 warning apt-get-yes `apt-get install` without `-y` stops at a prompt the build cannot answer.',
  );
});

test('wget and curl are counted per image: a stage and the stages it is built on', () => {
  const both = 'info wget-and-curl This image uses both wget and curl: one of them is enough.';
  const only = (text: string) => findings(text).filter((d) => d.code === 'wget-and-curl').map((d) => `${d.range.start.line + 1} ${SEVERITY[d.severity ?? 0]} ${d.code} ${d.message}`);
  assert.deepEqual(only('FROM alpine AS fetch\nRUN wget -q https://x\nFROM alpine\nRUN curl -fsSO https://y\n'), []);
  assert.deepEqual(only('FROM alpine AS base\nRUN wget -q https://x\nFROM base\nRUN echo hi\nRUN curl -fsSO https://y\nFROM base\nRUN wget -q https://z\n'), [`5 ${both}`]);
  assert.deepEqual(only('FROM alpine\nRUN wget -q https://x && curl -fsSO https://y\nRUN echo\nRUN wget -q https://z\nFROM alpine\nRUN curl -fsSO https://y\n'), [`2 ${both}`, `4 ${both}`]);
  assert.deepEqual(only('FROM alpine\nONBUILD RUN wget -q https://x\nRUN curl -fsSO https://y\n'), [`3 ${both}`]);
});
