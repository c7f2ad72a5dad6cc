/**
 * The language service facade: the one module the server and the CLI import from the service.
 * `createDockerfileService()` owns what lives longer than one request (the model of each open
 * document version, the per-instruction lint findings); every feature is a pure function of a
 * model and its request, so a handler is "cached model -> feature -> result".
 */
import type { CodeAction, CompletionItem, Diagnostic, DocumentHighlight, DocumentSymbol, Hover, Location, Position, Range } from 'vscode-languageserver-types';
import { buildModel, type DockerfileModel } from './model';
import { doHover, type HoverOptions } from './hover';
import { doComplete, type CompletionOptions } from './completion';
import { documentSymbols } from './symbols';
import { findDefinition } from './definition';
import { documentHighlights, findReferences } from './references';
import { prepareRename, rename, type PrepareRenameResult, type RenameResult } from './rename';
import { codeActions } from './codeActions';
import { lintSteps, type LintOptions } from './diagnostics/engine';
import { LocalFindingsCache } from './diagnostics/local';
import { ALL_RULES, getRule } from './diagnostics/rules';
import type { Rule } from './diagnostics/types';
import type { BuildPlan } from '../protocol';
import { buildPlan } from './cache/plan';

export type { DockerfileModel } from './model';
export type { HoverOptions } from './hover';
export type { CompletionOptions } from './completion';
export type { MarkupFormat } from './markup';
export type { PrepareRenameResult, RenameResult } from './rename';
export type { LintOptions } from './diagnostics/engine';
export type { ImageEnvLookup, Rule, RuleSeverity } from './diagnostics/types';
export { RULE_SEVERITIES, isRuleSeverity } from './diagnostics/types';
export { closest, didYouMean } from './diagnostics/ruleKit';
export { SOURCE as DIAGNOSTIC_SOURCE, RULE_CRASHED } from './diagnostics/engine';
export { ALL_RULES, getRule } from './diagnostics/rules';
export { renderRuleDocs } from './diagnostics/ruleDocs';
export { compileWildcard, leftmostLongest, matchesWhole, MAX_WILDCARD_PATTERN, MAX_WILDCARD_TEXT, reverseWildcard, someMatchEnd } from './wildcard';
export type { Wildcard, WildcardDialect } from './wildcard';
export { excerpt, showControls } from './safeText';
export { matchHistory } from './cache/history';
export type { LayerMatch, LayerSize } from './cache/history';
export { formatBytes, formatDuration, formatReport } from './cache/report';
export type { ReportFormat } from './cache/report';
export { cleanPath, parseDockerignore } from './diagnostics/rules/buildkit/dockerignore';
export type { DockerignoreMatcher } from './diagnostics/rules/buildkit/dockerignore';
export { argsInScope, rebuildsWhen, stageLabel } from './cache/invalidation';
export { explainRebuilds, type ExplainOptions } from './cache/causes';
export { stepReads, type StepReads } from './cache/inputs';
export { buildPlan } from './cache/plan';
export { matchSteps, placeFailure } from './cache/match';
export type { BuildFailure } from './cache/match';

/** Lint options a service caller gives; the findings cache is the service's own. */
export type ServiceLintOptions = Omit<LintOptions, 'cache'>;

/** The language features over cached models. */
export interface DockerfileService {
  /** The model of a document version: parsed once, incrementally from the URI's previous version. */
  model(uri: string, version: number, text: () => string): DockerfileModel;
  /** Parses a text that is not an open document (the CLI, a one-off check). */
  parse(text: string): DockerfileModel;
  /** Forgets a closed document's model and lint findings. */
  forget(uri: string): void;
  hover(model: DockerfileModel, position: Position, options: HoverOptions): Hover | null;
  complete(model: DockerfileModel, position: Position, options: CompletionOptions): CompletionItem[];
  documentSymbols(model: DockerfileModel): DocumentSymbol[];
  definition(model: DockerfileModel, position: Position, uri: string): Location | null;
  /** The occurrences of the stage or variable under the cursor (definitions too with `includeDeclaration`). */
  references(model: DockerfileModel, position: Position, uri: string, includeDeclaration: boolean): Location[];
  /** The occurrences of the stage or variable under the cursor, definitions as writes. */
  documentHighlights(model: DockerfileModel, position: Position): DocumentHighlight[];
  /** The name under the cursor a rename starts from, or why it cannot be renamed (null: nothing there). */
  prepareRename(model: DockerfileModel, position: Position): PrepareRenameResult;
  /** The edit renaming the stage or variable under the cursor, or why the new name is refused. */
  rename(model: DockerfileModel, position: Position, uri: string, newName: string): RenameResult | null;
  /** Quick fixes and ignore actions for the client's diagnostics that touch the range. */
  codeActions(model: DockerfileModel, diagnostics: readonly Diagnostic[], range: Range, uri: string): CodeAction[];
  /** Lints at once. */
  lint(model: DockerfileModel, options?: ServiceLintOptions): Diagnostic[];
  /** The same lint in steps (it yields between rules and instructions), for a caller that slices its time. */
  lintSteps(model: DockerfileModel, options?: ServiceLintOptions): Generator<void, Diagnostic[], void>;
  /** What a build of `target` (null: the last stage) runs, numbered as BuildKit and the legacy builder print it. */
  buildPlan(model: DockerfileModel, target: string | null, buildArgs?: Readonly<Record<string, string>>): BuildPlan;
  /** Every rule, in registry order. */
  readonly rules: readonly Rule[];
  /** A rule by id (case-insensitive). */
  rule(id: string): Rule | undefined;
}

interface Document {
  version: number;
  model: DockerfileModel;
}

/** A service with empty caches: one per server process or CLI run. */
export function createDockerfileService(): DockerfileService {
  const documents = new Map<string, Document>();
  // One findings cache serves every document: entries are keyed by instruction objects (weakly),
  // so a closed document's findings go with its model.
  const findings = new LocalFindingsCache();
  const steps = (model: DockerfileModel, options: ServiceLintOptions = {}) => lintSteps(model, { ...options, cache: findings });
  return {
    model(uri, version, text) {
      const cached = documents.get(uri);
      if (cached && cached.version === version) return cached.model;
      // The previous version lets the parser reuse every instruction the edit did not touch.
      const model = buildModel(text(), cached?.model);
      documents.set(uri, { version, model });
      return model;
    },
    parse: (text) => buildModel(text),
    forget: (uri) => void documents.delete(uri),
    hover: doHover,
    complete: doComplete,
    documentSymbols,
    definition: (model, position, uri) => findDefinition(model, uri, position),
    references: (model, position, uri, includeDeclaration) => findReferences(model, uri, position, includeDeclaration),
    documentHighlights,
    prepareRename,
    rename: (model, position, uri, newName) => rename(model, uri, position, newName),
    codeActions: (model, diagnostics, range, uri) => codeActions(model, diagnostics, range, uri),
    lint(model, options) {
      const run = steps(model, options);
      for (;;) {
        const step = run.next();
        if (step.done) return step.value;
      }
    },
    lintSteps: steps,
    buildPlan,
    rules: ALL_RULES,
    rule: getRule,
  };
}
