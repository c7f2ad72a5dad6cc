/**
 * Finds the docker executable as an absolute path, searching PATH ourselves. Left to the OS, a
 * bare `docker` is looked up in the working directory first on Windows (and in `.` or any
 * relative PATH entry elsewhere), and the working directory of a build is the build context: a
 * repository could commit a `docker.exe` next to its Dockerfile and have it run. Pure: the file
 * checks are injected (hostFiles.ts has the real ones).
 */
import * as path from 'node:path';

/** The environment variables the search reads. */
export interface SearchEnv {
  PATH?: string;
  PATHEXT?: string;
}

/** Where the executable is, or why there is none to run. */
export type Resolved = { path: string } | { error: string };

/** Windows suffixes that spawn can start without a shell (a .bat or .cmd needs one, and we never use a shell). */
const SPAWNABLE_WINDOWS = ['.exe', '.com'];

/**
 * True for a path that does not depend on the current directory. On Windows, `\\dir` and `C:dir`
 * count as absolute to path.win32 but are read against the current drive or its directory.
 */
function isRooted(file: string, platform: NodeJS.Platform): boolean {
  return platform === 'win32' ? /^(?:[a-zA-Z]:[\\/]|[\\/]{2})/.test(file) : path.posix.isAbsolute(file);
}

/** The PATH and PATHEXT of an environment; on Windows the names are case-insensitive (`Path`). */
export function searchEnv(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): SearchEnv {
  if (platform !== 'win32') return { PATH: env.PATH, PATHEXT: env.PATHEXT };
  const find = (name: string) => Object.entries(env).find(([key]) => key.toUpperCase() === name)?.[1];
  return { PATH: find('PATH'), PATHEXT: find('PATHEXT') };
}

/**
 * The first absolute PATH entry holding an executable file `name`; relative and empty entries
 * (which mean the current directory) are skipped. On Windows the spawnable PATHEXT suffixes are tried.
 */
export function findOnPath(name: string, env: SearchEnv, platform: NodeJS.Platform, isExecutableFile: (file: string) => boolean): string | null {
  const api = platform === 'win32' ? path.win32 : path.posix;
  const delimiter = platform === 'win32' ? ';' : ':';
  let names = [name];
  if (platform === 'win32' && !SPAWNABLE_WINDOWS.includes(api.extname(name).toLowerCase())) {
    const listed = (env.PATHEXT ?? '.COM;.EXE').split(';').map((ext) => ext.trim().toLowerCase());
    names = SPAWNABLE_WINDOWS.filter((ext) => listed.includes(ext)).map((ext) => name + ext);
  }
  for (const raw of (env.PATH ?? '').split(delimiter)) {
    // Windows PATH entries may be quoted.
    const entry = platform === 'win32' ? raw.trim().replace(/^"(.*)"$/, '$1') : raw;
    if (!isRooted(entry, platform)) continue;
    for (const candidate of names) {
      const file = api.join(entry, candidate);
      if (isExecutableFile(file)) return file;
    }
  }
  return null;
}

/**
 * The docker to run: the user's `dockerfileStudio.docker.path` (absolute, or a bare name searched
 * on PATH), else `docker` from PATH. A relative path is refused: it would be read against the
 * working directory, which is the build context.
 */
export function resolveDocker(configured: string | undefined, env: SearchEnv, platform: NodeJS.Platform, isExecutableFile: (file: string) => boolean): Resolved {
  const wanted = (configured ?? '').trim();
  const setting = '"dockerfileStudio.docker.path" (a user setting)';
  if (wanted && isRooted(wanted, platform)) {
    return isExecutableFile(wanted) ? { path: wanted } : { error: `The Docker CLI was not found at "${wanted}" (from ${setting}). Point it at the docker executable.` };
  }
  if (wanted && (wanted.includes('/') || (platform === 'win32' && (wanted.includes('\\') || wanted.includes(':'))))) {
    return { error: `${setting} is "${wanted}", a relative path. Give the docker executable's absolute path, or a bare name to look up on PATH.` };
  }
  const name = wanted || 'docker';
  const found = findOnPath(name, env, platform, isExecutableFile);
  if (found) return { path: found };
  return { error: `The Docker CLI ("${name}") was not found on PATH. Install Docker, or set ${setting} to the docker executable's absolute path.` };
}
