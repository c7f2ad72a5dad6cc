import type { Rule } from '../../types';
export declare const unknownInstruction: Rule;
export declare const missingArguments: Rule;
export declare const tooManyArguments: Rule;
export declare const invalidHealthcheck: Rule;
export declare const noFrom: Rule;
export declare const instructionBeforeFrom: Rule;
export declare const onbuildChaining: Rule;
export declare const invalidKeyValue: Rule;
/** The rules of this file, in run order. */
export declare const INSTRUCTION_RULES: Rule[];
