import type { Rule } from '../../types';
export declare const undefinedVar: Rule;
/** True when an ARG or ENV name looks like it carries a secret. */
export declare function isSecretName(name: string): boolean;
export declare const secretsUsedInArgOrEnv: Rule;
/** The rules of this file, in run order. */
export declare const VARIABLE_CHECKS: Rule[];
