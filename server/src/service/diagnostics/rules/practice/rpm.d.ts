/**
 * Package hygiene for yum, dnf/microdnf, zypper and apk: answer prompts, pin versions, and leave
 * no package cache in the layer (a BuildKit cache mount on the cache directory does that too).
 */
import type { Rule, RuleSeverity } from '../../types';
import { type Invocation } from './packages';
/** What a "clean the cache" rule needs to know. */
export interface CacheRuleSpec {
    id: string;
    what: string;
    hadolint: string;
    severity: RuleSeverity;
    dirs: string[];
    bad: string;
    good: string;
    cleanup: string;
    matches(invocation: Invocation): boolean;
    /** True for a later command of the same RUN that removes the cache. */
    cleans(command: {
        name: string;
        args: {
            value: string;
        }[];
    }): boolean;
    /** Other ways the cache is already avoided for this call. */
    avoided?(invocation: Invocation): boolean;
}
/** A rule that wants a package cache deleted in the same RUN, or kept out by a cache mount. */
export declare function cacheRule(spec: CacheRuleSpec): Rule;
export declare const zypperDistUpgrade: Rule;
export declare const RPM_RULES: Rule[];
