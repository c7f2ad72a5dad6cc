import type { InstructionData } from '../types';
import { chmodFlag, chownFlag, excludeFlag, linkFlag } from './fileFlags';
import { ref } from './shared';

export const ADD: InstructionData = {
  keyword: 'ADD',
  buildkitStep: true,
  writesLayer: true,
  summary:
    'Like `COPY`, but the source may also be a URL or a Git repository, and local tar archives are unpacked. Prefer `COPY` for plain files.',
  syntax: ['ADD [OPTIONS] <src>... <dest>', 'ADD [OPTIONS] ["<src>", ... "<dest>"]', 'ADD [OPTIONS] <<EOF <dest>'],
  buildVsRun:
    'Build time only: files are fetched, unpacked or copied into a new layer. Nothing is downloaded again when a container starts.',
  cache:
    'Local sources are keyed on their checksums, like `COPY`. A URL is checked again on each build and keyed on the downloaded content; a Git source on the commit it resolves to. Pin remote sources with `--checksum` for reproducible builds.',
  sections: [
    {
      title: 'What ADD does with each kind of source',
      body: [
        '- Local file or directory: copied like `COPY` (a directory copies its contents).',
        '- Local tar archive (plain, gzip, bzip2, xz): unpacked into the destination, detected by content, not by name.',
        '- URL: downloaded, with mode 600; not unpacked unless `--unpack=true`. No authentication support.',
        '- Git URL (`https://...git#ref:subdir` or `git@host:repo.git`): cloned, without `.git` unless `--keep-git-dir`.',
      ].join('\n'),
    },
  ],
  example: [
    'ADD rootfs.tar.xz /',
    'ADD --checksum=sha256:<hex> https://example.com/tool.tar.gz /tmp/',
    'ADD https://github.com/org/repo.git#v1.2.0 /src/repo',
  ].join('\n'),
  pitfalls: [
    'A local `.tar.gz` is unpacked, not copied; use `COPY` when you want the archive file itself.',
    'A downloaded file is not checked unless you pass `--checksum`, and it has mode 600.',
    'Downloads needing credentials or retries are better done in a `RUN curl ...` that also cleans up.',
  ],
  link: ref('add'),
  flags: [
    {
      name: 'keep-git-dir',
      valueKind: 'boolean',
      defaultValue: 'false',
      summary: 'Keeps the `.git` directory when the source is a Git repository (it is left out by default).',
      syntax: ['ADD --keep-git-dir=<boolean> <git-url> <dest>'],
      example: 'ADD --keep-git-dir=true https://github.com/org/repo.git#main /src',
      pitfalls: ['Only meaningful for Git sources; the history can make the layer much larger.'],
      minSyntax: '1.1',
      link: ref('add---keep-git-dir'),
    },
    {
      name: 'checksum',
      valueKind: 'checksum',
      summary:
        'Verifies a remote source: `sha256:<hex>` for a URL, a full or prefix commit SHA for a Git repository. The build fails on a mismatch.',
      syntax: ['ADD --checksum=<hash> <url> <dest>'],
      example: 'ADD --checksum=sha256:24454f83... https://example.com/app.tar.gz /tmp/',
      pitfalls: [
        'Only SHA-256 is accepted for HTTP sources.',
        'Checksums for Git sources need `# syntax=docker/dockerfile:1.16` or later.',
      ],
      minSyntax: '1.6',
      link: ref('add---checksum'),
    },
    chownFlag('ADD'),
    chmodFlag('ADD'),
    linkFlag('ADD'),
    {
      name: 'unpack',
      valueKind: 'boolean',
      summary:
        'Overrides whether a tar archive is unpacked: local archives are unpacked and URLs are not, unless you say otherwise.',
      syntax: ['ADD --unpack=<boolean> <src>... <dest>'],
      example: 'ADD --unpack=true https://example.com/node.tar.gz /opt/node',
      pitfalls: ['`--unpack=false` is the way to add a local archive without extracting it; `COPY` does the same.'],
      minSyntax: '1.17',
      link: ref('add---unpack'),
    },
    excludeFlag('ADD'),
  ],
  forms: ['plain', 'exec', 'heredoc'],
  expandsVariables: true,
  minArgs: 2,
  allowedInOnbuild: true,
  snippet: '${1:src} ${2:dest}',
};
