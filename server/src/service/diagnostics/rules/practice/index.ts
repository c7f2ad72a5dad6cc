/**
 * The practice rules, in the order they run: package-manager hygiene, images and file
 * instructions, commands, and RUN as a whole. Each names its hadolint equivalent in `hadolint`.
 */
import type { Rule } from '../../types';
import { APT_RULES } from './apt';
import { RPM_RULES } from './rpm';
import { LANGUAGE_RULES } from './languages';
import { IMAGE_RULES } from './images';
import { COMMAND_RULES } from './commands';
import { RUN_RULES } from './runs';

export const RULES: Rule[] = [...APT_RULES, ...RPM_RULES, ...LANGUAGE_RULES, ...IMAGE_RULES, ...COMMAND_RULES, ...RUN_RULES];
