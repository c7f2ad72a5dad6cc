/** BuildKit's 22 build checks, with BuildKit's names as ids, in the order they run. */
import type { Rule } from '../../types';
export declare const RULES: Rule[];
