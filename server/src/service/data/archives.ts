/**
 * Which local files `ADD` unpacks. The builder looks at the content, not the name: a tar
 * stream, plain or compressed with gzip, bzip2 or xz (and zstd in recent engines), is
 * extracted; anything else is copied as it is. The names below are what such files are
 * called, so a source with one of them may be unpacked and ADD is the right instruction.
 */

/** Endings (lower case) of files ADD may unpack: tar archives and the compressions it reads. */
export const ADD_UNPACKS_SUFFIXES: readonly string[] = [
  '.tar',
  '.tar.gz', '.tgz', '.gz',
  '.tar.bz2', '.tbz', '.tbz2', '.tb2', '.bz2',
  '.tar.xz', '.txz', '.xz',
  '.tar.zst', '.tzst', '.zst',
];

/**
 * Endings (lower case) of archives ADD copies without unpacking: other container formats
 * (zip and its relatives, 7z, rar) and compressions the builder does not read (lzip, lzma,
 * compress). For these ADD does nothing COPY would not.
 */
export const ADD_KEEPS_ARCHIVE_SUFFIXES: readonly string[] = [
  '.zip', '.jar', '.war', '.ear', '.whl', '.apk', '.nupkg',
  '.7z', '.rar',
  '.lz', '.tlz', '.lzma', '.z', '.taz', '.tz', '.tpz', '.lz4',
];

/** The ending of `path` from the first list that matches, or null. */
export function archiveSuffix(path: string, suffixes: readonly string[]): string | null {
  const lower = path.toLowerCase();
  let best: string | null = null;
  for (const suffix of suffixes) if (lower.endsWith(suffix) && (best === null || suffix.length > best.length)) best = suffix;
  return best;
}
