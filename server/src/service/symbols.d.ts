/**
 * Document symbols (the Outline): global ARGs, then one symbol per stage with its ARG and ENV
 * definitions inside.
 */
import { type DocumentSymbol } from 'vscode-languageserver-types';
import type { DockerfileModel } from './model';
/** The outline of a Dockerfile. */
export declare function documentSymbols(model: DockerfileModel): DocumentSymbol[];
