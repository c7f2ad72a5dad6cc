/**
 * The rule engine: runs every enabled rule over a model and turns findings into LSP
 * diagnostics. Pure: model and options in, diagnostics out. Severity comes from the options
 * (settings over the project config) or the rule's default; BuildKit's `# check=` directive
 * skips checks, turns experimental ones on and raises warnings to errors; pragma comments
 * silence rules (see suppression.ts).
 */
import { type Diagnostic } from 'vscode-languageserver-types';
import type { DockerfileModel } from '../model';
import { LocalFindingsCache } from './local';
import type { ImageEnvLookup, Rule, RuleFix, RuleSeverity } from './types';
/** The `source` of every diagnostic we publish. */
export declare const SOURCE = "dockerfile-studio";
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
/** Reads the `check` parser directive (absent -> nothing skipped, no errors, nothing experimental). */
export declare function readCheckDirective(model: DockerfileModel): CheckDirective;
/** The severity a rule runs at for this document, or 'off'. */
export declare function effectiveSeverity(rule: Rule, check: CheckDirective, severities?: Record<string, RuleSeverity>): RuleSeverity;
/**
 * Runs every enabled rule over the model; a rule that throws is skipped and reported as
 * `rule-crashed`. Rules with `checkInstruction` run through the per-instruction cache (local.ts).
 */
export declare function lint(model: DockerfileModel, options?: LintOptions, rules?: readonly Rule[]): Diagnostic[];
/**
 * The same lint in small steps: it pauses (yields) after each whole-document rule and each
 * instruction, and returns the diagnostics. A server drives it in time slices so that a
 * request arriving while a large file is linted is answered without waiting for the whole lint.
 */
export declare function lintSteps(model: DockerfileModel, options?: LintOptions, rules?: readonly Rule[]): Generator<void, Diagnostic[], void>;
/**
 * The quick fixes a diagnostic carries: the one channel for fixes. A rule computes them with the
 * finding, from the analysis that found it; the client hands them back with the diagnostic.
 * Anything that is not a well-formed fix (the client may send back what it likes) is dropped.
 */
export declare function fixesOf(diagnostic: Diagnostic): RuleFix[];
