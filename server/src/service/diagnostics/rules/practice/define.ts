/**
 * How a practice rule is written: its facts, a docs page rendered from a few parts (why, a bad
 * and a good example, the hadolint mapping and our deliberate differences), and quick fixes
 * computed while checking and carried in `Diagnostic.data`, so the fix needs no second analysis.
 */
import type { Diagnostic, Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { Rule, RuleContext, RuleFix, RuleSeverity } from '../../types';
import type { ShellWord } from '../../../shell';

/** The parts of a rule's docs page. */
export interface PracticeDocs {
  why: string;
  bad: string;
  good: string;
  /** What we do differently from hadolint, on purpose. */
  differences?: string;
}

/** A practice rule before its docs are rendered. */
export interface PracticeRuleSpec {
  id: string;
  title: string;
  defaultSeverity: RuleSeverity;
  hadolint?: string[];
  docs: PracticeDocs;
  /** Whole-model check; or, for a rule that reads only one RUN, `checkInstruction` (cached per instruction). */
  check?(context: RuleContext): void;
  checkInstruction?: Rule['checkInstruction'];
}

const BEST_PRACTICES = 'https://docs.docker.com/build/building/best-practices/';

/** Builds a rule: renders its docs, links hadolint's page when mapped, and reads fixes from data. */
export function practiceRule(spec: PracticeRuleSpec): Rule {
  const codes = spec.hadolint ?? [];
  const mapping =
    codes.length > 0
      ? `Equivalent hadolint check: ${codes.join(', ')}; \`# hadolint ignore=${codes[0]}\` silences this rule too.`
      : 'No hadolint equivalent.';
  const docs = [
    `# ${spec.id}: ${spec.title}`,
    '',
    spec.docs.why,
    '',
    '## Bad',
    '',
    '```dockerfile',
    spec.docs.bad,
    '```',
    '',
    '## Good',
    '',
    '```dockerfile',
    spec.docs.good,
    '```',
    '',
    '## hadolint',
    '',
    mapping,
    ...(spec.docs.differences ? ['', `Deliberate differences: ${spec.docs.differences}`] : []),
    '',
  ].join('\n');
  return {
    id: spec.id,
    title: spec.title,
    defaultSeverity: spec.defaultSeverity,
    hadolint: spec.hadolint,
    docs,
    url: codes.length > 0 ? `https://github.com/hadolint/hadolint/wiki/${codes[0]}` : BEST_PRACTICES,
    check: spec.check,
    checkInstruction: spec.checkInstruction,
    fix: fixFromData,
  };
}

/** The fixes a finding carries in `data.fixes`. */
function fixFromData(diagnostic: Diagnostic): RuleFix[] {
  const data = diagnostic.data as { fixes?: RuleFix[] } | undefined;
  return Array.isArray(data?.fixes) ? data.fixes : [];
}

/** The `extra` of a finding that carries one preferred fix. */
export function withFix(title: string, edits: TextEdit[]): { data: { fixes: RuleFix[] } } {
  return { data: { fixes: [{ title, edits, preferred: true }] } };
}

/** An edit inserting text at a position. */
export function insertAt(position: Position, text: string): TextEdit {
  return { range: { start: position, end: position }, newText: text };
}

/** The document range of a shell word, through its script's mapping. */
export function wordRange(rangeOf: (start: number, end: number) => Range, word: ShellWord): Range {
  return rangeOf(word.start, word.end);
}
