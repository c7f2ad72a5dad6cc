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
import { codeActions } from './service/codeActions';
import type { CodeAction as LspCodeAction } from 'vscode-languageserver/node';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const models = new ModelCache();
let hoverFormat: 'markdown' | 'plaintext' = 'markdown';

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
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
    },
    serverInfo: { name: 'dockerfile-studio' },
  };
});

connection.onHover((params, token) =>
  guard('hover', token, null, () => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    return doHover(models.get(document), params.position, { format: hoverFormat });
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

// Parse as soon as a version arrives so the first request after an edit finds the model ready.
documents.onDidOpen((event) => guard('open', undefined, undefined, () => void models.get(event.document)));
documents.onDidChangeContent((event) => guard('change', undefined, undefined, () => void models.get(event.document)));
documents.onDidClose((event) => {
  models.delete(event.document.uri);
  connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

documents.listen(connection);
connection.listen();
