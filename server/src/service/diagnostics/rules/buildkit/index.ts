/** BuildKit's 22 build checks, with BuildKit's names as ids, in the order they run. */
import type { Rule } from '../../types';
import { CASING_RULES } from './casing';
import { CONTEXT_CHECKS } from './context';
import { INSTRUCTION_CHECKS } from './instructions';
import { STAGE_CHECKS } from './stages';
import { VARIABLE_CHECKS } from './variables';

export const RULES: Rule[] = [...CASING_RULES, ...STAGE_CHECKS, ...INSTRUCTION_CHECKS, ...VARIABLE_CHECKS, ...CONTEXT_CHECKS];
