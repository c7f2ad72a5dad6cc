/**
 * What the COPY and ADD steps of a build took from the build context, as digests, so the next
 * build can say which files changed. Used by the language server (it answers the client's
 * analyze-build request) and by the CLI.
 *
 * The context is a cloned repository: untrusted. It is walked once without following links
 * (a link is hashed as the text it points to, so nothing outside the context is read), the ignore
 * file is applied with BuildKit's rules (the service's matcher: last pattern wins, `!`
 * re-includes, linear time on any name), only regular files are opened, without blocking (a FIFO
 * never holds the event loop), and walking and hashing stop at caps, after which the answer is
 * "unknown" rather than a digest of part of the files.
 */
import { createHash } from 'node:crypto';
import { constants, type Dirent } from 'node:fs';
import { open, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { StepInputs } from './protocol';
import { cleanPath, compileWildcard, MAX_WILDCARD_TEXT, parseDockerignore, someMatchEnd, type DockerignoreMatcher } from './service';

/** Caps of one context: entries walked, bytes hashed in all, and files listed one by one in a step's inputs. */
export interface ContextLimits {
  maxEntries: number;
  maxBytes: number;
  perFileLimit: number;
}

/** A repository of 100k files is large; node_modules not ignored is what passes it. */
export const DEFAULT_LIMITS: ContextLimits = { maxEntries: 100_000, maxBytes: 1024 * 1024 * 1024, perFileLimit: 2000 };

/**
 * What the sources of one COPY or ADD hash to, or why that is unknown. `files.digest` is a
 * sha256 over every taken path and its fingerprint; `files.perFile` maps each path to the first
 * 128 bits (32 hex digits) of its fingerprint's sha256.
 */
export interface SourceHash {
  files: StepInputs['files'];
  /** One sentence when `files` is null. */
  problem: string | null;
}

type EntryKind = 'file' | 'link' | 'special';

/** A walked entry that is not a folder. */
interface Entry {
  path: string;
  kind: EntryKind;
}

/** The build context of one build, walked once; each COPY or ADD asks it for its sources. */
export interface BuildContextFiles {
  /** Why nothing can be hashed (the walk hit a cap or the folder is unreadable), or null. */
  readonly problem: string | null;
  /** The non-folder entries that reach the builder, sorted (context-relative, `/` separators). */
  readonly entries: readonly string[];
  /** Hashes what the source paths or patterns (as written after the variables are expanded) take from the context. */
  hashSources(sources: readonly string[]): Promise<SourceHash>;
}

const sha256 = () => createHash('sha256');

/** Walks the context without following links, leaving out what the ignore file excludes. */
async function walk(root: string, matcher: DockerignoreMatcher | null, maxEntries: number): Promise<{ entries: Entry[]; problem: string | null }> {
  const entries: Entry[] = [];
  const folders = [''];
  let seen = 0;
  while (folders.length > 0) {
    const folder = folders.pop() as string;
    let listing: Dirent[];
    try {
      listing = await readdir(join(root, folder), { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // BuildKit's sender fails on a folder it cannot read too; a partial list would hash as a change.
      return { entries: [], problem: `the build context folder ${folder === '' ? '' : `${folder} `}cannot be read (${code})` };
    }
    for (const dirent of listing) {
      if (++seen > maxEntries) return { entries: [], problem: `the build context has more than ${maxEntries} entries; its files are not hashed` };
      const path = folder === '' ? dirent.name : `${folder}/${dirent.name}`;
      if (dirent.isDirectory()) {
        // A folder goes only when no `!` pattern can bring back anything below it.
        if (!matcher?.ignoresSource(path)) folders.push(path);
        continue;
      }
      if (matcher?.excludes(path)) continue;
      entries.push({ path, kind: dirent.isFile() ? 'file' : dirent.isSymbolicLink() ? 'link' : 'special' });
    }
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { entries, problem: null };
}

/** A wildcard in Go's filepath.Match syntax, which COPY and ADD sources use. */
const hasWildcard = (path: string) => path.includes('*') || path.includes('?') || path.includes('[');

/** A predicate saying which entries one source takes: the path itself, or everything below it when it is a folder. */
function sourceSelector(source: string): ((path: string) => boolean) | null {
  const cleaned = cleanPath(source);
  if (cleaned === '') return () => true;
  if (!hasWildcard(cleaned)) return (path) => path === cleaned || path.startsWith(`${cleaned}/`);
  const wildcard = compileWildcard(cleaned, 'dockerignore');
  if (wildcard === null) return null;
  // A match of the entry or of a folder above it (a matched folder is copied whole).
  return (path) => path.length <= MAX_WILDCARD_TEXT && someMatchEnd(wildcard, path, 0, (end) => end === path.length || path[end] === '/');
}

/**
 * Fingerprints one entry: a regular file by its mode bits and content, a link by the text it
 * points to (never followed), anything else by its kind only. Null past the byte budget.
 */
async function fingerprint(root: string, entry: Entry, budget: { bytes: number }): Promise<string | null> {
  const hash = sha256();
  const full = join(root, entry.path);
  if (entry.kind === 'link') {
    const target = await readlink(full).catch((error: NodeJS.ErrnoException) => `unreadable link (${error.code})`);
    return `sha256:${hash.update(`link\0${target}`).digest('hex')}`;
  }
  if (entry.kind === 'special') return `sha256:${hash.update('special\0').digest('hex')}`;
  let handle;
  try {
    // O_NONBLOCK: a file swapped for a FIFO since the walk opens at once, and its fstat says so.
    handle = await open(full, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    return `sha256:${hash.update(`unreadable\0${(error as NodeJS.ErrnoException).code}`).digest('hex')}`;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return `sha256:${hash.update('special\0').digest('hex')}`;
    // The executable bit reaches BuildKit's cache key as the content does.
    hash.update(`file\0${(info.mode & 0o777).toString(8)}\0`);
    const buffer = Buffer.alloc(64 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      budget.bytes -= bytesRead;
      if (budget.bytes < 0) return null;
      hash.update(buffer.subarray(0, bytesRead));
    }
    return `sha256:${hash.digest('hex')}`;
  } finally {
    await handle.close();
  }
}

/**
 * Walks a build context once, applying the ignore file's text (null: none), for the COPY and ADD
 * steps of one build to hash their sources.
 */
export async function openBuildContext(root: string, dockerignore: string | null, limits: Partial<ContextLimits> = {}): Promise<BuildContextFiles> {
  const caps = { ...DEFAULT_LIMITS, ...limits };
  const matcher = dockerignore === null ? null : parseDockerignore(dockerignore);
  const { entries, problem } = await walk(root, matcher, caps.maxEntries);
  const fingerprints = new Map<string, Promise<string | null>>();
  const budget = { bytes: caps.maxBytes };
  const unknown = (why: string): SourceHash => ({ files: null, problem: why });
  return {
    problem,
    entries: entries.map((e) => e.path),
    async hashSources(sources) {
      if (problem !== null) return unknown(problem);
      const selectors = sources.map(sourceSelector);
      if (selectors.some((s) => s === null)) return unknown('a source pattern is too long to match');
      const taken = entries.filter((entry) => selectors.some((select) => select?.(entry.path)));
      // No prototype: a file named `__proto__` is a key like any other.
      const perFile: Record<string, string> = Object.create(null);
      const digest = sha256();
      for (const entry of taken) {
        // A file several steps take is read once per build.
        let print = fingerprints.get(entry.path);
        if (print === undefined) fingerprints.set(entry.path, (print = fingerprint(root, entry, budget)));
        const value = await print;
        if (value === null) return unknown(`more than ${caps.maxBytes} bytes of the build context would be read; its files are not hashed`);
        // Half of the sha256 is plenty to tell a change, and a record lists up to perFileLimit of them.
        perFile[entry.path] = value.slice('sha256:'.length, 'sha256:'.length + 32);
        // Names are length-prefixed so that no two file lists hash alike.
        digest.update(`${entry.path.length}:${entry.path}\0${value}\n`);
      }
      return { files: { digest: `sha256:${digest.digest('hex')}`, perFile: taken.length <= caps.perFileLimit ? perFile : null, count: taken.length }, problem: null };
    },
  };
}
