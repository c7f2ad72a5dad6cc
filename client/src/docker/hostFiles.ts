/**
 * The real file-system checks behind the pure decisions of executable.ts and trustedSettings.ts.
 * None of them opens a file, so a FIFO or a device cannot block them.
 */
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import type { FileView } from './trustedSettings';

/** True for a regular file (after symlinks) that this process may execute. */
export function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    // Windows has no execute bit: the suffix decides.
    if (process.platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** What a path is on disk (after symlinks); anything unreadable counts as missing. */
export function kindOf(file: string): ReturnType<FileView['kind']> {
  try {
    const stat = statSync(file);
    return stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

/** The FileView of this machine's disk. */
export const hostFiles: FileView = {
  realpath(file) {
    try {
      return realpathSync.native(file);
    } catch {
      return null;
    }
  },
  kind: kindOf,
};
