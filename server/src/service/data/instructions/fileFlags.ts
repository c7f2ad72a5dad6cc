/** Flags COPY and ADD share; each entry links to the section of the instruction it is used on. */
import type { FlagData } from '../types';
import { ref } from './shared';

/** `--chown=<user>[:<group>]` for COPY or ADD. */
export function chownFlag(keyword: 'COPY' | 'ADD'): FlagData {
  const kw = keyword.toLowerCase();
  return {
    name: 'chown',
    valueKind: 'user',
    summary:
      'Sets the owner (and group) of the copied files. Without it they belong to root (UID and GID 0), whatever `USER` says.',
    syntax: [`${keyword} --chown=<user>[:<group>] <src>... <dest>`],
    defaultValue: '0:0',
    example: `${keyword} --chown=node:node package.json ./`,
    pitfalls: [
      'Names are looked up in the image `/etc/passwd` and `/etc/group`; if they are missing there the build fails. Numeric IDs always work.',
      'A user without a group gets the group with the same numeric ID, not the user primary group.',
      'Not supported when building Windows containers.',
    ],
    link: ref(`${kw}---chown`),
  };
}

/** `--chmod=<perms>` for COPY or ADD. */
export function chmodFlag(keyword: 'COPY' | 'ADD'): FlagData {
  const kw = keyword.toLowerCase();
  return {
    name: 'chmod',
    valueKind: 'octal',
    summary:
      keyword === 'COPY'
        ? 'Sets the permission bits of the copied files, in octal (`755`) or, since syntax 1.14, symbolic form (`+x`, `u=rwX,go=rX`).'
        : 'Sets the permission bits of the added files, in octal (`755`).',
    syntax: [`${keyword} --chmod=<perms> <src>... <dest>`],
    example: `${keyword} --chmod=755 entrypoint.sh /usr/local/bin/`,
    pitfalls: [
      'Saves a separate `RUN chmod`, which would copy every file into a second layer.',
      ...(keyword === 'COPY' ? ['Symbolic modes need `# syntax=docker/dockerfile:1.14` or later.'] : []),
      'Not supported when building Windows containers.',
    ],
    minSyntax: '1.2',
    link: ref(`${kw}---chmod`),
  };
}

/** `--link` for COPY or ADD. */
export function linkFlag(keyword: 'COPY' | 'ADD'): FlagData {
  const kw = keyword.toLowerCase();
  return {
    name: 'link',
    valueKind: 'none',
    defaultValue: 'false',
    summary:
      'Copies the files into a layer of their own that does not depend on the layers below, so it can be reused even when earlier steps change.',
    syntax: [`${keyword} --link[=<boolean>] <src>... <dest>`],
    cache:
      'The layer is keyed only on the copied files and the destination, so a changed base image or earlier step does not rebuild it, and images can be rebased onto a new base without rebuilding.',
    example: `${keyword} --link --from=build /out/app /usr/local/bin/app`,
    pitfalls: [
      'The copy cannot see the files below it: a symlink in the destination path is not followed.',
      'Existing directory modes in the destination path can be overwritten by the copied directory mode.',
    ],
    minSyntax: '1.4',
    link: ref(`${kw}---link`),
  };
}

/** `--exclude=<pattern>` for COPY or ADD. */
export function excludeFlag(keyword: 'COPY' | 'ADD'): FlagData {
  const kw = keyword.toLowerCase();
  return {
    name: 'exclude',
    valueKind: 'pattern',
    repeatable: true,
    summary:
      'Leaves out files matching a pattern (same wildcards as the sources) from this copy. Give it several times for several patterns.',
    syntax: [`${keyword} --exclude=<pattern> [--exclude=<pattern>...] <src>... <dest>`],
    example: `${keyword} --exclude=*.md --exclude=tests . /app`,
    pitfalls: [
      'It only filters this one instruction; to keep files out of the build context altogether, use `.dockerignore`.',
      'Needs `# syntax=docker/dockerfile:1.19` or later (earlier only in the 1.7-labs channel).',
    ],
    minSyntax: '1.19',
    link: ref(`${kw}---exclude`),
  };
}
