/**
 * The settings of each open document, pulled from the client with `workspace/configuration`.
 * A client may answer late or never: a request gets `timeoutMs`, then the defaults are used and
 * asked for again after `retryMs` (a late answer still replaces them). Only open documents are
 * cached, and closing one drops its entry, so a request for any other URI cannot grow the cache.
 */
import type { StudioSettings } from './protocol';
import { DEFAULT_SETTINGS, normalizeSettings } from './settings';

/** Where settings come from, and the clock; injected so tests need no connection and no waiting. */
export interface SettingsSource {
  /** Asks the client for the `dockerfileStudio` section of a document; may never settle. */
  fetch(uri: string): Promise<unknown>;
  isOpen(uri: string): boolean;
  log(message: string): void;
  now(): number;
  /** Calls `callback` after `ms`; returns a function that cancels it. */
  schedule(ms: number, callback: () => void): () => void;
}

interface Entry {
  settings: Promise<StudioSettings>;
  /** When the defaults given after a timeout or error are asked for again; Infinity for an answer. */
  retryAt: number;
}

/** A timeout long enough for a busy editor, short enough that hover and lint do not look dead. */
export const SETTINGS_TIMEOUT_MS = 5000;
/** How long the defaults stand in for settings that did not come. */
export const SETTINGS_RETRY_MS = 30_000;

/** Per-document settings with a time limit on the client's answer. */
export class SettingsCache {
  private readonly entries = new Map<string, Entry>();
  // Bumped by clear(): an answer to a request sent before a configuration change is stale.
  private generation = 0;

  constructor(
    private readonly source: SettingsSource,
    private readonly timeoutMs = SETTINGS_TIMEOUT_MS,
    private readonly retryMs = SETTINGS_RETRY_MS,
  ) {}

  /** The settings of `uri`: cached for an open document, asked for each time otherwise. */
  get(uri: string): Promise<StudioSettings> {
    const cached = this.entries.get(uri);
    if (cached && this.source.now() < cached.retryAt) return cached.settings;
    const generation = this.generation;
    const keep = (entry: Entry) => {
      if (generation === this.generation && this.source.isOpen(uri)) this.entries.set(uri, entry);
    };
    // The promise's callbacks compare against the entry, so it exists before the promise does.
    const entry: Entry = { settings: Promise.resolve(DEFAULT_SETTINGS), retryAt: Infinity };
    entry.settings = new Promise<StudioSettings>((resolve) => {
      let settled = false;
      const fallBack = (why: string) => {
        if (settled) return;
        settled = true;
        this.source.log(`Settings for ${uri}: ${why}; using the defaults.`);
        resolve(DEFAULT_SETTINGS);
        if (this.entries.get(uri) === entry) entry.retryAt = this.source.now() + this.retryMs;
      };
      const cancel = this.source.schedule(this.timeoutMs, () => fallBack(`no answer to workspace/configuration in ${this.timeoutMs} ms`));
      this.source.fetch(uri).then(
        (raw) => {
          cancel();
          const answer = normalizeSettings(raw);
          if (!settled) {
            settled = true;
            resolve(answer);
          } else if (this.entries.get(uri) === entry) {
            keep({ settings: Promise.resolve(answer), retryAt: Infinity });
          }
        },
        (error: unknown) => {
          cancel();
          fallBack(`workspace/configuration failed (${error instanceof Error ? error.message : String(error)})`);
        },
      );
    });
    keep(entry);
    return entry.settings;
  }

  /** Drops a document's settings (it was closed). */
  forget(uri: string): void {
    this.entries.delete(uri);
  }

  /** Drops every document's settings (the configuration changed). */
  clear(): void {
    this.entries.clear();
    this.generation++;
  }

  /** How many documents have settings cached. */
  get size(): number {
    return this.entries.size;
  }
}
