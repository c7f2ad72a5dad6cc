/**
 * The rule registry: every rule, by area. Builder parity (what `docker build` rejects),
 * BuildKit's build checks, and best practices.
 */
import type { Rule } from '../types';
import { RULES as PARITY } from './parity';
import { RULES as BUILDKIT } from './buildkit';
import { RULES as PRACTICE } from './practice';

/** All rules, parity first. */
export const ALL_RULES: readonly Rule[] = [...PARITY, ...BUILDKIT, ...PRACTICE];

const BY_ID = new Map(ALL_RULES.map((rule) => [rule.id.toLowerCase(), rule]));

/** A rule by id (case-insensitive), or undefined. */
export function getRule(id: string): Rule | undefined {
  return BY_ID.get(id.toLowerCase());
}
