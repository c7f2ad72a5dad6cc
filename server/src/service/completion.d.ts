/**
 * Completion: what makes sense at the cursor, read from the data module and the model.
 * Keywords at the start of a line (with their snippet), ONBUILD triggers, parser directives and
 * their values, flags of the instruction, flag values (enums, stages, platforms, --mount types
 * and keys), variables visible at that line, and FROM's stage names and `AS`.
 */
import { type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { DockerfileModel } from './model';
/** What the client can show. */
export interface CompletionOptions {
    /** The client accepts snippet syntax in insert texts. */
    snippets: boolean;
}
/** The completion items at a position. */
export declare function doComplete(model: DockerfileModel, position: Position, options: CompletionOptions): CompletionItem[];
