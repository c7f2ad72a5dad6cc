/**
 * The language service facade: the one module the server and the CLI import from the service.
 * `createDockerfileService()` owns what lives longer than one request (the model of each open
 * document version, the per-instruction lint findings); every feature is a pure function of a
 * model and its request, so a handler is "cached model -> feature -> result".
 */
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, Hover, Location, Position, Range } from 'vscode-languageserver-types';
import { type DockerfileModel } from './model';
import { type HoverOptions } from './hover';
import { type CompletionOptions } from './completion';
import { type LintOptions } from './diagnostics/engine';
import type { Rule } from './diagnostics/types';
export type { DockerfileModel } from './model';
export type { HoverOptions } from './hover';
export type { CompletionOptions } from './completion';
export type { MarkupFormat } from './markup';
export type { LintOptions } from './diagnostics/engine';
export type { ImageEnvLookup, Rule, RuleSeverity } from './diagnostics/types';
export { SOURCE as DIAGNOSTIC_SOURCE } from './diagnostics/engine';
export { ALL_RULES, getRule } from './diagnostics/rules';
export { renderRuleDocs } from './diagnostics/ruleDocs';
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
    /** Quick fixes and ignore actions for the client's diagnostics that touch the range. */
    codeActions(model: DockerfileModel, diagnostics: readonly Diagnostic[], range: Range, uri: string): CodeAction[];
    /** Lints at once. */
    lint(model: DockerfileModel, options?: ServiceLintOptions): Diagnostic[];
    /** The same lint in steps (it yields between rules and instructions), for a caller that slices its time. */
    lintSteps(model: DockerfileModel, options?: ServiceLintOptions): Generator<void, Diagnostic[], void>;
    /** Every rule, in registry order. */
    readonly rules: readonly Rule[];
    /** A rule by id (case-insensitive). */
    rule(id: string): Rule | undefined;
}
/** A service with empty caches: one per server process or CLI run. */
export declare function createDockerfileService(): DockerfileService;
