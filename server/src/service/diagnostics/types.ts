/**
 * The shapes of the rule engine. A rule is data plus a check: a stable kebab-case (or BuildKit
 * PascalCase) id used as `Diagnostic.code`, a default severity the user can override per id,
 * a docs page (`dockerfile-studio explain <id>` prints it) and optional mechanical fixes.
 *
 * To add a rule: write it in rules/<area>/<file>.ts, add it to that area's `RULES` array,
 * give it a test in test/service/, and a fix when the fix is mechanical.
 */
import type { Diagnostic, DiagnosticTag, Range, TextEdit } from 'vscode-languageserver-types';
import type { DockerfileModel, InstructionModel } from '../model';

/** What a user can set per rule; `off` turns the rule off. */
export type RuleSeverity = 'off' | 'hint' | 'info' | 'warning' | 'error';

/** Extra facts a finding can carry. */
export interface FindingExtra {
  /** Kept in `Diagnostic.data` for the rule's fix (must be JSON). */
  data?: Record<string, unknown>;
  tags?: DiagnosticTag[];
}

/** What a rule's check receives. */
export interface RuleContext {
  readonly model: DockerfileModel;
  /** The build context's `.dockerignore` (or `<Dockerfile>.dockerignore`) text, when known. */
  readonly dockerignore: string | null;
  /** Records a finding of the running rule. */
  report(range: Range, message: string, extra?: FindingExtra): void;
}

/** One quick fix: a title and the edits that make it. */
export interface RuleFix {
  title: string;
  edits: TextEdit[];
  /** The fix VS Code applies with "Fix all" / auto-fix. */
  preferred?: boolean;
}

/** A lint rule. */
export interface Rule {
  /** Stable id: BuildKit's check name where the rule is one of its checks, else kebab-case. */
  id: string;
  title: string;
  defaultSeverity: RuleSeverity;
  /** Markdown docs: why, a bad and a good example, hadolint mapping and deliberate differences. */
  docs: string;
  /** Docs URL (BuildKit's for its checks). */
  url: string;
  /** hadolint codes this rule covers (their `# hadolint ignore=` pragmas silence it). */
  hadolint?: string[];
  /** True for BuildKit's build checks (honours `# check=skip=`). */
  buildkit?: boolean;
  /** Off unless `# check=experimental=<id>` (or all) turns it on. */
  experimental?: boolean;
  /** Checks the whole model; rules that give `checkInstruction` instead may leave it out. */
  check?(context: RuleContext): void;
  /**
   * Checks one top-level instruction (its ONBUILD trigger is the rule's to look at), for rules
   * whose findings depend only on that instruction, the data module and `contextKey`. The engine
   * runs it instead of `check` and keeps its findings per instruction object until the
   * instruction moves, changes or the context key changes, so it must not read anything else of
   * the model (`model.escapeChar` and other facts a `contextKey` names excepted).
   */
  checkInstruction?(instruction: InstructionModel, context: RuleContext): void;
  /**
   * The model-wide facts `checkInstruction` reads (stage names, the escape character...), as a
   * string computed once per lint: findings are recomputed when it changes.
   */
  contextKey?(model: DockerfileModel): string;
  /**
   * Like `contextKey`, but per instruction, for context that differs between stages (the
   * definitions an instruction can see): called once per lint, it returns the key of each
   * instruction, so an edit in one stage re-checks only the instructions whose key changed.
   */
  instructionContextKey?(model: DockerfileModel): (instruction: InstructionModel) => string;
  /** Mechanical fixes for one of this rule's diagnostics. */
  fix?(diagnostic: Diagnostic, model: DockerfileModel): RuleFix[];
}
