import type { VariableRefModel } from './types';
/**
 * Finds the references in `text`, whose first character sits at (line, character). The escape
 * character makes the next character literal (`\$HOME` is not a reference); comment lines inside
 * a continuation are skipped as BuildKit skips them.
 */
export declare function scanVariableRefs(text: string, line: number, character: number, escapeChar: string): VariableRefModel[];
