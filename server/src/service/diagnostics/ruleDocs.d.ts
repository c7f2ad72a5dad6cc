/**
 * The one renderer of a rule's docs: `explain` (plain text), the hover on a name in
 * `# check=skip=` (catches and why only) and SARIF help (markdown and text) all call it, so a
 * docs page has one layout whatever shows it.
 */
import { MarkupWriter, type MarkupFormat } from '../markup';
import type { Rule } from './types';
/** What of the page to write. */
export interface RuleDocsOptions {
    /** The `<id>: <title>` heading; off where the caller prints its own. Default true. */
    heading?: boolean;
    /** Everything after "Why it matters": examples, build output, notes. Default true. */
    details?: boolean;
}
/** The notes paragraphs: the rule's own, then the hadolint mapping, then the BuildKit check note. */
export declare function ruleNotes(rule: Rule): string[];
/** Writes a rule's docs page into the writer, always in the same order. */
export declare function writeRuleDocs(writer: MarkupWriter, rule: Rule, options?: RuleDocsOptions): MarkupWriter;
/** A rule's whole docs page as a string in the given format. */
export declare function renderRuleDocs(rule: Rule, format: MarkupFormat, options?: RuleDocsOptions): string;
