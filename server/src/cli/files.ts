/**
 * File access for the CLI: which names are Dockerfiles, the folder walk, and reading a
 * Dockerfile (a huge one is not read, with a reason). What governs a Dockerfile (config, ignore
 * file) comes from projectContext.ts, as in the editor.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

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

/** The Dockerfiles under a folder, depth first in name order; symbolic links to folders are not followed. */
export function findDockerfiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(path);
      } else if (isDockerfileName(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && isFile(path)))) {
        found.push(path);
      }
    }
  };
  walk(folder);
  return found;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A Dockerfile's text, or why it could not be read. I/O errors are thrown. */
export type ReadResult = { text: string; skipped?: undefined } | { text?: undefined; skipped: string };

/**
 * Reads a Dockerfile (`-`: standard input) as UTF-8 (without a byte order mark); a huge file is
 * not read. NUL bytes are read like any character: docker builds such a file, so it is linted.
 */
export function readDockerfile(path: string): ReadResult {
  // `-` is standard input (file descriptor 0), whose size is known only after reading.
  const size = path === '-' ? 0 : statSync(path).size;
  const tooLarge = (n: number) => ({ skipped: `${(n / 1024 / 1024).toFixed(1)} MB is more than the ${MAX_BYTES / 1024 / 1024} MB a Dockerfile is read up to` });
  if (size > MAX_BYTES) return tooLarge(size);
  const bytes = readFileSync(path === '-' ? 0 : path);
  if (bytes.length > MAX_BYTES) return tooLarge(bytes.length);
  const text = bytes.toString('utf8');
  return { text: text.startsWith('\uFEFF') ? text.slice(1) : text };
}
