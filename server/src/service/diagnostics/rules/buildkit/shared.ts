/** Shared pieces of BuildKit's build checks: the rule factory and docs links. */
import type { Rule } from '../../types';
import { docs, type DocsParts } from '../../ruleKit';

/** BuildKit's docs page of a check, from its kebab-case slug. */
export function checkUrl(slug: string): string {
  return `https://docs.docker.com/go/dockerfile/rule/${slug}/`;
}

/** A BuildKit check: warning by default, BuildKit's id and docs URL. */
export function buildkitRule(
  id: string,
  slug: string,
  title: string,
  parts: DocsParts,
  rest: Partial<Pick<Rule, 'check' | 'checkInstruction' | 'contextKey' | 'instructionContextKey' | 'fix' | 'experimental' | 'hadolint'>>,
): Rule {
  const notes = [`This is BuildKit's \`${id}\` build check (\`docker build --check\` reports it); \`# check=skip=${id}\` turns it off.`];
  if (parts.notes) notes.unshift(parts.notes);
  return {
    id,
    title,
    defaultSeverity: 'warning',
    url: checkUrl(slug),
    buildkit: true,
    docs: docs(`${id}: ${title}`, { ...parts, notes: notes.join('\n\n') }),
    ...rest,
  };
}
