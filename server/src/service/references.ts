/**
 * Find references and document highlight over the reference index: the occurrences of the stage
 * or variable under the cursor, whether the cursor is on its definition or on a use.
 */
import { DocumentHighlightKind, type DocumentHighlight, type Location, type Position } from 'vscode-languageserver-types';
import { referencesOf, type DockerfileModel } from './model';

/** Every occurrence of the symbol under the cursor, in document order; definitions when `includeDeclaration`. */
export function findReferences(model: DockerfileModel, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const index = referencesOf(model);
  const symbol = index.symbolAt(position);
  if (!symbol) return [];
  return index.referencesTo(symbol, { includeDeclaration }).map((r) => ({ uri, range: r.range }));
}

/** The occurrences of the symbol under the cursor: definitions as writes, uses as reads. */
export function documentHighlights(model: DockerfileModel, position: Position): DocumentHighlight[] {
  const index = referencesOf(model);
  const symbol = index.symbolAt(position);
  if (!symbol) return [];
  return index.referencesTo(symbol, { includeDeclaration: true }).map((r) => ({
    range: r.range,
    kind: r.role === 'definition' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}
