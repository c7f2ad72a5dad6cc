/**
 * The env file handed to `docker run --env-file`, checked before docker sees it. Docker fills a
 * line that holds only a NAME (no `=`) from its own environment, which is the extension host's:
 * a repository's `.env` with a bare `AWS_SECRET_ACCESS_KEY` line would pass the user's secret to
 * the repository's container (podman's `NAME*` lines copy every variable with that prefix). So
 * the file is read first, the safe way (it is the repository's: a FIFO or a link to a device is
 * refused unread), and refused when it has such lines, wherever the setting came from.
 */
import { readRegularFile, type ReadOutcome } from '../../../server/src/safeRead';

/** Env files are a few KB; docker reads one line of at most 64 KB anyway. */
export const MAX_ENV_FILE_BYTES = 1024 * 1024;

/** How many line numbers a message lists before it counts the rest. */
const LISTED_LINES = 10;

/** True for the white space docker trims before a name; only ASCII, so what we take for a comment docker does too. */
const isSpace = (code: number): boolean => code === 0x20 || (code >= 0x09 && code <= 0x0d);

/**
 * The 1-based numbers of the lines docker would fill from its own environment: after leading
 * white space, not empty, not a `#` comment, and without `=`. Lines end at `\n` as docker's
 * scanner splits them.
 */
export function bareNameLines(text: string): number[] {
  const found: number[] = [];
  text.split('\n').forEach((line, index) => {
    let first = 0;
    while (first < line.length && isSpace(line.charCodeAt(first))) first++;
    if (first < line.length && line[first] !== '#' && !line.includes('=')) found.push(index + 1);
  });
  return found;
}

/** Why docker may not be given the env file (one message naming it), or null when it may. */
export function envFileProblem(path: string, read: ReadOutcome): string | null {
  const file = `The env file ${path} (from "dockerfileStudio.run.envFile")`;
  if (read.kind === 'absent') return `${file} does not exist or is not a file.`;
  if (read.kind === 'skipped') return `${file} was not read: ${read.reason}.`;
  const lines = bareNameLines(read.text);
  if (lines.length === 0) return null;
  const listed = lines.slice(0, LISTED_LINES).join(', ') + (lines.length > LISTED_LINES ? ` and ${lines.length - LISTED_LINES} more` : '');
  return (
    `${file} has a name without a value on line${lines.length === 1 ? '' : 's'} ${listed}. Docker would copy such a variable from ` +
    'the environment of VS Code, which can hold your secrets, into the container. Write each one as NAME=value.'
  );
}

/** Reads the env file (a regular file under the cap, opened without blocking) and checks it: null when docker may read it. */
export async function checkEnvFile(path: string): Promise<string | null> {
  return envFileProblem(path, await readRegularFile(path, MAX_ENV_FILE_BYTES));
}
