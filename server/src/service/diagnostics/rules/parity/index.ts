/** The parity rules, in the order they run. */
import type { Rule } from '../../types';

export const RULES: Rule[] = [];
