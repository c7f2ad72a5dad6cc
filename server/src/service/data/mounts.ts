/** The RUN --mount types and their keys, as BuildKit's mount parser accepts them. */
import type { MountOptionData, MountTypeData } from './types';
import { ref } from './instructions/shared';

const TYPE_LINK = (type: string): string => ref(`run---mounttype${type}`);

function typeOption(type: string): MountOptionData {
  return {
    name: 'type',
    valueKind: 'enum',
    values: ['bind', 'cache', 'tmpfs', 'secret', 'ssh'],
    defaultValue: 'bind',
    summary: 'The kind of mount; without it the mount is a read-only bind mount of the build context.',
    link: TYPE_LINK(type),
  };
}

function target(type: string, required: boolean, summary: string, defaultValue?: string): MountOptionData {
  const option: MountOptionData = {
    name: 'target',
    aliases: ['dst', 'destination'],
    valueKind: 'path',
    summary: required ? `${summary} Without it the mount goes to the working directory, and the step fails (\`invalid mount target "/"\`) when that is \`/\`.` : summary,
    link: TYPE_LINK(type),
  };
  if (required) option.required = true;
  if (defaultValue !== undefined) option.defaultValue = defaultValue;
  return option;
}

function fileInfo(type: string, what: string, mode: string): MountOptionData[] {
  return [
    { name: 'mode', valueKind: 'octal', defaultValue: mode, summary: `File mode of the ${what}, in octal.`, link: TYPE_LINK(type) },
    { name: 'uid', valueKind: 'integer', defaultValue: '0', summary: `User ID that owns the ${what}.`, link: TYPE_LINK(type) },
    { name: 'gid', valueKind: 'integer', defaultValue: '0', summary: `Group ID that owns the ${what}.`, link: TYPE_LINK(type) },
  ];
}

function required(type: string, what: string): MountOptionData {
  return {
    name: 'required',
    valueKind: 'boolean',
    defaultValue: 'false',
    summary: `When true (or given bare), the step fails if the ${what} was not passed to the build; otherwise it runs without it.`,
    link: TYPE_LINK(type),
  };
}

function readonly(type: string, summary: string, defaultValue: string): MountOptionData {
  return { name: 'readonly', aliases: ['ro'], valueKind: 'boolean', defaultValue, summary, link: TYPE_LINK(type) };
}

const BIND: MountTypeData = {
  type: 'bind',
  summary:
    'Mounts files from the build context, another stage or an image into this RUN, read-only by default, without copying them into a layer.',
  cache: 'The mounted files are checksummed: changing them reruns the step, like a `COPY` would.',
  example: 'RUN --mount=type=bind,source=go.mod,target=go.mod \\\n    --mount=type=bind,source=go.sum,target=go.sum \\\n    go mod download',
  pitfalls: ['Writes (with `rw`) are thrown away when the step ends; nothing reaches the image.'],
  minSyntax: '1.2',
  link: TYPE_LINK('bind'),
  options: [
    typeOption('bind'),
    target('bind', true, 'Where the files appear inside the build container.'),
    { name: 'source', aliases: ['src'], valueKind: 'path', summary: 'Path inside `from` to mount; the root of it by default.', link: TYPE_LINK('bind') },
    {
      name: 'from',
      valueKind: 'stage',
      summary: 'Stage, named context or image to mount from; the build context by default.',
      pitfalls: ['Variables are not expanded here; name a stage (`FROM ${IMG} AS src`) and mount from it.'],
      link: TYPE_LINK('bind'),
    },
    {
      name: 'rw',
      aliases: ['readwrite'],
      valueKind: 'boolean',
      defaultValue: 'false',
      summary: 'Allows writing to the mount; the changes are discarded after the step.',
      link: TYPE_LINK('bind'),
    },
    readonly('bind', 'Mounts read-only, which is already the default for bind mounts.', 'true'),
  ],
};

const CACHE: MountTypeData = {
  type: 'cache',
  summary:
    'Mounts a persistent directory that survives between builds, for package manager and compiler caches. Its contents are never part of the image.',
  cache: 'The contents are not part of the cache key; the step reruns only for the usual reasons (text, earlier layers).',
  example: 'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    apt-get update && apt-get install -y gcc',
  pitfalls: [
    'The cache may be empty, pruned or filled by another build at any time; treat it as a speed-up only.',
    'apt and similar tools need `sharing=locked`; parallel writers can corrupt their state.',
  ],
  minSyntax: '1.2',
  link: TYPE_LINK('cache'),
  options: [
    typeOption('cache'),
    { name: 'id', valueKind: 'string', summary: 'Names the cache so several steps share it; defaults to the target path.', link: TYPE_LINK('cache') },
    target('cache', true, 'Where the cache directory is mounted.'),
    readonly('cache', 'Mounts the cache read-only.', 'false'),
    {
      name: 'sharing',
      valueKind: 'enum',
      values: ['shared', 'private', 'locked'],
      defaultValue: 'shared',
      summary:
        'What happens with concurrent users: `shared` lets them all write, `private` gives each a new cache, `locked` makes them wait in turn.',
      link: TYPE_LINK('cache'),
    },
    { name: 'from', valueKind: 'stage', summary: 'Stage, context or image whose files seed the cache; empty by default.', link: TYPE_LINK('cache') },
    { name: 'source', aliases: ['src'], valueKind: 'path', summary: 'Subpath of `from` to use as the seed; its root by default.', link: TYPE_LINK('cache') },
    ...fileInfo('cache', 'new cache directory', '0755'),
  ],
};

const TMPFS: MountTypeData = {
  type: 'tmpfs',
  summary: 'Mounts an empty in-memory filesystem for this RUN, for scratch files that must not end up in the layer.',
  example: 'RUN --mount=type=tmpfs,target=/tmp,size=512m make test',
  minSyntax: '1.2',
  link: TYPE_LINK('tmpfs'),
  options: [
    typeOption('tmpfs'),
    target('tmpfs', true, 'Where the tmpfs is mounted.'),
    { name: 'size', valueKind: 'string', summary: 'Upper limit of the filesystem size, e.g. `64m` or a number of bytes.', link: TYPE_LINK('tmpfs') },
  ],
};

const SECRET: MountTypeData = {
  type: 'secret',
  summary:
    'Makes a secret passed with `docker build --secret id=...` readable by this RUN, as a file or an environment variable, without storing it in the image or the cache.',
  cache: 'The secret value is not part of the cache key: changing only the secret does not rerun the step.',
  example: 'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\nRUN --mount=type=secret,id=API_KEY,env=API_KEY ./deploy.sh',
  pitfalls: [
    'A missing secret is silently skipped unless `required=true`.',
    'Copying the secret to another path in the same RUN puts it in the layer after all.',
  ],
  minSyntax: '1.2',
  link: TYPE_LINK('secret'),
  options: [
    typeOption('secret'),
    { name: 'id', valueKind: 'string', summary: 'ID of the secret given to the build; defaults to the file name of `target`.', link: TYPE_LINK('secret') },
    target('secret', false, 'Path of the secret file.', '/run/secrets/<id>'),
    {
      name: 'env',
      valueKind: 'string',
      summary: 'Exposes the secret as this environment variable instead of a file (or as well, if `target` is also set).',
      minSyntax: '1.10',
      link: TYPE_LINK('secret'),
    },
    required('secret', 'secret'),
    ...fileInfo('secret', 'secret file', '0400'),
  ],
};

const SSH: MountTypeData = {
  type: 'ssh',
  summary:
    'Forwards an SSH agent or key given with `docker build --ssh` into this RUN, so `git clone` over SSH works without copying keys into the image.',
  example: 'RUN --mount=type=ssh git clone git@github.com:org/private.git',
  pitfalls: [
    'The host must be known: add it to `~/.ssh/known_hosts` first (e.g. with `ssh-keyscan`).',
    'Build with `--ssh default` (or `--ssh default=$SSH_AUTH_SOCK`), or the mount is empty.',
  ],
  minSyntax: '1.2',
  link: TYPE_LINK('ssh'),
  options: [
    typeOption('ssh'),
    { name: 'id', valueKind: 'string', defaultValue: 'default', summary: 'ID of the SSH agent socket or key passed with `--ssh`.', link: TYPE_LINK('ssh') },
    target('ssh', false, 'Path of the agent socket; `SSH_AUTH_SOCK` points to it.', '/run/buildkit/ssh_agent.<N>'),
    required('ssh', 'SSH agent or key'),
    ...fileInfo('ssh', 'socket', '0600'),
  ],
};

export const MOUNT_TYPES: MountTypeData[] = [BIND, CACHE, TMPFS, SECRET, SSH];
