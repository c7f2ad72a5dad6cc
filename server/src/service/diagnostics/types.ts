/**
 * The shapes of the rule engine. A rule is data plus a check: a stable kebab-case (or BuildKit
 * PascalCase) id used as `Diagnostic.code`, a default severity the user can override per id,
 * structured docs (one renderer prints them for `explain`, hovers and SARIF) and the quick
 * fixes its findings carry.
 *
 * To add a rule: write `export const myRule: Rule = defineRule({ id, title, severity, docs:
 * { catches, why, bad, good, notes }, check })` in rules/<area>/<file>.ts (defineRule.ts lists
 * every field), add it to that file's rule array, and give it a test in test/service/. Its
 * `docs.bad` example must make it fire and `docs.good` must not (rules-examples.test.ts runs
 * both). A mechanical fix goes with the finding: `report(range, message, { fixes: [...] })`.
 */
import type { DiagnosticTag, Range, TextEdit } from 'vscode-languageserver-types';
import type { RuleSeverity } from '../../protocol';
import type { DockerfileModel, InstructionModel } from '../model';

export type { RuleSeverity };

// A record over the protocol's type: adding a severity there fails to compile until it is ranked here.
const SEVERITY_RANK: Record<RuleSeverity, number> = { off: 0, hint: 1, info: 2, warning: 3, error: 4 };

/** Every severity a user can set per rule, least to most severe; `off` turns the rule off. */
export const RULE_SEVERITIES: readonly RuleSeverity[] = (Object.keys(SEVERITY_RANK) as RuleSeverity[]).sort((a, b) => SEVERITY_RANK[a] - SEVERITY_RANK[b]);

/** True when a value read from settings or a config file is a severity name. */
export function isRuleSeverity(value: unknown): value is RuleSeverity {
  return typeof value === 'string' && (RULE_SEVERITIES as readonly string[]).includes(value);
}

/** Extra facts a finding can carry. */
export interface FindingExtra {
  /** Kept in `Diagnostic.data` (must be JSON). */
  data?: Record<string, unknown>;
  tags?: DiagnosticTag[];
  /** Quick fixes, computed with the finding; the engine keeps them in `Diagnostic.data.fixes`. */
  fixes?: RuleFix[];
}

/**
 * The environment a base image's config sets (`NAME=value` entries, or bare names), as the
 * local engine reports it; undefined when the image is not known there. `imageRef` is the
 * reference after resolving global ARGs, as written (`python:3.12-slim`).
 */
export type ImageEnvLookup = (imageRef: string) => readonly string[] | undefined;

/** What a rule's check receives. */
export interface RuleContext {
  readonly model: DockerfileModel;
  /** The build context's `.dockerignore` (or `<Dockerfile>.dockerignore`) text, when known. */
  readonly dockerignore: string | null;
  /** The base images' environments from the local engine, when the caller can ask it. */
  readonly imageEnv?: ImageEnvLookup;
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

/**
 * A rule's docs page in parts. Every renderer lays them out the same way: what it catches, why
 * it matters, the problem (`bad`), the fix (`good`), what `docker build` prints, and notes.
 */
export interface RuleDocs {
  /** What the rule reports, in a sentence or two. */
  catches: string;
  why: string;
  /** A Dockerfile the rule reports (a test lints it and expects a finding). */
  bad: string;
  /** The same Dockerfile fixed (a test lints it and expects none of this rule's findings). */
  good: string;
  /** For files the builder refuses: what `docker build` prints on `bad`. */
  buildOutput?: string;
  /** Details, limits and deliberate differences; the hadolint and BuildKit notes are added. */
  notes?: string;
  /** For rules that read the ignore file: the `.dockerignore` each example is built with. */
  dockerignore?: { bad: string; good: string };
}

/** A lint rule, as `defineRule` makes it. */
export interface Rule {
  /** Stable id: BuildKit's check name where the rule is one of its checks, else kebab-case. */
  readonly id: string;
  readonly title: string;
  /** The default severity; settings and the project config override it per id. */
  readonly severity: RuleSeverity;
  readonly docs: RuleDocs;
  /** Docs URL (BuildKit's for its checks). */
  readonly url: string;
  /** hadolint codes this rule covers (their `# hadolint ignore=` pragmas silence it). */
  readonly hadolint?: readonly string[];
  /** For BuildKit's build checks (which honour `# check=skip=`): the slug of BuildKit's docs page. */
  readonly buildkit?: { readonly slug: string };
  /** Off unless `# check=experimental=<id>` (or all) turns it on. */
  readonly experimental?: boolean;
  /** Checks the whole model; rules that give `checkInstruction` instead leave it out. */
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
  instructionContextKey?(model: DockerfileModel, context: Pick<RuleContext, 'imageEnv'>): (instruction: InstructionModel) => string;
}
