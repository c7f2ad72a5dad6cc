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
  type CancellationToken,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ModelCache } from './documents';
import { doHover } from './service/hover';
import { doComplete } from './service/completion';
import { documentSymbols } from './service/symbols';
import { findDefinition } from './service/definition';
import { codeActions } from './service/codeActions';
import type { CodeAction as LspCodeAction, Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { DEFAULT_SETTINGS, normalizeSettings, type StudioSettings } from './protocol';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const models = new ModelCache();
let hoverFormat: 'markdown' | 'plaintext' = 'markdown';
let snippetSupport = false;
let canPullSettings = false;
// Settings per document, pulled once and dropped when the configuration changes.
const settingsCache = new Map<string, Promise<StudioSettings>>();

function settingsFor(uri: string): Promise<StudioSettings> {
  if (!canPullSettings) return Promise.resolve(DEFAULT_SETTINGS);
  let settings = settingsCache.get(uri);
  if (!settings) {
    settings = connection.workspace.getConfiguration({ scopeUri: uri, section: 'dockerfileStudio' }).then(normalizeSettings, () => DEFAULT_SETTINGS);
    settingsCache.set(uri, settings);
  }
  return settings;
}

const diagnostics = new DiagnosticsPublisher({
  document: (uri) => documents.get(uri),
  model: (document) => models.get(document),
  settings: settingsFor,
  // The protocol package pins an older vscode-languageserver-types; our messages are plain strings.
  send: (uri, version, list) => void connection.sendDiagnostics({ uri, version, diagnostics: list as LspDiagnostic[] }),
  log: (message) => connection.console.error(message),
});

/** Runs a handler; an exception is logged and answered with `fallback`, a cancelled request too. */
function guard<T>(name: string, token: CancellationToken | undefined, fallback: T, handler: () => T): T {
  if (token?.isCancellationRequested) return fallback;
  try {
    return handler();
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    connection.console.error(`${name} failed: ${detail}`);
    return fallback;
  }
}

connection.onInitialize((params): InitializeResult => {
  const formats = params.capabilities.textDocument?.hover?.contentFormat;
  hoverFormat = formats && formats.length > 0 && !formats.includes(MarkupKind.Markdown) ? 'plaintext' : 'markdown';
  canPullSettings = params.capabilities.workspace?.configuration === true;
  snippetSupport = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      documentSymbolProvider: true,
      definitionProvider: true,
      completionProvider: { triggerCharacters: [' ', '-', '=', '$', '{', ',', '#'] },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
    },
    serverInfo: { name: 'dockerfile-studio' },
  };
});

connection.onHover(async (params, token) => {
  const details = (await settingsFor(params.textDocument.uri)).hover.details;
  return guard('hover', token, null, () => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    return doHover(models.get(document), params.position, { format: hoverFormat, details });
  });
});

connection.onCompletion((params, token) =>
  guard('completion', token, [], () => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    return doComplete(models.get(document), params.position, { snippets: snippetSupport });
  }),
);

connection.onDocumentSymbol((params, token) =>
  guard('documentSymbol', token, [], () => {
    const document = documents.get(params.textDocument.uri);
    return document ? documentSymbols(models.get(document)) : [];
  }),
);

connection.onDefinition((params, token) =>
  guard('definition', token, null, () => {
    const document = documents.get(params.textDocument.uri);
    return document ? findDefinition(models.get(document), document.uri, params.position) : null;
  }),
);

connection.onCodeAction((params, token) =>
  guard('codeAction', token, [], () => {
    const document = documents.get(params.textDocument.uri);
    const only = params.context.only;
    if (!document || (only && !only.some((kind) => kind === 'quickfix' || 'quickfix'.startsWith(`${kind}.`)))) return [];
    // The protocol package pins an older vscode-languageserver-types; the shapes we send are the same.
    return codeActions(models.get(document), params.context.diagnostics, params.range, document.uri) as LspCodeAction[];
  }),
);

// Opening publishes at once; edits are linted after a few quiet milliseconds (hover and
// completion never wait for it). Parsing happens lazily on the first request for a version.
documents.onDidOpen((event) => guard('open', undefined, undefined, () => diagnostics.publishNow(event.document.uri)));
documents.onDidChangeContent((event) => guard('change', undefined, undefined, () => diagnostics.schedule(event.document.uri)));
documents.onDidSave((event) => guard('save', undefined, undefined, () => diagnostics.refresh(event.document.uri)));
documents.onDidClose((event) => {
  models.delete(event.document.uri);
  diagnostics.close(event.document.uri);
  settingsCache.delete(event.document.uri);
  connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});
connection.onDidChangeConfiguration(() =>
  guard('configuration', undefined, undefined, () => {
    settingsCache.clear();
    for (const document of documents.all()) {
      diagnostics.refresh(document.uri);
      diagnostics.publishNow(document.uri);
    }
  }),
);

documents.listen(connection);
connection.listen();
