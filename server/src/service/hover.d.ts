/**
 * Hover: finds what is under the cursor (keyword, flag, mount key, directive, variable, stage,
 * image, heredoc) and renders its documentation from data/ or its meaning from the model.
 */
import type { Hover, Position } from 'vscode-languageserver-types';
import type { DockerfileModel } from './model';
import { type MarkupFormat } from './markup';
/** How hovers are rendered. */
export interface HoverOptions {
    format: MarkupFormat;
    /** Long sections (cache, pitfalls, example); true by default. */
    details?: boolean;
}
/** The hover at a position, or null when there is nothing to explain there. */
export declare function doHover(model: DockerfileModel, position: Position, options: HoverOptions): Hover | null;
