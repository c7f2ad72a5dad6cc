/**
 * What the editor should show, computed by the pure service from the same text: the integration
 * tests compare VS Code's answer with it whole, so they check the wiring (client, server, LSP)
 * end to end without copying documentation text into the tests.
 */
import type * as vscode from 'vscode';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionItem, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { codeActions } from '../../../server/src/service/codeActions';
import { doComplete } from '../../../server/src/service/completion';
import { getInstruction } from '../../../server/src/service/data';
import { lint } from '../../../server/src/service/diagnostics/engine';
import type { RuleSeverity } from '../../../server/src/service/diagnostics/types';
import { doHover } from '../../../server/src/service/hover';
import { buildModel } from '../../../server/src/service/model';

/** The hover markdown the language server computes for this document and position. */
export function expectedHover(document: vscode.TextDocument, position: vscode.Position): string {
  const hover = doHover(buildModel(document.getText()), { line: position.line, character: position.character }, { format: 'markdown' });
  if (!hover) throw new Error(`the service has no hover at ${document.uri.path}:${position.line + 1}:${position.character + 1}`);
  const contents = hover.contents;
  if (typeof contents === 'object' && 'kind' in contents) return contents.value;
  throw new Error('the service returned hover contents that are not MarkupContent');
}

/** The one-sentence summary the data module holds for an instruction. */
export function instructionSummary(keyword: string): string {
  const data = getInstruction(keyword);
  if (!data) throw new Error(`no data for instruction ${keyword}`);
  return data.summary;
}

const SEVERITY_NAMES: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** The service's diagnostics for a text, as `L:C-L:C severity code message [source] href` lines (see helpers.diagnosticLines). */
export function expectedDiagnostics(text: string, severities: Record<string, RuleSeverity> = {}): string[] {
  return lint(buildModel(text), { severities }).map((d) => {
    const code = d.codeDescription ? `${String(d.code)} ${d.codeDescription.href}` : String(d.code);
    const { start, end } = d.range;
    return `${start.line}:${start.character}-${end.line}:${end.character} ${SEVERITY_NAMES[d.severity ?? 1]} ${code} ${d.message} [${d.source}]`;
  });
}

/** The service's diagnostics for a text (LSP objects). */
export function serviceDiagnostics(text: string): Diagnostic[] {
  return lint(buildModel(text));
}

/** The service's code actions for the diagnostics touching `range`, in its order. */
export function expectedCodeActions(text: string, range: Range, uri: string): CodeAction[] {
  return codeActions(buildModel(text), lint(buildModel(text)), range, uri);
}

/** The text after applying the edits of one document (LSP TextEdits). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///expected', 'dockerfile', 1, text), edits);
}

/**
 * The service's completion items at a position, as `label kind` lines (LSP kinds, 1-based), in the
 * order VS Code lists them: by sortText (the label when there is none), then by label.
 */
export function expectedCompletion(text: string, line: number, character: number): string[] {
  const key = (item: CompletionItem) => (item.sortText ?? item.label).toLowerCase();
  return doComplete(buildModel(text), { line, character }, { snippets: true })
    .sort((a, b) => key(a).localeCompare(key(b)) || a.label.localeCompare(b.label))
    .map((item) => `${item.label} ${item.kind}`);
}
