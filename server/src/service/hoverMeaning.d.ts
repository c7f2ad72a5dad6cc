/**
 * Hovers that explain what something means in this Dockerfile, from the model: a variable's
 * value and origin, a stage's base and users, an image reference's parts, a heredoc's body.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { DockerfileModel, InstructionModel } from './model';
import type { MarkupWriter } from './markup';
/** Hover on `$X`, `${X}`, `${X:-default}` or on the name an ARG/ENV defines. */
export declare function variableHover(model: DockerfileModel, instruction: InstructionModel, position: Position, writer: MarkupWriter): Range | null;
/** Hover on a stage name: after AS, in FROM <stage>, COPY --from=<stage> or --mount from=<stage>. */
export declare function stageHover(model: DockerfileModel, instruction: InstructionModel, position: Position, writer: MarkupWriter): Range | null;
/** Hover on the image of a FROM (or a COPY --from that names an image, not a stage). */
export declare function imageHover(model: DockerfileModel, instruction: InstructionModel, position: Position, writer: MarkupWriter): Range | null;
/** Hover on a heredoc's `<<EOF` marker or its closing line. */
export declare function heredocHover(instruction: InstructionModel, position: Position, writer: MarkupWriter): Range | null;
