/**
 * Diagnostics wiring: when to lint and with what. Bursts of edits are coalesced with a short
 * per-document timer; opening a document publishes at once; results for a stale version are
 * dropped. Settings come from `workspace/configuration` (cached per document until the
 * configuration changes), the project config and the build context's .dockerignore are read
 * from disk here, never in the pure service.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findProjectConfig } from './config';
import type { DockerfileModel, ImageEnvLookup, RuleSeverity, ServiceLintOptions } from './service';
import type { StudioSettings } from './protocol';

/**
 * How long a document must be quiet before it is linted. One millisecond still coalesces a burst
 * of edits that arrived together (the server reads them one by one, each well under a
 * millisecond); linting after an edit is incremental and fast, so a longer wait only delays.
 */
export const DEBOUNCE_MS = 1;

/**
 * The longest stretch a lint runs before it lets waiting requests in. Linting a 6,000-instruction
 * file from scratch takes ~0.5 s; a hover sent meanwhile waits for the slice under way (steps
 * overshoot it) and the turns of letRequestsIn: with 2 ms it was answered in ~5-9 ms (median),
 * with 4 ms in ~13 and with 8 ms in ~17. Edit-to-diagnostics at 5,000 lines did not move
 * measurably (a 30 ms first slice gave the same 27-30 ms over 12 rounds).
 */
const SLICE_MS = 2;

/**
 * Gives the event loop back long enough for a request that arrived to be answered. vscode-jsonrpc
 * dispatches a message in one setImmediate turn and writes the response in another (its write
 * queue), and each turn queues behind whatever was queued first: a single turn would let the
 * lint's next slice run before the response is written.
 */
async function letRequestsIn(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** What the publisher needs from the server. */
export interface PublisherHost {
  /** The document's current state, or undefined once closed. */
  document(uri: string): TextDocument | undefined;
  model(document: TextDocument): DockerfileModel;
  /** The service's lint in steps (it yields between rules and instructions). */
  lintSteps(model: DockerfileModel, options: ServiceLintOptions): Generator<void, Diagnostic[], void>;
  settings(uri: string): Promise<StudioSettings>;
  /** The base images' environments from the client's engine (undefined: not known). */
  imageEnv?: ImageEnvLookup;
  send(uri: string, version: number, diagnostics: Diagnostic[]): void;
  log(message: string): void;
}

interface FileContext {
  severities: Record<string, RuleSeverity>;
  dockerignore: string | null;
}

/** Schedules, computes and publishes diagnostics per document. */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly files = new Map<string, FileContext>();
  // The version last linted per document: opening fires both "open" and "change" for one version.
  private readonly linted = new Map<string, number>();

  constructor(private readonly host: PublisherHost) {}

  /** Lints after a short quiet period, replacing any pending run for the document. */
  schedule(uri: string): void {
    if (this.linted.get(uri) === this.host.document(uri)?.version) return;
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.set(uri, setTimeout(() => void this.publish(uri), DEBOUNCE_MS));
  }

  /** Lints now (document opened, settings changed). */
  publishNow(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    void this.publish(uri);
  }

  /** Forgets the document's disk context (after a save or a configuration change). */
  refresh(uri: string): void {
    this.files.delete(uri);
    this.linted.delete(uri);
  }

  /** Stops pending work and clears the document's diagnostics. */
  close(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    this.files.delete(uri);
    this.linted.delete(uri);
  }

  private async publish(uri: string): Promise<void> {
    this.timers.delete(uri);
    try {
      // The document object is updated in place by later edits: keep the version we lint.
      const version = this.host.document(uri)?.version;
      if (version === undefined) return;
      const current = () => this.host.document(uri)?.version === version;
      this.linted.set(uri, version);
      const settings = await this.host.settings(uri);
      // Let requests that arrived meanwhile (a hover right after opening) be answered first:
      // they wait on the same settings, and linting a big file takes a while.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const document = this.host.document(uri);
      if (!document || !current()) return;
      if (!settings.diagnostics.enabled) {
        this.host.send(uri, version, []);
        return;
      }
      const context = this.fileContext(uri);
      const steps = this.host.lintSteps(this.host.model(document), {
        severities: { ...context.severities, ...settings.diagnostics.severities },
        dockerignore: context.dockerignore,
        imageEnv: this.host.imageEnv,
      });
      let sliceStart = performance.now();
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) {
          this.host.send(uri, version, step.value);
          return;
        }
        if (performance.now() - sliceStart < SLICE_MS) continue;
        await letRequestsIn();
        // Typed on or closed meanwhile: the newer version is linted by its own schedule.
        if (!current()) return;
        sliceStart = performance.now();
      }
    } catch (error) {
      this.host.log(`diagnostics failed for ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  private fileContext(uri: string): FileContext {
    let context = this.files.get(uri);
    if (!context) {
      context = readFileContext(uri, (message) => this.host.log(message));
      this.files.set(uri, context);
    }
    return context;
  }
}

/** Reads the project config's severities and the build context's .dockerignore for a file URI. */
export function readFileContext(uri: string, log: (message: string) => void): FileContext {
  if (!uri.startsWith('file:')) return { severities: {}, dockerignore: null };
  const path = fileURLToPath(uri);
  let severities: Record<string, RuleSeverity> = {};
  try {
    severities = findProjectConfig(path)?.rules ?? {};
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
  }
  return { severities, dockerignore: readDockerignore(path) };
}

/** `<Dockerfile>.dockerignore` next to the file first, then `.dockerignore` in its folder. */
export function readDockerignore(dockerfilePath: string): string | null {
  const folder = dirname(dockerfilePath);
  for (const candidate of [join(folder, `${basename(dockerfilePath)}.dockerignore`), join(folder, '.dockerignore')]) {
    try {
      return readFileSync(candidate, 'utf8');
    } catch {
      // Not there: try the next one.
    }
  }
  return null;
}
