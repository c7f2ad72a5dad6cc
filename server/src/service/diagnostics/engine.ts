/**
 * The rule engine: runs every enabled rule over a model and turns findings into LSP
 * diagnostics. Pure: model and options in, diagnostics out. Severity comes from the options
 * (settings over the project config) or the rule's default; BuildKit's `# check=` directive
 * skips checks, turns experimental ones on and raises warnings to errors; pragma comments
 * silence rules (see suppression.ts).
 */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { DockerfileModel } from '../model';
import { LocalFindingsCache, lintLocal, type LocalFinding } from './local';
import { ALL_RULES } from './rules';
import { readSuppressions, splitNames } from './suppression';
import { excerpt } from '../safeText';
import type { FindingExtra, ImageEnvLookup, Rule, RuleContext, RuleFix, RuleSeverity } from './types';

/** The `source` of every diagnostic we publish. */
export const SOURCE = 'dockerfile-studio';

/** The code of the one notice naming the rules that threw (data: `{ rules, errors }`). */
export const RULE_CRASHED = 'rule-crashed';

/** What the caller knows beyond the text. */
export interface LintOptions {
  /** Severity per rule id from settings and the project config; 'off' disables. */
  severities?: Record<string, RuleSeverity>;
  /** The build context's .dockerignore text, when known. */
  dockerignore?: string | null;
  /** Findings of earlier lints of this document to reuse (the service passes its own); none: check everything. */
  cache?: LocalFindingsCache;
  /**
   * The base images' environments as the local engine has them (UndefinedVar reads them);
   * without it, a table of official images and then a guess stand in.
   */
  imageEnv?: ImageEnvLookup;
}

/** BuildKit's `# check=skip=...;error=true;experimental=...` directive, read. */
export interface CheckDirective {
  /** Lower-cased check names, or `all`. */
  skip: Set<string>;
  error: boolean;
  /** Lower-cased check names, or `all`. */
  experimental: Set<string>;
}

const TO_LSP: Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity> = {
  hint: DiagnosticSeverity.Hint,
  info: DiagnosticSeverity.Information,
  warning: DiagnosticSeverity.Warning,
  error: DiagnosticSeverity.Error,
};

/** Reads the `check` parser directive (absent -> nothing skipped, no errors, nothing experimental). */
export function readCheckDirective(model: DockerfileModel): CheckDirective {
  const result: CheckDirective = { skip: new Set(), error: false, experimental: new Set() };
  const directive = model.directives.find((d) => d.name === 'check');
  if (!directive) return result;
  for (const part of directive.value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (key === 'skip') for (const name of splitNames(value)) result.skip.add(name.toLowerCase());
    else if (key === 'error') result.error = value.toLowerCase() === 'true';
    else if (key === 'experimental') for (const name of splitNames(value)) result.experimental.add(name.toLowerCase());
  }
  return result;
}

/** The severity a rule runs at for this document, or 'off'. */
export function effectiveSeverity(rule: Rule, check: CheckDirective, severities?: Record<string, RuleSeverity>): RuleSeverity {
  const id = rule.id.toLowerCase();
  const configured = severities ? lookup(severities, rule.id) : undefined;
  if (rule.buildkit && (check.skip.has('all') || check.skip.has(id))) return 'off';
  if (rule.experimental && configured === undefined && !check.experimental.has('all') && !check.experimental.has(id)) {
    return 'off';
  }
  const severity = configured ?? rule.severity;
  return rule.buildkit && check.error && severity === 'warning' ? 'error' : severity;
}

function lookup(severities: Record<string, RuleSeverity>, id: string): RuleSeverity | undefined {
  if (Object.prototype.hasOwnProperty.call(severities, id)) return severities[id];
  const lowerId = id.toLowerCase();
  for (const key of Object.keys(severities)) if (key.toLowerCase() === lowerId) return severities[key];
  return undefined;
}

/**
 * Runs every enabled rule over the model; the rules that throw are skipped and reported together
 * in one `rule-crashed` diagnostic, and the parts the parser failed on in `parser-fault` ones.
 * Rules with `checkInstruction` run through the per-instruction cache (local.ts).
 */
export function lint(model: DockerfileModel, options: LintOptions = {}, rules: readonly Rule[] = ALL_RULES): Diagnostic[] {
  const steps = lintSteps(model, options, rules);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same lint in small steps: it pauses (yields) after each whole-document rule and each
 * instruction, and returns the diagnostics. A server drives it in time slices so that a
 * request arriving while a large file is linted is answered without waiting for the whole lint.
 */
export function* lintSteps(model: DockerfileModel, options: LintOptions = {}, rules: readonly Rule[] = ALL_RULES): Generator<void, Diagnostic[], void> {
  const check = readCheckDirective(model);
  const suppressions = readSuppressions(model);
  const dockerignore = options.dockerignore ?? null;
  const severities: (Exclude<RuleSeverity, 'off'> | null)[] = rules.map((rule) => {
    const severity = effectiveSeverity(rule, check, options.severities);
    return severity === 'off' || suppressions.silencedInFile(rule) ? null : severity;
  });
  const local: number[] = [];
  for (const [index, rule] of rules.entries()) if (severities[index] !== null && rule.checkInstruction) local.push(index);
  // Local findings per rule, in document order, each with the line its instruction starts on.
  const byRule = new Map<number, { line: number; finding: LocalFinding }[]>();
  for (const { instruction, findings } of yield* lintLocal(model, rules, local, { dockerignore, imageEnv: options.imageEnv }, options.cache ?? new LocalFindingsCache())) {
    for (const finding of findings) {
      let list = byRule.get(finding.rule);
      if (!list) byRule.set(finding.rule, (list = []));
      list.push({ line: instruction.range.start.line, finding });
    }
  }
  const diagnostics: Diagnostic[] = [];
  const crashes: { rule: Rule; error: unknown }[] = [];
  for (const [index, rule] of rules.entries()) {
    const severity = severities[index];
    if (severity === null) continue;
    if (rule.checkInstruction) {
      const found = byRule.get(index) ?? [];
      const crash = found.find((f) => f.finding.crash !== undefined);
      if (crash) {
        crashes.push({ rule, error: crash.finding.crash });
        continue;
      }
      for (const { line, finding } of found) {
        if (suppressions.hasInstructionPragmas && suppressions.silencedAt(rule, line)) continue;
        diagnostics.push(toDiagnostic(rule, severity, finding.range, finding.message, finding.extra));
      }
      continue;
    }
    yield;
    const found: Diagnostic[] = [];
    const context: RuleContext = {
      model,
      dockerignore,
      imageEnv: options.imageEnv,
      report: (range: Range, message: string, extra?: FindingExtra) =>
        found.push(toDiagnostic(rule, severity, range, message, extra)),
    };
    try {
      rule.check?.(context);
    } catch (error) {
      crashes.push({ rule, error });
      continue;
    }
    for (const diagnostic of found) {
      if (suppressions.hasInstructionPragmas) {
        const instruction = model.instructionAt(diagnostic.range.start);
        if (instruction && suppressions.silencedAt(rule, instruction.range.start.line)) continue;
      }
      diagnostics.push(diagnostic);
    }
  }
  if (crashes.length > 0) diagnostics.push(crashed(crashes));
  yield* parserFaults(model, diagnostics);
  // Stable sort by position keeps the registry order (parity first) for findings on one spot.
  return diagnostics.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/**
 * Longest message or fix title passed on. Rules quote document text through ruleKit's `quoted`,
 * which cuts it; this catches a rule that forgot, so no finding carries a megabyte of text.
 */
const MAX_MESSAGE = 1000;

function toDiagnostic(
  rule: Rule,
  severity: Exclude<RuleSeverity, 'off'>,
  range: Range,
  message: string,
  extra?: FindingExtra,
): Diagnostic {
  const diagnostic: Diagnostic = {
    range,
    severity: TO_LSP[severity],
    code: rule.id,
    codeDescription: { href: rule.url },
    source: SOURCE,
    message: excerpt(message, MAX_MESSAGE),
    data: {
      rule: rule.id,
      ...extra?.data,
      ...(extra?.fixes && extra.fixes.length > 0 ? { fixes: extra.fixes.map((fix) => ({ ...fix, title: excerpt(fix.title, MAX_MESSAGE) })) } : {}),
    },
  };
  if (extra?.tags && extra.tags.length > 0) diagnostic.tags = extra.tags;
  return diagnostic;
}

/**
 * The quick fixes a diagnostic carries: the one channel for fixes. A rule computes them with the
 * finding, from the analysis that found it; the client hands them back with the diagnostic.
 * Anything that is not a well-formed fix (the client may send back what it likes) is dropped.
 */
export function fixesOf(diagnostic: Diagnostic): RuleFix[] {
  const fixes = (diagnostic.data as { fixes?: unknown } | undefined)?.fixes;
  if (!Array.isArray(fixes)) return [];
  return fixes.filter(
    (fix: Partial<RuleFix> | null): fix is RuleFix =>
      typeof fix === 'object' && fix !== null && typeof fix.title === 'string' && Array.isArray(fix.edits) && fix.edits.length > 0,
  );
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The one notice for the rules that threw: a crash is our bug, and one line naming them all says
 * so where a hint per rule buried the file's real findings. A warning, so it is seen; the CLI
 * exits 2 on it ("could not check") whatever its severity threshold.
 */
function crashed(crashes: { rule: Rule; error: unknown }[]): Diagnostic {
  const ids = crashes.map((c) => c.rule.id);
  const errors = [...new Set(crashes.map((c) => errorText(c.error)))];
  const what = crashes.length === 1 ? `Rule ${ids[0]} could not check this file` : `${crashes.length} rules could not check this file (${ids.join(', ')})`;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    code: RULE_CRASHED,
    source: SOURCE,
    message: `${what} and ${crashes.length === 1 ? 'was' : 'were'} skipped: ${errors.join('; ')}. This is a bug in Dockerfile Studio; please report it.`,
    data: { rules: ids, errors: crashes.map((c) => errorText(c.error)) },
  };
}

/**
 * A `parser-fault` notice per instruction the parser failed on (the failed part was read as
 * empty, everything else checked as usual) and one for a fault outside any instruction.
 */
function* parserFaults(model: DockerfileModel, diagnostics: Diagnostic[]): Generator<void, void, void> {
  const notice = (range: Range, message: string): Diagnostic => ({
    range,
    severity: DiagnosticSeverity.Information,
    code: 'parser-fault',
    source: SOURCE,
    message: `${message}. This is a bug in the Dockerfile parser (dockerfile-ast); the rest of the file is checked as usual.`,
  });
  for (const fault of model.parserFaults) {
    diagnostics.push(notice({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, `The file could not be fully parsed (${fault.part}: ${fault.message})`));
  }
  for (const [index, instruction] of model.instructions.entries()) {
    // The parts are cached on the instruction, and the rules read nearly all of them already.
    if (index % 256 === 255) yield;
    const faults = instruction.parserFaults();
    if (faults.length === 0) continue;
    const parts = faults.map((f) => f.part).join(', ');
    const messages = [...new Set(faults.map((f) => f.message))].join('; ');
    diagnostics.push(notice(instruction.keywordRange, `The ${parts} of this ${instruction.keyword} could not be read and count as none (${messages})`));
  }
}
