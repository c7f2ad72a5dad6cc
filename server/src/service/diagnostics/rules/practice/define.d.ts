/**
 * Helpers for practice rules' quick fixes: a fix is computed while checking, from the same
 * analysis that found the problem, and travels with the finding (see `FindingExtra.fixes`).
 */
import type { Position, TextEdit } from 'vscode-languageserver-types';
import type { FindingExtra } from '../../types';
/** The `extra` of a finding that carries one preferred fix. */
export declare function withFix(title: string, edits: TextEdit[]): FindingExtra;
/** An edit inserting text at a position. */
export declare function insertAt(position: Position, text: string): TextEdit;
