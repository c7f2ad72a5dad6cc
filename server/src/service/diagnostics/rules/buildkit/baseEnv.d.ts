/**
 * What a stage inherits from its base image's config: the variable names BuildKit sees before
 * the stage's first instruction. From the local engine when the caller can ask it, else from
 * the table of official images (data/imageEnv.ts), else unknown.
 */
import type { DockerfileModel, ImageRefModel, StageModel } from '../../../model';
import type { ImageEnvLookup } from '../../types';
/** The root stage of a `FROM <stage>` chain (the one built from an image or scratch). */
export declare function rootStage(model: DockerfileModel, stage: StageModel): StageModel;
/** The table's key for a reference: Hub's `docker.io/` and `library/` dropped, tag and digest too. */
export declare function tableKey(ref: ImageRefModel): string;
/**
 * The names the stage's base image defines, or null when neither the engine nor the table
 * knows the image (the caller then guesses).
 */
export declare function baseEnvNames(model: DockerfileModel, stage: StageModel, lookup?: ImageEnvLookup): readonly string[] | null;
