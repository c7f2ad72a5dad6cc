/**
 * The build records store: the last N records of each Dockerfile and target, one JSON file per
 * record in one folder (the extension's workspace storage, or the CLI's `--records` folder).
 *
 * A record is written to a temporary file in the same folder, flushed to disk, and renamed over
 * its final name, so a crash leaves either the whole new file or nothing: earlier records are
 * never touched until the new one is complete, and pruning deletes only after the rename. File
 * names are hashes, so a Dockerfile path or a target from a repository cannot choose where a file
 * goes. A file that does not hold a record of this Dockerfile and target is reported and skipped.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildRecord, CauseKind } from '../../../server/src/protocol';
import { readRegularFile } from '../../../server/src/safeRead';

/** Records kept per Dockerfile and target unless the caller says otherwise. */
export const DEFAULT_KEEP = 20;
/** A record of a 200-line Dockerfile is tens of KB; a file far past this is not one of ours. */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;
/** A temporary file this old is left from a crashed write and may go. */
const STALE_TEMP_MS = 60 * 60 * 1000;
const SUFFIX = '.record.json';
const TEMP = '.tmp';

/** A file of the store that could not be used, and why (one phrase). */
export interface RecordProblem {
  file: string;
  message: string;
}

/** What a listing found. */
export interface RecordListing {
  /** Newest first. */
  records: BuildRecord[];
  problems: RecordProblem[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The file name prefix shared by the records of one Dockerfile and target. */
export function recordKey(dockerfile: string, target: string | null): string {
  // JSON keeps `a` + null apart from the target named "null".
  return sha256(JSON.stringify([dockerfile, target])).slice(0, 32);
}

const CAUSE_KINDS: readonly CauseKind[] = ['first-build', 'instruction-changed', 'build-arg-changed', 'files-changed', 'base-image-changed', 'parent-rebuilt', 'no-cache', 'unknown'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const countOrNull = (v: unknown) => v === null || isCount(v);
const stringOrNull = (v: unknown) => v === null || typeof v === 'string';

/** Why a parsed value is not a build record the visualizer can show, or null when it is one. */
export function recordProblem(value: unknown): string | null {
  if (!isObject(value)) return 'not a JSON object';
  if (value.version !== 1) return `record version ${JSON.stringify(value.version)?.slice(0, 20)} is not 1`;
  if (typeof value.id !== 'string' || typeof value.dockerfile !== 'string' || !stringOrNull(value.target)) return 'no id, Dockerfile or target';
  if (typeof value.startedAt !== 'string' || !isCount(value.durationMs) || typeof value.succeeded !== 'boolean' || typeof value.noCache !== 'boolean') return 'no start, duration or outcome';
  if (!isObject(value.buildArgs) || !Object.values(value.buildArgs).every((v) => typeof v === 'string')) return 'build args are not names and values';
  const image = value.image;
  if (!isObject(image) || typeof image.tag !== 'string' || !stringOrNull(image.id) || !countOrNull(image.sizeBytes)) return 'no image';
  if (!(value.cacheHitRatio === null || (isCount(value.cacheHitRatio) && (value.cacheHitRatio as number) <= 1))) return 'the cache hit ratio is not between 0 and 1';
  if (!Array.isArray(value.steps)) return 'no steps';
  for (const [i, step] of value.steps.entries()) {
    const bad = stepProblem(step);
    if (bad) return `step ${i + 1}: ${bad}`;
  }
  const failure = value.failure;
  if (!(failure === null || (isObject(failure) && isCount(failure.line) && typeof failure.message === 'string'))) return 'the failure is not a place and a message';
  return null;
}

function stepProblem(step: unknown): string | null {
  if (!isObject(step)) return 'not an object';
  if (!Number.isInteger(step.line) || !Number.isInteger(step.endLine) || (step.line as number) < 1 || (step.endLine as number) < (step.line as number)) return 'no line';
  if (typeof step.stage !== 'string' || typeof step.instruction !== 'string' || typeof step.keyword !== 'string') return 'no stage or instruction';
  if (!(step.cached === null || typeof step.cached === 'boolean') || !countOrNull(step.durationMs) || !countOrNull(step.sizeBytes)) return 'cache state, time or size of the wrong type';
  if (!['layer', 'metadata', 'not-in-image'].includes(step.output as string) || !stringOrNull(step.error)) return 'no output kind';
  const cause = step.cause;
  if (!(cause === null || (isObject(cause) && CAUSE_KINDS.includes(cause.kind as CauseKind) && typeof cause.detail === 'string' && Array.isArray(cause.files) && cause.files.every((f) => typeof f === 'string')))) return 'a cause of an unknown kind';
  if (!isObject(step.inputs) || !isObject(step.inputs.args) || !Array.isArray(step.rebuildsWhen)) return 'no inputs';
  return null;
}

/** A record and the file it was read from. */
interface Stored {
  record: BuildRecord;
  file: string;
}

/** Newest first: ids start with the ISO time, so they sort by time. */
const newestFirst = (a: Stored, b: Stored) => (a.record.id < b.record.id ? 1 : a.record.id > b.record.id ? -1 : 0);

/** Build records of every Dockerfile and target, kept in one folder. */
export class RecordStore {
  constructor(
    readonly dir: string,
    private readonly keep = DEFAULT_KEEP,
  ) {}

  /** A new record id: sortable by time, unique (ISO time and a random suffix). */
  static newId(now = new Date()): string {
    return `${now.toISOString()}-${randomBytes(4).toString('hex')}`;
  }

  private fileOf(record: BuildRecord): string {
    return `${recordKey(record.dockerfile, record.target)}-${sha256(record.id).slice(0, 16)}${SUFFIX}`;
  }

  /** Writes a record atomically, then prunes its Dockerfile and target to the newest N; returns its file name. */
  async save(record: BuildRecord): Promise<string> {
    const problem = recordProblem(record);
    if (problem) throw new Error(`not a build record: ${problem}`);
    await mkdir(this.dir, { recursive: true });
    const name = this.fileOf(record);
    const temp = join(this.dir, `.${name}.${randomBytes(6).toString('hex')}${TEMP}`);
    // `wx`: a temporary name never reuses a file (or a link someone placed there).
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(record), 'utf8');
      await handle.sync();
    } catch (error) {
      await handle.close();
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await handle.close();
    await rename(temp, join(this.dir, name));
    await this.syncDir();
    await this.prune(record.dockerfile, record.target);
    return name;
  }

  /** Makes the rename itself durable (POSIX); where folders cannot be opened (Windows) the rename stands as is. */
  private async syncDir(): Promise<void> {
    try {
      const dir = await open(this.dir, 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    } catch {
      // Not supported here: the rename is still atomic, only its durability across power loss is the OS's.
    }
  }

  private async names(): Promise<string[]> {
    try {
      return await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** The records of a Dockerfile and target, newest first, with the files that could not be read. */
  async list(dockerfile: string, target: string | null): Promise<RecordListing> {
    const { stored, problems } = await this.read(dockerfile, target);
    return { records: stored.map((s) => s.record), problems };
  }

  private async read(dockerfile: string, target: string | null): Promise<{ stored: Stored[]; problems: RecordProblem[] }> {
    const prefix = `${recordKey(dockerfile, target)}-`;
    const stored: Stored[] = [];
    const problems: RecordProblem[] = [];
    for (const file of await this.names()) {
      if (!file.startsWith(prefix) || !file.endsWith(SUFFIX)) continue;
      const read = await readRegularFile(join(this.dir, file), MAX_RECORD_BYTES);
      if (read.kind === 'absent') continue;
      if (read.kind === 'skipped') {
        problems.push({ file, message: read.reason });
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(read.text);
      } catch {
        problems.push({ file, message: 'not JSON (cut short or damaged)' });
        continue;
      }
      const problem = recordProblem(value);
      const record = value as BuildRecord;
      if (problem) problems.push({ file, message: problem });
      else if (record.dockerfile !== dockerfile || record.target !== target) problems.push({ file, message: 'a record of another Dockerfile or target' });
      else stored.push({ record, file });
    }
    stored.sort(newestFirst);
    problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return { stored, problems };
  }

  /** The newest record of a Dockerfile and target (the one a new build is compared with), or null. */
  async latest(dockerfile: string, target: string | null): Promise<BuildRecord | null> {
    return (await this.list(dockerfile, target)).records[0] ?? null;
  }

  /** Deletes all but the newest N records of a Dockerfile and target, and temporary files left by crashed writes. */
  async prune(dockerfile: string, target: string | null): Promise<void> {
    const { stored } = await this.read(dockerfile, target);
    for (const { file } of stored.slice(this.keep)) await unlink(join(this.dir, file)).catch(() => undefined);
    const now = Date.now();
    for (const file of await this.names()) {
      if (!file.startsWith('.') || !file.endsWith(TEMP)) continue;
      const info = await stat(join(this.dir, file)).catch(() => null);
      if (info?.isFile() && now - info.mtimeMs > STALE_TEMP_MS) await unlink(join(this.dir, file)).catch(() => undefined);
    }
  }
}
