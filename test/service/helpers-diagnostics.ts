/** Test helpers for diagnostics: compact one-line rendering and "the document after the fix". */
import type { Diagnostic } from 'vscode-languageserver-types';
import { buildModel } from '../../server/src/service/model';
import { fixesOf, lint, type LintOptions } from '../../server/src/service/diagnostics/engine';
import { applyEdits } from './helpers-edits';

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

/** One line per diagnostic: `2:0-2:3 error unknown-instruction Unknown instruction "RUNN"`. */
export function render(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map(
    (d) =>
      `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${SEVERITY[d.severity ?? 0]} ${String(d.code)} ${String(d.message)}`,
  );
}

/** Lints the text and renders the findings of the given rules (all when none are named). */
export function lintLines(text: string, rules?: string[], options?: LintOptions): string[] {
  const diagnostics = lint(buildModel(text), options);
  return render(rules ? diagnostics.filter((d) => rules.includes(String(d.code))) : diagnostics);
}

/** The document after applying the first fix of the rule's first diagnostic, or null without one. */
export function fixed(text: string, ruleId: string, options?: LintOptions): string | null {
  const model = buildModel(text);
  const diagnostic = lint(model, options).find((d) => d.code === ruleId);
  const fixes = diagnostic ? fixesOf(diagnostic) : [];
  return fixes.length > 0 ? applyEdits(text, fixes[0].edits) : null;
}
