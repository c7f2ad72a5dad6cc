import type { DockerfileModel } from './types';
/**
 * Parses the text into the semantic model. Never throws on any input. With `previous` (the
 * model of the version before an edit), only the instructions around the edit are parsed again.
 */
export declare function buildModel(text: string, previous?: DockerfileModel): DockerfileModel;
