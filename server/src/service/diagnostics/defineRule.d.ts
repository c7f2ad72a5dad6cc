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
    buildkit?: {
        slug: string;
    };
    /** Off unless `# check=experimental=<id>` (or all) turns it on, or a severity is set for it. */
    experimental?: boolean;
    check?: Rule['check'];
    checkInstruction?: Rule['checkInstruction'];
    contextKey?: Rule['contextKey'];
    instructionContextKey?: Rule['instructionContextKey'];
}
/** BuildKit's docs page of a check, from its kebab-case slug. */
export declare function checkUrl(slug: string): string;
/** Makes a rule from its spec; a spec without a check is a programming error and throws at load. */
export declare function defineRule(spec: RuleSpec): Rule;
