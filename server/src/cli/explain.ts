/**
 * `dockerfile-studio explain <rule>` and `rules`: a rule's docs as plain text, the rule list,
 * and a "did you mean" for a misspelt id. Pure.
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

/** Edit distance (insert, delete, substitute), case-insensitive. */
export function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length];
}

/** The closest id within a third of its length (at least 2 edits), or null. */
export function suggest(input: string, ids: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const id of ids) {
    const d = distance(input, id);
    if (d < bestDistance) {
      best = id;
      bestDistance = d;
    }
  }
  if (best === null) return null;
  return bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}
