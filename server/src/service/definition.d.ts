/**
 * Go to definition: from a variable reference to the ARG or ENV that defines it there, and from
 * a stage reference (FROM <stage>, COPY --from, RUN --mount from=) to the stage's name.
 */
import type { Location, Position } from 'vscode-languageserver-types';
import type { DockerfileModel } from './model';
/** Where the thing under the cursor is defined, or null. */
export declare function findDefinition(model: DockerfileModel, uri: string, position: Position): Location | null;
