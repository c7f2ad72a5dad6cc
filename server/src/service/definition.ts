/**
 * Go to definition: from a variable reference to the ARG or ENV in effect there, and from a
 * stage reference (FROM <stage>, COPY --from, RUN --mount from=) to the stage's name, as the
 * reference index resolves them.
 */
import type { Location, Position } from 'vscode-languageserver-types';
import { referencesOf, type DockerfileModel } from './model';

/** Where the thing under the cursor is defined, or null. */
export function findDefinition(model: DockerfileModel, uri: string, position: Position): Location | null {
  const reference = referencesOf(model).referenceAt(position);
  if (!reference || reference.role !== 'use' || !reference.target) return null;
  const range = reference.target.nameRange;
  return range ? { uri, range } : null;
}
