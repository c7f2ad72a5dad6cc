/**
 * The messages between the layer panel's host (client/src/layers/panel.ts) and its webview. The
 * host sends data only this way; the HTML it serves holds none.
 */
import type { BuildRecord } from '../../../server/src/protocol/build';

/** One earlier build of the same Dockerfile and target, for the comparison pickers. */
export interface HistoryItem {
  id: string;
  startedAt: string;
  cacheHitRatio: number | null;
  durationMs: number;
}

/** Host -> webview: show this record, compared with `baselineId` (null: no earlier build). */
export interface ShowMessage {
  type: 'show';
  record: BuildRecord;
  /** The last builds of this Dockerfile and target, newest first (the record's own among them). */
  history: HistoryItem[];
  baselineId: string | null;
}

/** Webview -> host: the script has loaded and listens (the host then sends the latest `show`). */
export interface ReadyMessage {
  type: 'ready';
}

/** Webview -> host: reveal and select the instruction at this 1-based line. */
export interface RevealMessage {
  type: 'reveal';
  line: number;
}

/** Webview -> host: compute the causes of `currentId` against `baselineId` and show them. */
export interface CompareMessage {
  type: 'compare';
  currentId: string;
  baselineId: string;
}

export type ToWebview = ShowMessage;
export type FromWebview = ReadyMessage | RevealMessage | CompareMessage;

/** The message if `value` is a well-formed webview -> host message, else null. */
export function parseFromWebview(value: unknown): FromWebview | null {
  if (typeof value !== 'object' || value === null) return null;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
      return { type: 'ready' };
    case 'reveal':
      return Number.isInteger(message.line) && (message.line as number) >= 1 ? { type: 'reveal', line: message.line as number } : null;
    case 'compare':
      return typeof message.currentId === 'string' && typeof message.baselineId === 'string'
        ? { type: 'compare', currentId: message.currentId, baselineId: message.baselineId }
        : null;
    default:
      return null;
  }
}

/** The message if `value` looks like a host -> webview `show` message, else null. */
export function parseToWebview(value: unknown): ToWebview | null {
  if (typeof value !== 'object' || value === null) return null;
  const message = value as Record<string, unknown>;
  if (message.type !== 'show' || typeof message.record !== 'object' || message.record === null) return null;
  const record = message.record as BuildRecord;
  if (!Array.isArray(record.steps) || !Array.isArray(message.history)) return null;
  return { type: 'show', record, history: message.history as HistoryItem[], baselineId: typeof message.baselineId === 'string' ? message.baselineId : null };
}
