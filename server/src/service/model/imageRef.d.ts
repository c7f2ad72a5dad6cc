/**
 * Image references (`registry/repository:tag@digest`) split the way Docker's reference
 * grammar does: the first path component is a registry only when it looks like a host.
 */
import type { ImageRefModel } from './types';
import type { Range } from 'vscode-languageserver-types';
/** Splits an image reference; `range` is where the text sits in the document. */
export declare function parseImageRef(text: string, range: Range): ImageRefModel;
/** The registry a reference pulls from, naming Docker Hub's default explicitly. */
export declare function effectiveRegistry(ref: ImageRefModel): string;
/** The full repository path as the registry knows it (`library/` added for Hub official images). */
export declare function canonicalRepository(ref: ImageRefModel): string;
