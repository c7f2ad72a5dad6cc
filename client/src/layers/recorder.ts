/**
 * What the layer views need around a build record: the previous record of the same Dockerfile
 * and target (the analysis request is completed in docker/analyzeRequest.ts), the panel's list
 * of builds, and the export's file names. No vscode here: the editor (layers/views.ts) and tests
 * drive it.
 */
import type { BuildRecord } from '../../../server/src/protocol';
import type { HistoryItem } from '../webview/messages';
import type { RecordListing, RecordProblem } from './records';

/** The part of the record store the recorder uses. */
export interface RecordSource {
  list(dockerfile: string, target: string | null): Promise<RecordListing>;
  save(record: BuildRecord): Promise<string>;
}

/** The newest readable record of a Dockerfile and target, and the files of the store that could not be read. */
export async function previousRecord(store: RecordSource, dockerfile: string, target: string | null): Promise<{ record: BuildRecord | null; problems: RecordProblem[] }> {
  try {
    const listing = await store.list(dockerfile, target);
    return { record: listing.records[0] ?? null, problems: listing.problems };
  } catch (error) {
    return { record: null, problems: [{ file: '.', message: error instanceof Error ? error.message : String(error) }] };
  }
}

/** The last builds of a Dockerfile and target as the panel lists them (newest first). */
export function historyItems(records: readonly BuildRecord[]): HistoryItem[] {
  return records.map((r) => ({ id: r.id, startedAt: r.startedAt, cacheHitRatio: r.cacheHitRatio, durationMs: r.durationMs }));
}

/** The records the panel shows beside `record`: the store's (newest first) with `record` among them even when saving it failed. */
export function withRecord(records: readonly BuildRecord[], record: BuildRecord): BuildRecord[] {
  if (records.some((r) => r.id === record.id)) return [...records];
  return [record, ...records].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** A sentence about store files that were skipped, or null when there were none. */
export function problemsText(problems: readonly RecordProblem[]): string | null {
  if (problems.length === 0) return null;
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `skipped a build record that could not be read: ${first.file}: ${first.message}${more}`;
}

/** The file names a report of `record` is offered under: `<image tag>-layers.json` and `.md`, made safe for a file name. */
export function reportFileNames(record: BuildRecord): { json: string; markdown: string } {
  let base = '';
  for (const c of record.image.tag.slice(0, 80)) base += /[A-Za-z0-9._-]/.test(c) ? c : '-';
  base = base.replace(/^[.-]+/, '') || 'image';
  return { json: `${base}-layers.json`, markdown: `${base}-layers.md` };
}
