/**
 * The output formats of `dockerfile-studio lint`: one finding per line as text, a JSON array,
 * GitHub Actions workflow commands, and SARIF 2.1.0 (in sarif.ts). Pure: findings in, text out.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { showControls, type RuleSeverity } from '../service';

/** A severity as people read it: a rule severity a finding can have. */
export type SeverityName = Exclude<RuleSeverity, 'off'>;

/** One diagnostic of one file, with 1-based positions (`endColumn` points after the last character). */
export interface Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: SeverityName;
  rule: string;
  message: string;
  url: string;
}

const SEVERITY_NAMES: Record<number, SeverityName> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** Rank of a severity name: error 1 (most severe) to hint 4, as in LSP. */
export const SEVERITY_RANK: Record<SeverityName, number> = { error: 1, warning: 2, info: 3, hint: 4 };

/** Turns one file's LSP diagnostics into findings. */
export function toFindings(file: string, diagnostics: readonly Diagnostic[]): Finding[] {
  return diagnostics.map((d) => ({
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: SEVERITY_NAMES[d.severity ?? 1] ?? 'error',
    rule: typeof d.code === 'string' || typeof d.code === 'number' ? String(d.code) : '',
    message: d.message,
    url: d.codeDescription?.href ?? '',
  }));
}

// A message spans one output line; a rule message with a line break would break the format.
const oneLine = (text: string): string => text.replace(/\r\n?|\n/g, ' ');

/**
 * `path:line:col severity rule message`, one line per finding. File names and messages come from
 * the repository: escape sequences, a carriage return or a bidirectional override in them would
 * recolour, rewrite or reorder the terminal's line, so control characters are shown as escapes.
 */
export function formatText(findings: readonly Finding[]): string {
  return findings.map((f) => `${showControls(f.file)}:${f.line}:${f.column} ${f.severity} ${showControls(f.rule)} ${showControls(oneLine(f.message))}\n`).join('');
}

// JSON.stringify escapes C0 controls; these it leaves raw, and a terminal showing the JSON obeys them.
const JSON_RAW_CONTROLS = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** JSON text with the control characters JSON.stringify leaves raw written as `\u` escapes (the same data). */
export function escapedJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(JSON_RAW_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

/** A JSON array of findings, keys in a fixed order. */
export function formatJson(findings: readonly Finding[]): string {
  const rows = findings.map((f) => ({
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    severity: f.severity,
    rule: f.rule,
    message: f.message,
    url: f.url,
  }));
  return escapedJson(rows);
}

const GITHUB_LEVELS: Record<SeverityName, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

// Escaping from the Actions toolkit (command.ts): data escapes % CR LF, properties also : and ,
// (so a file name cannot end the properties with `::`). Other control characters would reach the
// log and annotations raw: they are shown as escapes, after the toolkit's, which keeps line breaks.
const escapeData = (s: string): string => showControls(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands (`::error file=...,line=...,col=...,title=rule::message`). */
export function formatGithub(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.column}`, `title=${escapeProperty(f.rule)}`];
      return `::${GITHUB_LEVELS[f.severity]} ${props.join(',')}::${escapeData(f.message)}\n`;
    })
    .join('');
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The closing line: how many problems of each severity in how many files. */
export function summary(findings: readonly Finding[], fileCount: number): string {
  const files = plural(fileCount, 'file');
  if (findings.length === 0) return `no problems in ${files}`;
  const counts = (['error', 'warning', 'info', 'hint'] as const)
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => (s === 'info' ? `${n} info` : plural(n, s)));
  return `${plural(findings.length, 'problem')} (${counts.join(', ')}) in ${files}`;
}
