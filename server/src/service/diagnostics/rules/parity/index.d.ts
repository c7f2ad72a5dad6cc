/** The parity rules (what `docker build` refuses), in the order they run. */
import type { Rule } from '../../types';
export declare const RULES: Rule[];
