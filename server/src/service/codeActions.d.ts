import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import type { DockerfileModel } from './model';
import type { Rule } from './diagnostics/types';
/** The `source` of the diagnostics this module acts on. */
export declare const DIAGNOSTIC_SOURCE = "dockerfile-studio";
/** Finds a rule by id; injectable so tests can use rules of their own. */
export type RuleLookup = (id: string) => Rule | undefined;
/** The quick fixes and ignore actions for our diagnostics that touch `range`, in diagnostic order. */
export declare function codeActions(model: DockerfileModel, diagnostics: readonly Diagnostic[], range: Range, uri: string, lookup?: RuleLookup): CodeAction[];
