/**
 * File access for the CLI: which names are Dockerfiles, the folder walk, and reading a
 * Dockerfile (a huge one, a FIFO or a device is not read, with a reason). What governs a Dockerfile (config, ignore
 * file) comes from projectContext.ts, as in the editor.
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { describeKind, readCappedStream, readRegularFile } from '../safeRead';

/** Folders the walk never enters. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/**
 * Larger files are not read: no Dockerfile written by hand comes near (the 50,000-line benchmark
 * is ~2 MB; 8 MB is some 200,000 lines), and checking one takes seconds and hundreds of MB. The
 * CLI reports such a file as not checked and exits 2, since docker would still build it.
 */
export const MAX_BYTES = 8 * 1024 * 1024;

/** True for Dockerfile, Dockerfile.*, *.dockerfile, Containerfile, Containerfile.*, *.containerfile (any case). */
export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.endsWith('.dockerignore')) return false;
  return (
    /^(docker|container)file(\..+)?$/.test(lower) || (/\.(docker|container)file$/.test(lower) && !/^\.(docker|container)file$/.test(lower))
  );
}

/** What a folder walk found: the Dockerfiles, and the Dockerfile names that are not files to read. */
export interface Walk {
  files: string[];
  /** A FIFO, a device or a socket (or a link to one) with a Dockerfile's name, and why it is not read. */
  skipped: { path: string; reason: string }[];
}

/**
 * The Dockerfiles under a folder, depth first in name order. Entry types come from the folder
 * itself (as lstat sees them), so a link to a folder is never entered (no cycle) and nothing is
 * opened: a link to a Dockerfile is followed by stat only, to learn what it leads to.
 */
export function findDockerfiles(folder: string): Walk {
  const walk: Walk = { files: [], skipped: [] };
  const visit = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) visit(path);
        continue;
      }
      if (!isDockerfileName(entry.name)) continue;
      const info = entry.isSymbolicLink() ? target(path) : entry;
      if (info === null || info.isDirectory() || info.isSymbolicLink()) continue;
      if (info.isFile()) walk.files.push(path);
      // A name docker would take for a Dockerfile is worth a word when it cannot be read.
      else walk.skipped.push({ path, reason: `not a regular file (${describeKind(info)})` });
    }
  };
  visit(folder);
  return walk;
}

/** What a link leads to (stat opens nothing), or null when it leads nowhere (dangling, a cycle). */
function target(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** A Dockerfile's text, why it was not checked (`skipped`), or the I/O error that stopped the read. */
export type ReadResult = { text: string } | { skipped: string } | { failed: string };

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Reads a Dockerfile (`-`: standard input) as UTF-8 (without a byte order mark), the way the
 * server reads a repository's files: a regular file only (a FIFO or a device named here is not
 * read), opened without blocking, and never past MAX_BYTES. Standard input may be a pipe (the
 * user chose it) but is read up to the cap too. NUL bytes are read like any character: docker
 * builds such a file, so it is linted. `stdin` is a parameter for tests.
 */
export async function readDockerfile(path: string, stdin: AsyncIterable<Uint8Array | string> = process.stdin): Promise<ReadResult> {
  const read = path === '-' ? await readCappedStream(stdin, MAX_BYTES) : await readRegularFile(path, MAX_BYTES);
  if (read.kind === 'text') return { text: read.text };
  if (read.kind === 'absent') return { failed: read.code };
  if (read.cause === 'error') return { failed: read.code ?? read.reason };
  if (read.cause === 'special') return { skipped: read.reason };
  const limit = `the ${MAX_BYTES / 1024 / 1024} MB a Dockerfile is read up to`;
  // A stream's size is unknown: reading stopped one byte past the cap.
  return { skipped: path === '-' ? `standard input holds more than ${limit}; reading stopped there` : `${megabytes(read.bytes ?? 0)} is more than ${limit}` };
}
