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
export function ruleNotes(rule: Rule): string[] {
  const notes = rule.docs.notes ? [rule.docs.notes] : [];
  const codes = rule.hadolint ?? [];
  notes.push(
    codes.length > 0
      ? `Equivalent hadolint check: ${codes.join(', ')}. hadolint's pragmas silence this rule too: \`# hadolint ignore=${codes[0]}\` on the line right above the instruction, \`# hadolint global ignore=${codes[0]}\` anywhere for the file.`
      : 'No hadolint equivalent.',
  );
  if (rule.buildkit) {
    notes.push(`This is BuildKit's \`${rule.id}\` build check (\`docker build --check\` reports it); \`# check=skip=${rule.id}\` turns it off.`);
  }
  return notes;
}

/** Writes a rule's docs page into the writer, always in the same order. */
export function writeRuleDocs(writer: MarkupWriter, rule: Rule, options: RuleDocsOptions = {}): MarkupWriter {
  const docs = rule.docs;
  if (options.heading ?? true) writer.heading(`${rule.id}: ${rule.title}`);
  writer.paragraph(docs.catches);
  writer.heading('Why it matters').paragraph(docs.why);
  if (!(options.details ?? true)) return writer;
  writer.heading('Problem');
  if (docs.dockerignore) writer.paragraph('With this `.dockerignore`:').code(docs.dockerignore.bad, 'text').paragraph('this Dockerfile:');
  writer.code(docs.bad);
  writer.heading('Fixed');
  if (docs.dockerignore) writer.paragraph('With this `.dockerignore`:').code(docs.dockerignore.good, 'text').paragraph('this Dockerfile:');
  writer.code(docs.good);
  if (docs.buildOutput) writer.heading('What docker build prints').code(docs.buildOutput, 'text');
  writer.heading('Notes');
  for (const note of ruleNotes(rule)) writer.paragraph(note);
  return writer;
}

/** A rule's whole docs page as a string in the given format. */
export function renderRuleDocs(rule: Rule, format: MarkupFormat, options?: RuleDocsOptions): string {
  return writeRuleDocs(new MarkupWriter(format), rule, options).toString();
}
