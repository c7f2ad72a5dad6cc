/**
 * SARIF 2.1.0 output, the format code-scanning services (GitHub, Azure DevOps) import:
 * every rule of the registry as `tool.driver.rules` and one result per finding.
 */
import { renderRuleDocs, type Rule, type RuleSeverity } from '../service';
import { escapedJson, type Finding, type SeverityName } from './format';

const LEVELS: Record<SeverityName | RuleSeverity, string> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
  off: 'none',
};

/** A file path as a SARIF artifact URI: relative paths stay relative, absolute ones become file URIs. */
export function artifactUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const encoded = slashed
    .split('/')
    .map((segment) => (/^[a-zA-Z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
  if (slashed.startsWith('/')) return `file://${encoded}`;
  if (/^[a-zA-Z]:\//.test(slashed)) return `file:///${encoded}`;
  return encoded.replace(/^(\.\/)+/, '');
}

/** The SARIF log of one run. */
export function formatSarif(findings: readonly Finding[], rules: readonly Rule[], version: string): string {
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dockerfile-studio',
            version,
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.title },
              help: { text: renderRuleDocs(rule, 'plaintext'), markdown: renderRuleDocs(rule, 'markdown') },
              helpUri: rule.url,
              defaultConfiguration: { level: LEVELS[rule.severity], enabled: rule.severity !== 'off' },
              properties: { tags: [rule.buildkit ? 'buildkit' : 'dockerfile', ...(rule.hadolint ?? [])] },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
          level: LEVELS[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(f.file) },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return escapedJson(log);
}
