/**
 * The practice rules, in the order they run: package-manager hygiene, images and file
 * instructions, commands, RUN as a whole, and cache advice. A rule with a hadolint equivalent names it in
 * `hadolint`.
 */
import type { Rule } from '../../types';
import { APT_RULES } from './apt';
import { RPM_RULES } from './rpm';
import { LANGUAGE_RULES } from './languages';
import { IMAGE_RULES } from './images';
import { COMMAND_RULES } from './commands';
import { RUN_RULES } from './runs';
import { CACHE_RULES } from './cache';
import { cacheMountForInstalls } from './cacheMounts';

export const RULES: Rule[] = [...APT_RULES, ...RPM_RULES, ...LANGUAGE_RULES, ...IMAGE_RULES, ...COMMAND_RULES, ...RUN_RULES, ...CACHE_RULES, cacheMountForInstalls];
