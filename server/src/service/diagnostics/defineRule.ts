/**
 * The one way to define a rule: its facts, its structured docs and its check, in one object.
 * The docs URL follows from the facts unless given: BuildKit's page for its checks, hadolint's
 * wiki page for a mapped practice rule, Docker's best-practices guide otherwise.
 */
import type { Rule, RuleDocs, RuleSeverity } from './types';

/** Everything a rule is made of; see `Rule` for the meaning of each check field. */
export interface RuleSpec {
  /** BuildKit's check name for its checks, else kebab-case; `Diagnostic.code` and the settings key. */
  id: string;
  title: string;
  /** The default severity. */
  severity: RuleSeverity;
  docs: RuleDocs;
  /** The docs URL, when neither `buildkit` nor `hadolint` gives the right one (builder rules). */
  url?: string;
  /** hadolint codes this rule covers: their `# hadolint ignore=` pragmas silence it too. */
  hadolint?: string[];
  /** Marks one of BuildKit's build checks (`# check=skip=` turns it off), with its docs page slug. */
  buildkit?: { slug: string };
  /** Off unless `# check=experimental=<id>` (or all) turns it on, or a severity is set for it. */
  experimental?: boolean;
  check?: Rule['check'];
  checkInstruction?: Rule['checkInstruction'];
  contextKey?: Rule['contextKey'];
  instructionContextKey?: Rule['instructionContextKey'];
}

const BEST_PRACTICES = 'https://docs.docker.com/build/building/best-practices/';

/** BuildKit's docs page of a check, from its kebab-case slug. */
export function checkUrl(slug: string): string {
  return `https://docs.docker.com/go/dockerfile/rule/${slug}/`;
}

/** Makes a rule from its spec; a spec without a check is a programming error and throws at load. */
export function defineRule(spec: RuleSpec): Rule {
  if (!spec.check && !spec.checkInstruction) throw new Error(`rule ${spec.id} has neither check nor checkInstruction`);
  const codes = spec.hadolint ?? [];
  const url =
    spec.url ??
    (spec.buildkit ? checkUrl(spec.buildkit.slug) : codes.length > 0 ? `https://github.com/hadolint/hadolint/wiki/${codes[0]}` : BEST_PRACTICES);
  return { ...spec, url };
}
