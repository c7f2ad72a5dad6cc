/**
 * Diagnostics wiring: when to lint and with what. Bursts of edits are coalesced with a short
 * per-document timer; opening a document publishes at once; results for a stale version are
 * dropped. Settings come from `workspace/configuration` (cached per document until the
 * configuration changes); what governs the file on disk (config, ignore file, build context)
 * comes from projectContext.ts, cached per document until one of those files changes.
 */
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { containingFolder, contextDependsOn, loadProjectContext, type ProjectContext } from './projectContext';
import { DIAGNOSTIC_SOURCE, type DockerfileModel, type ImageEnvLookup, type ServiceLintOptions } from './service';
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
  /** The workspace folders' paths: the config search never goes above the one holding a file. */
  workspaceFolders(): readonly string[];
  /** The base images' environments from the client's engine (undefined: not known). */
  imageEnv?: ImageEnvLookup;
  send(uri: string, version: number, diagnostics: Diagnostic[]): void;
  log(message: string): void;
}

/** Schedules, computes and publishes diagnostics per document. */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  // Per document: its project context, read once (null: not a file on disk).
  private readonly contexts = new Map<string, Promise<ProjectContext | null>>();
  private readonly loaded = new Map<string, ProjectContext>();
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
    this.contexts.delete(uri);
    this.loaded.delete(uri);
    this.linted.delete(uri);
  }

  /** Re-lints the documents whose context depends on a changed config or ignore file (file URIs). */
  projectFilesChanged(uris: readonly string[]): void {
    const paths = uris.filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri));
    for (const uri of [...this.contexts.keys()]) {
      const context = this.loaded.get(uri);
      // A context still being read may have missed the change: read it again too.
      if (context && !paths.some((path) => contextDependsOn(context, path))) continue;
      if (!context && !uri.startsWith('file:')) continue;
      this.refresh(uri);
      this.publishNow(uri);
    }
  }

  /** Stops pending work and clears the document's diagnostics. */
  close(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    this.refresh(uri);
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
      const pending = this.projectContext(uri, settings);
      const context = await pending;
      // Closed, typed on, or its files changed meanwhile: a newer run publishes.
      if (!current() || this.contexts.get(uri) !== pending) return;
      if (context?.ignoredBy) {
        this.host.send(uri, version, []);
        return;
      }
      const steps = this.host.lintSteps(this.host.model(document), {
        severities: { ...context?.config?.rules, ...settings.diagnostics.severities },
        dockerignore: context?.dockerignore ?? null,
        imageEnv: this.host.imageEnv,
      });
      let sliceStart = performance.now();
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) {
          this.host.send(uri, version, context ? [...problemDiagnostics(context, document), ...step.value] : step.value);
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

  private projectContext(uri: string, settings: StudioSettings): Promise<ProjectContext | null> {
    const cached = this.contexts.get(uri);
    if (cached) return cached;
    if (!uri.startsWith('file:')) {
      const none = Promise.resolve(null);
      this.contexts.set(uri, none);
      return none;
    }
    const dockerfile = fileURLToPath(uri);
    const context = loadProjectContext({
      dockerfile,
      workspaceFolder: containingFolder(dockerfile, this.host.workspaceFolders()),
      buildContext: settings.build.context,
    });
    this.contexts.set(uri, context);
    // Only the read still wanted is remembered (a file change may have dropped it meanwhile).
    context.then(
      (value) => this.contexts.get(uri) === context && this.loaded.set(uri, value),
      () => undefined, // the publish awaiting it logs the failure
    );
    return context;
  }
}

/**
 * A config or ignore file the user should hear about, shown where they look: a warning on the
 * Dockerfile's first line that names the file (the Dockerfile itself is not at fault).
 */
export function problemDiagnostics(context: ProjectContext, document: TextDocument): Diagnostic[] {
  const firstLine = document.getText({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }).replace(/\r?\n$/, '');
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } };
  return context.problems.map((problem) => ({
    range,
    severity: DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: problem.path === context.ignoreFile ? 'ignore-file' : 'project-config',
    message: `${problem.path}: ${problem.message}`,
  }));
}
