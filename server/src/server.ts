/**
 * The language server entry: a connection and its wiring. Each handler is a few lines:
 * cached model -> pure service -> result, inside `guard` so one bad request cannot kill the server.
 * Runs over IPC when started by the VS Code client and over `--stdio` for other editors.
 */
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  MarkupKind,
  ErrorCodes,
  ResponseError,
  DidChangeWatchedFilesNotification,
  type CancellationToken,
  type InitializeResult,
  type TextDocumentPositionParams,
} from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createDockerfileService, explainRebuilds, formatReport, type DockerfileModel } from './service';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import {
  ANALYZE_BUILD_REQUEST,
  BUILD_PLAN_REQUEST,
  COMPARE_BUILDS_REQUEST,
  FORMAT_REPORT_REQUEST,
  IMAGE_ENV_REQUEST,
  type AnalyzeBuildParams,
  type BuildPlanParams,
  type BuildRecord,
  type CompareBuildsParams,
  type FormatReportParams,
  type ImageEnvParams,
  type ImageEnvResult,
  type StudioInitializationOptions,
  type StudioSettings,
} from './protocol';
import { DEFAULT_SETTINGS } from './settings';
import { PROJECT_FILE_GLOBS } from './projectContext';
import { ImageEnvSource } from './imageEnvSource';
import { SettingsCache } from './settingsCache';
import { analyzeBuild } from './buildAnalysis';
import { readRegularFile } from './safeRead';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = createDockerfileService();
let hoverFormat: 'markdown' | 'plaintext' = 'markdown';
let snippetSupport = false;
let canPullSettings = false;
let canWatchFiles = false;
let canFollowFolders = false;
// The workspace folders' paths: the project config search stops at the one holding a file.
let workspaceFolders: string[] = [];
const folderPaths = (folders: readonly { uri: string }[]) => folders.filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri));
// Settings per open document, pulled once (with a time limit) and dropped on close and when the configuration changes.
const settingsCache = new SettingsCache({
  fetch: (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'dockerfileStudio' }),
  isOpen: (uri) => documents.get(uri) !== undefined,
  log: (message) => connection.console.warn(message),
  now: () => Date.now(),
  schedule: (ms, callback) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
});

function settingsFor(uri: string): Promise<StudioSettings> {
  return canPullSettings ? settingsCache.get(uri) : Promise.resolve(DEFAULT_SETTINGS);
}

const modelOf = (document: TextDocument): DockerfileModel => service.model(document.uri, document.version, () => document.getText());

// Base image environments from the client's engine, when the client can ask it (set at initialize).
let imageEnvSource: ImageEnvSource | undefined;

const diagnostics = new DiagnosticsPublisher({
  document: (uri) => documents.get(uri),
  model: modelOf,
  lintSteps: service.lintSteps,
  imageEnv: (image) => imageEnvSource?.lookup(image),
  settings: settingsFor,
  workspaceFolders: () => workspaceFolders,
  send: (uri, version, list) => void connection.sendDiagnostics({ uri, version, diagnostics: list }),
  log: (message) => connection.console.error(message),
});

/** Runs a handler; an exception is logged and answered with `fallback`, a cancelled request too. */
function guard<T>(name: string, token: CancellationToken | undefined, fallback: T, handler: () => T): T {
  if (token?.isCancellationRequested) return fallback;
  const failed = (error: unknown): T => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    connection.console.error(`${name} failed: ${detail}`);
    return fallback;
  };
  try {
    const result = handler();
    // An async feature (the build analysis reads the context) fails later, the same way.
    return (result instanceof Promise ? result.catch(failed) : result) as T;
  } catch (error) {
    return failed(error);
  }
}

/**
 * A request handler over the document's cached model: `feature` gets the model and the request;
 * a closed document, a cancelled request or an exception is answered with `fallback`.
 */
function withModel<P extends { textDocument: { uri: string } }, T>(
  name: string,
  fallback: T,
  feature: (model: DockerfileModel, params: P, uri: string) => T,
): (params: P, token: CancellationToken) => T {
  return (params, token) =>
    guard(name, token, fallback, () => {
      const document = documents.get(params.textDocument.uri);
      return document ? feature(modelOf(document), params, document.uri) : fallback;
    });
}

/** Dockerfiles larger than this are not read from disk for a build request (as the CLI caps them). */
const MAX_DOCKERFILE_BYTES = 8 * 1024 * 1024;

/**
 * A build request's handler over the model of `params.uri`: the open document's, or for a file
 * not open (a build started from the explorer) what is on disk now, read safely. A missing file,
 * a cancelled request or an exception is answered with `fallback`.
 */
function withFileModel<P extends { uri: string }, T>(name: string, fallback: T, feature: (model: DockerfileModel, params: P) => T): (params: P, token: CancellationToken) => Promise<T> {
  return async (params, token) => {
    const document = documents.get(params.uri);
    let model: DockerfileModel | undefined;
    if (document) model = modelOf(document);
    else if (typeof params.uri === 'string' && params.uri.startsWith('file:')) {
      try {
        const read = await readRegularFile(fileURLToPath(params.uri), MAX_DOCKERFILE_BYTES);
        if (read.kind === 'text') model = service.parse(read.text);
      } catch {
        // A file URI this platform has no path for (`file://host/...` on Linux): nothing to read.
      }
    }
    return model ? guard(name, token, fallback, () => feature(model, params)) : fallback;
  };
}

connection.onInitialize((params): InitializeResult => {
  const formats = params.capabilities.textDocument?.hover?.contentFormat;
  hoverFormat = formats && formats.length > 0 && !formats.includes(MarkupKind.Markdown) ? 'plaintext' : 'markdown';
  canPullSettings = params.capabilities.workspace?.configuration === true;
  snippetSupport = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
  canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  canFollowFolders = params.capabilities.workspace?.workspaceFolders === true;
  workspaceFolders = folderPaths(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []));
  if ((params.initializationOptions as StudioInitializationOptions | undefined)?.imageEnv === true) {
    imageEnvSource = new ImageEnvSource(
      (images) => connection.sendRequest<ImageEnvResult>(IMAGE_ENV_REQUEST, { images } satisfies ImageEnvParams),
      () => relintAll(),
    );
  }
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      documentSymbolProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      completionProvider: { triggerCharacters: [' ', '-', '=', '$', '{', ',', '#'] },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'dockerfile-studio' },
  };
});

connection.onHover(async (params, token) => {
  // A closed document has no hover: do not ask the client for its settings.
  if (!documents.get(params.textDocument.uri)) return null;
  const details = (await settingsFor(params.textDocument.uri)).hover.details;
  return withModel('hover', null, (model, { position }: TextDocumentPositionParams) => service.hover(model, position, { format: hoverFormat, details }))(params, token);
});
connection.onCompletion(withModel('completion', [], (model, { position }) => service.complete(model, position, { snippets: snippetSupport })));
connection.onDocumentSymbol(withModel('documentSymbol', [], service.documentSymbols));
connection.onDefinition(withModel('definition', null, (model, { position }, uri) => service.definition(model, position, uri)));
connection.onReferences(withModel('references', [], (model, { position, context }, uri) => service.references(model, position, uri, context.includeDeclaration)));
connection.onDocumentHighlight(withModel('documentHighlight', [], (model, { position }) => service.documentHighlights(model, position)));
// A refused rename is answered with an error the editor shows, not with an empty result.
connection.onPrepareRename(
  withModel('prepareRename', null, (model, { position }) => {
    const result = service.prepareRename(model, position);
    return result && 'error' in result ? new ResponseError(ErrorCodes.InvalidRequest, result.error) : result;
  }),
);
connection.onRenameRequest(
  withModel('rename', null, (model, { position, newName }, uri) => {
    const result = service.rename(model, position, uri, newName);
    return result && 'error' in result ? new ResponseError(ErrorCodes.InvalidRequest, result.error) : (result?.edit ?? null);
  }),
);
connection.onCodeAction(
  withModel('codeAction', [], (model, { context, range }, uri) => {
    const only = context.only;
    if (only && !only.some((kind) => kind === 'quickfix' || 'quickfix'.startsWith(`${kind}.`))) return [];
    return service.codeActions(model, context.diagnostics, range, uri);
  }),
);

connection.onRequest(BUILD_PLAN_REQUEST, withFileModel('buildPlan', null, (model, params: BuildPlanParams) => service.buildPlan(model, params.target ?? null, params.buildArgs ?? {})));
connection.onRequest(ANALYZE_BUILD_REQUEST, withFileModel('analyzeBuild', null, (model, params: AnalyzeBuildParams) => analyzeBuild(model, params)));
// Records come from the client's store (checked there); a malformed one ends in guard's null, not a crash.
connection.onRequest(COMPARE_BUILDS_REQUEST, (params: CompareBuildsParams, token: CancellationToken) =>
  guard('compareBuilds', token, null, (): BuildRecord => {
    const { current, baseline } = params;
    const causes = explainRebuilds(baseline, current.steps, { noCache: current.noCache });
    return { ...current, steps: current.steps.map((step, i) => ({ ...step, cause: causes[i] })) };
  }),
);
connection.onRequest(FORMAT_REPORT_REQUEST, (params: FormatReportParams, token: CancellationToken) =>
  guard('formatReport', token, null, () => (['text', 'json', 'markdown'].includes(params.format) ? formatReport(params.record, params.format) : null)),
);

// Opening publishes at once; edits are linted after a few quiet milliseconds (hover and
// completion never wait for it). Parsing happens lazily on the first request for a version.
documents.onDidOpen((event) => guard('open', undefined, undefined, () => diagnostics.publishNow(event.document.uri)));
documents.onDidChangeContent((event) => guard('change', undefined, undefined, () => diagnostics.schedule(event.document.uri)));
documents.onDidSave((event) => guard('save', undefined, undefined, () => diagnostics.refresh(event.document.uri)));
documents.onDidClose((event) => {
  service.forget(event.document.uri);
  diagnostics.close(event.document.uri);
  settingsCache.forget(event.document.uri);
  connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});
/** Lints every open document again (its settings or what it depends on changed). */
function relintAll(): void {
  for (const document of documents.all()) {
    diagnostics.refresh(document.uri);
    diagnostics.publishNow(document.uri);
  }
}

connection.onDidChangeConfiguration(() =>
  guard('configuration', undefined, undefined, () => {
    settingsCache.clear();
    relintAll();
  }),
);

// Config and ignore files are read once per document; watching them re-lints on a change.
connection.onInitialized(() => {
  if (canWatchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: PROJECT_FILE_GLOBS.map((globPattern) => ({ globPattern })) });
  if (!canFollowFolders) return;
  connection.workspace.onDidChangeWorkspaceFolders((event) => {
    const removed = new Set(folderPaths(event.removed));
    workspaceFolders = [...workspaceFolders.filter((folder) => !removed.has(folder)), ...folderPaths(event.added)];
    for (const document of documents.all()) {
      diagnostics.refresh(document.uri);
      diagnostics.publishNow(document.uri);
    }
  });
});
connection.onDidChangeWatchedFiles(({ changes }) =>
  guard('watchedFiles', undefined, undefined, () => diagnostics.projectFilesChanged(changes.map((change) => change.uri))),
);

documents.listen(connection);
connection.listen();
