/**
 * Edit helpers shared by the tests that check a whole document after an edit (code actions,
 * formatting, rename): edits are applied the way an editor applies them.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';

/** Applies LSP text edits (non-overlapping, any order) to a text and returns the result. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///test/Dockerfile', 'dockerfile', 1, text), [...edits]);
}

/** The edits a code action makes to one document (its `edit.changes[uri]`). */
export function actionEdits(action: CodeAction, uri: string): TextEdit[] {
  return action.edit?.changes?.[uri] ?? [];
}
