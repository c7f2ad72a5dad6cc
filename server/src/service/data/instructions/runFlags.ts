/** Flags of RUN; mount keys themselves are in ../mounts.ts. */
import type { FlagData } from '../types';
import { ref } from './shared';

export const RUN_FLAGS: FlagData[] = [
  {
    name: 'mount',
    valueKind: 'mount',
    repeatable: true,
    summary:
      'Mounts something into the build container for this one RUN only: files from the context or another stage, a persistent cache, a tmpfs, a secret or the SSH agent. Nothing mounted ends up in the layer.',
    syntax: ['RUN --mount=[type=<TYPE>][,<key>=<value>...] <command>'],
    defaultValue: 'type=bind',
    cache:
      'Contents of cache mounts, secrets and SSH sockets are not part of the cache key; a bind mount from the context or a stage is checksummed like a COPY.',
    example: [
      'RUN --mount=type=cache,target=/root/.cache/pip \\',
      '    --mount=type=bind,source=requirements.txt,target=/tmp/req.txt \\',
      '    pip install -r /tmp/req.txt',
    ].join('\n'),
    pitfalls: [
      'Files written into a mount target are not saved in the image; copy them elsewhere in the same RUN if you need them.',
      'Without `type=`, the mount is a read-only bind mount of the build context.',
      'A cache mount may be empty or shared with other builds at any time; the build must work without it.',
    ],
    minSyntax: '1.2',
    link: ref('run---mount'),
  },
  {
    name: 'network',
    valueKind: 'enum',
    values: ['default', 'none', 'host'],
    defaultValue: 'default',
    summary:
      'Chooses the network of this RUN: `default` (the normal build network), `none` (loopback only) or `host` (the build machine network).',
    syntax: ['RUN --network=<default|none|host> <command>'],
    example: 'RUN --network=none pip install --no-index --find-links /wheels mypkg',
    pitfalls: [
      '`host` needs the `network.host` entitlement, allowed both on the builder and on the build (`--allow network.host`); otherwise the build fails.',
      '`none` is a good way to prove a step uses only files already in the image.',
    ],
    minSyntax: '1.3',
    link: ref('run---network'),
  },
  {
    name: 'security',
    valueKind: 'enum',
    values: ['sandbox', 'insecure'],
    defaultValue: 'sandbox',
    summary:
      'Runs the command with full privileges (`insecure`, like `docker run --privileged`) instead of the normal sandbox.',
    syntax: ['RUN --security=<sandbox|insecure> <command>'],
    example: 'RUN --security=insecure mount -t tmpfs none /mnt',
    pitfalls: [
      '`insecure` needs the `security.insecure` entitlement on the builder and on the build request (`--allow security.insecure`).',
      '`sandbox` is the default; writing it changes nothing.',
    ],
    minSyntax: '1.20',
    link: ref('run---security'),
  },
  {
    name: 'device',
    valueKind: 'string',
    repeatable: true,
    summary:
      'Requests a CDI device (for example a GPU registered by the builder) for this RUN. Only in the labs syntax channel.',
    syntax: ['RUN --device=<name>[,required] <command>'],
    example: '# syntax=docker/dockerfile:1-labs\nRUN --device=nvidia.com/gpu=all nvidia-smi',
    pitfalls: [
      'Needs the labs syntax (`docker/dockerfile:1-labs`), BuildKit 0.20 or later, and the `device` entitlement.',
    ],
    minSyntax: '1.14-labs',
    link: ref('run---device'),
  },
];
