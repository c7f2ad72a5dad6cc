/** The parity rules (what `docker build` refuses), in the order they run. */
import type { Rule } from '../../types';
import { FLAG_RULES } from './flags';
import { INSTRUCTION_RULES } from './instructions';
import { MOUNT_RULES } from './mounts';
import { STAGE_RULES } from './stages';
import { SYNTAX_RULES } from './syntax';

export const RULES: Rule[] = [...INSTRUCTION_RULES, ...FLAG_RULES, ...MOUNT_RULES, ...STAGE_RULES, ...SYNTAX_RULES];
