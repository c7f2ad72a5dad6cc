/**
 * Reading a file a repository may hold, for the language server, the CLI and the client alike.
 * Such a file is untrusted: it may be a FIFO (opening it for reading blocks until a writer
 * comes), a link to `/dev/zero` or `/dev/urandom` (endless), or simply huge. So it is opened
 * without blocking, read only when its descriptor says it is a regular file, and never past a
 * size cap; the outcome is a value, never an exception.
 */
import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** The outcome of reading one file. */
export type ReadOutcome =
  | { kind: 'text'; text: string }
  /** Not there (`ENOENT`, `ENOTDIR`), or a folder of that name (`EISDIR`). */
  | { kind: 'absent'; code: string }
  /**
   * There, but not read. `special`: not a regular file (a FIFO, a device, a socket, or a link to
   * one); `large`: more than the cap (`bytes` is its size, or cap + 1 when only reading showed
   * it); `error`: an I/O error (`code`). `reason` says it in a phrase, without the path.
   */
  | { kind: 'skipped'; cause: 'special' | 'large' | 'error'; reason: string; bytes?: number; code?: string };

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? String(error);

/** What describeKind needs: a Stats or a Dirent. */
export type FileKind = Pick<Stats, 'isFile' | 'isDirectory' | 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket'>;

/** What a file that is not a regular one is, in words: "a FIFO", "a character device"... */
export function describeKind(info: FileKind): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  if (info.isDirectory()) return 'a folder';
  return info.isFile() ? 'a regular file' : 'a special file';
}

const special = (info: Stats): ReadOutcome => ({ kind: 'skipped', cause: 'special', reason: `not a regular file (${describeKind(info)})` });

/** The outcome for `bytes` read or seen when at most `maxBytes` may be. */
export const tooLarge = (bytes: number, maxBytes: number): ReadOutcome => ({
  kind: 'skipped',
  cause: 'large',
  bytes,
  reason: `${bytes} bytes is more than the ${maxBytes}-byte limit`,
});

/** UTF-8 text without a byte order mark. */
function decode(buffer: Buffer, length: number): string {
  const text = buffer.toString('utf8', 0, length);
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * Reads a regular file as UTF-8 (without a byte order mark) when it is no larger than
 * `maxBytes`; a FIFO, a device (or a link to one) and an oversized file are skipped unread.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<ReadOutcome> {
  try {
    // stat follows links: a link to /dev/zero is seen as the device it is.
    const info = await stat(path);
    if (info.isDirectory()) return { kind: 'absent', code: 'EISDIR' };
    if (!info.isFile()) return special(info);
    if (info.size > maxBytes) return tooLarge(info.size, maxBytes);
    // The file may have been swapped for a FIFO since: O_NONBLOCK makes opening one return at
    // once, and the descriptor's own stat decides.
    const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const opened = await handle.stat();
      if (!opened.isFile()) return special(opened);
      let buffer = Buffer.alloc(Math.min(opened.size, maxBytes) + 1);
      let length = 0;
      for (;;) {
        if (length === buffer.length) {
          // One byte past the cap is enough to know the file is over it.
          if (length > maxBytes) break;
          // Longer than its size said: it grew since, or it is a /proc file (size 0). Read on.
          const larger = Buffer.alloc(Math.min(Math.max(buffer.length * 2, 64 * 1024), maxBytes + 1));
          buffer.copy(larger, 0, 0, length);
          buffer = larger;
        }
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      if (length > maxBytes) return tooLarge(length, maxBytes);
      return { kind: 'text', text: decode(buffer, length) };
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent', code };
    return { kind: 'skipped', cause: 'error', code, reason: `cannot read (${code})` };
  }
}

/**
 * Reads a stream the user chose (standard input) as UTF-8 up to `maxBytes`: past the cap it
 * stops reading, so an endless stream ends as `large` with `bytes` = cap + 1.
 */
export async function readCappedStream(chunks: AsyncIterable<Uint8Array | string>, maxBytes: number): Promise<ReadOutcome> {
  const kept: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      // Never more than one byte past the cap is kept, however large the chunk.
      kept.push(bytes.subarray(0, maxBytes + 1 - length));
      length += kept[kept.length - 1].length;
      // Leaving the loop destroys the stream: nothing more is read.
      if (length > maxBytes) break;
    }
  } catch (error) {
    const code = errorCode(error);
    return { kind: 'skipped', cause: 'error', code, reason: `cannot read (${code})` };
  }
  if (length > maxBytes) return tooLarge(length, maxBytes);
  const all = Buffer.concat(kept, length);
  return { kind: 'text', text: decode(all, length) };
}
