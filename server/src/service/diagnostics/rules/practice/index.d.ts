/**
 * The practice rules, in the order they run: package-manager hygiene, images and file
 * instructions, commands, and RUN as a whole. Each names its hadolint equivalent in `hadolint`.
 */
import type { Rule } from '../../types';
export declare const RULES: Rule[];
