/**
 * The rule registry: every rule, by area. Builder parity (what `docker build` rejects),
 * BuildKit's build checks, and best practices.
 */
import type { Rule } from '../types';
/** All rules, parity first. */
export declare const ALL_RULES: readonly Rule[];
/** A rule by id (case-insensitive), or undefined. */
export declare function getRule(id: string): Rule | undefined;
