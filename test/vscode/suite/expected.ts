/**
 * What the editor should show, computed by the pure service from the same text: the integration
 * tests compare VS Code's answer with it whole, so they check the wiring (client, server, LSP)
 * end to end without copying documentation text into the tests.
 */
import type * as vscode from 'vscode';
import { getInstruction } from '../../../server/src/service/data';
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
