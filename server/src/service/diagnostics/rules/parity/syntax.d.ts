import type { Rule } from '../../types';
export declare const invalidEscapeDirective: Rule;
export declare const invalidJsonExecForm: Rule;
export declare const unterminatedHeredoc: Rule;
export declare const unterminatedQuote: Rule;
export declare const unsupportedSubstitution: Rule;
/** Splits `[ip:][hostPort:]port[/proto]` into the container port and the protocol. */
export declare function splitPortSpec(spec: string): {
    hostPart: string | null;
    port: string;
    proto: string | null;
};
export declare const invalidPort: Rule;
/** The rules of this file, in run order. */
export declare const SYNTAX_RULES: Rule[];
