import type { Rule } from '../../types';
/** True when the text is a valid image reference (`name[:tag][@digest]`). */
export declare function isValidImageReference(text: string): boolean;
export declare const invalidStageName: Rule;
export declare const copyFromOwnStage: Rule;
export declare const copyFromUndefinedStage: Rule;
export declare const invalidImageReference: Rule;
/** The rules of this file, in run order. */
export declare const STAGE_RULES: Rule[];
