/**
 * `dockerfile-studio explain <rule>` and `rules`: a rule's docs as plain text and the rule
 * list. Pure. (A misspelt id gets the service's one "did you mean", `closest`.)
 */
import { renderRuleDocs, type Rule } from '../service';

/** A rule's docs page: id, title, default severity, url, hadolint codes, then the docs as plain text. */
export function explainRule(rule: Rule): string {
  const lines = [
    `${rule.id}: ${rule.title}`,
    '',
    `default severity: ${rule.severity}${rule.experimental ? ' (experimental: on only with # check=experimental=)' : ''}`,
    `kind: ${rule.buildkit ? 'BuildKit build check (# check=skip= turns it off)' : 'dockerfile-studio rule'}`,
    `hadolint: ${rule.hadolint && rule.hadolint.length > 0 ? rule.hadolint.join(', ') : 'none'}`,
    `docs: ${rule.url}`,
    '',
    renderRuleDocs(rule, 'plaintext', { heading: false }),
  ];
  return `${lines.join('\n')}\n`;
}

/** One line per rule: id, default severity, title; aligned. */
export function listRules(rules: readonly Rule[]): string {
  const width = Math.max(0, ...rules.map((r) => r.id.length));
  return rules.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.title}\n`).join('');
}
