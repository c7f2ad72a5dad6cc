/**
 * Code actions for our diagnostics: the fixes each diagnostic carries, then "Ignore <rule> here"
 * (a `# dockerfile-studio ignore=` comment above the instruction) and "Ignore <rule> in this
 * file" (`# dockerfile-studio ignore-file=`, or `# check=skip=` for BuildKit's own checks so
 * that `docker build` honours it too). Pure: the model and the client's diagnostics in, actions out.
 */
import { CodeActionKind } from 'vscode-languageserver-types';
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import type { DockerfileModel } from './model';
import type { Rule } from './diagnostics/types';
import { getRule } from './diagnostics/rules';
import { splitNames } from './diagnostics/suppression';
import { fixesOf } from './diagnostics/engine';

/** The `source` of the diagnostics this module acts on. */
export const DIAGNOSTIC_SOURCE = 'dockerfile-studio';

/** Finds a rule by id; injectable so tests can use rules of their own. */
export type RuleLookup = (id: string) => Rule | undefined;

// `# dockerfile-studio ignore=A,B` and `# dockerfile-studio ignore-file=A,B`; group 2 is the list.
const IGNORE_HERE = /^([ \t]*#[ \t]*dockerfile-studio[ \t]+ignore[ \t]*=[ \t]*)((?:[^ \t].*)?)$/;
const IGNORE_FILE = /^([ \t]*#[ \t]*dockerfile-studio[ \t]+ignore-file[ \t]*=[ \t]*)((?:[^ \t].*)?)$/;
const COMMENT = /^[ \t]*#/;
// Anything shaped like a parser directive; a comment inserted above one would demote it.
const DIRECTIVE_SHAPE = /^\s*#\s*[a-zA-Z][a-zA-Z0-9_-]*\s*=/;

/** The quick fixes and ignore actions for our diagnostics that touch `range`, in diagnostic order. */
export function codeActions(
  model: DockerfileModel,
  diagnostics: readonly Diagnostic[],
  range: Range,
  uri: string,
  lookup: RuleLookup = getRule,
): CodeAction[] {
  const actions: CodeAction[] = [];
  const byKey = new Map<string, CodeAction>();
  const add = (title: string, edits: TextEdit[], diagnostic: Diagnostic, preferred?: boolean): void => {
    // Two diagnostics of one rule on one instruction offer the same ignore edit: list it once.
    const key = JSON.stringify([title, edits]);
    const existing = byKey.get(key);
    if (existing) {
      existing.diagnostics?.push(diagnostic);
      return;
    }
    const action: CodeAction = {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: edits } },
    };
    if (preferred) action.isPreferred = true;
    byKey.set(key, action);
    actions.push(action);
  };
  const lines = splitLines(model.text);
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
    if (!overlaps(diagnostic.range, range)) continue;
    const id = diagnostic.code;
    const rule = lookup(id);
    // Only registry rules can be silenced (`rule-crashed`, say, is not one).
    if (!rule) continue;
    for (const fix of fixesOf(diagnostic)) add(fix.title, fix.edits, diagnostic, fix.preferred);
    const here = ignoreHereEdit(model, lines, diagnostic, id);
    if (here) add(`Ignore ${id} here`, [here], diagnostic);
    const file = rule.buildkit ? checkSkipEdit(model, lines, id) : ignoreFileEdit(model, lines, id);
    if (file) add(`Ignore ${id} in this file`, [file], diagnostic);
  }
  return actions;
}

interface Line {
  /** Text without the line break. */
  text: string;
  /** The line break that ends it: '\n', '\r\n', '\r' or '' for the last line. */
  eol: string;
}

/**
 * The document's lines, broken where the model (TextDocument) breaks them: at `\r\n`, `\n` and a
 * lone `\r` (old Mac files). Splitting at `\n` alone made a CR-only file one line, and every
 * action on a later line threw.
 */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    const eol = c === 13 && text.charCodeAt(i + 1) === 10 ? '\r\n' : text[i];
    lines.push({ text: text.slice(start, i), eol });
    i += eol.length - 1;
    start = i + 1;
  }
  lines.push({ text: text.slice(start), eol: '' });
  return lines;
}

/** The document's line break: the first one written, '\n' when there is none. */
function documentEol(lines: Line[]): string {
  return lines.find((line) => line.eol !== '')?.eol ?? '\n';
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function hasId(list: string, id: string): boolean {
  return splitNames(list).some((item) => item.toLowerCase() === id.toLowerCase());
}

/**
 * Where the names of a list end, read the way suppression.ts reads them: up to a `;`, or to
 * the first name followed by a word without a comma (`A,B // why` ends after B).
 */
function namesEnd(list: string): number {
  const head = list.split(';')[0];
  let offset = 0;
  let end = 0;
  for (const part of head.split(',')) {
    const trimmed = part.trim();
    const name = trimmed.split(/\s+/)[0];
    if (name) end = offset + (part.length - part.trimStart().length) + name.length;
    if (/\S\s+\S/.test(trimmed)) break;
    offset += part.length + 1;
  }
  return end;
}

/** An insertion of `id` after the last name of `list`, which starts at `start` on `line`. */
function appendToList(line: number, start: number, list: string, id: string): TextEdit {
  const end = namesEnd(list);
  const character = start + end;
  const separator = end === 0 ? '' : ',';
  return { range: { start: { line, character }, end: { line, character } }, newText: separator + id };
}

/**
 * The edit for "ignore here": extend the ignore comment directly above the instruction, or
 * insert one with the instruction's indentation. Diagnostics inside an ONBUILD trigger get
 * the comment above the ONBUILD (the instruction the comment belongs to).
 */
function ignoreHereEdit(model: DockerfileModel, lines: Line[], diagnostic: Diagnostic, id: string): TextEdit | null {
  const instruction = model.instructionAt(diagnostic.range.start);
  if (!instruction) return null;
  const line = instruction.range.start.line;
  // The engine reads an ignore comment anywhere in the comment block right above the instruction.
  for (let above = line - 1; above >= 0 && COMMENT.test(lines[above].text) && !insideInstruction(model, above); above--) {
    const match = IGNORE_HERE.exec(lines[above].text);
    if (!match) continue;
    if (hasId(match[2], id)) return null;
    return appendToList(above, match[1].length, match[2], id);
  }
  const indent = /^\s*/.exec(lines[line].text)?.[0] ?? '';
  const newText = `${indent}# dockerfile-studio ignore=${id}${documentEol(lines)}`;
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText };
}

/** True when the line lies inside an instruction (a continuation line or a heredoc body). */
function insideInstruction(model: DockerfileModel, line: number): boolean {
  return model.instructions.some((i) => i.range.start.line <= line && line <= i.range.end.line);
}

/**
 * The edit for "ignore in this file" (our own comment): extend an existing
 * `ignore-file=` comment, or insert one right after the parser directives.
 */
function ignoreFileEdit(model: DockerfileModel, lines: Line[], id: string): TextEdit | null {
  for (let line = 0; line < lines.length; line++) {
    const match = IGNORE_FILE.exec(lines[line].text);
    if (!match || insideInstruction(model, line)) continue;
    if (hasId(match[2], id)) return null;
    return appendToList(line, match[1].length, match[2], id);
  }
  const comment = `# dockerfile-studio ignore-file=${id}`;
  let line = 0;
  while (line < lines.length && DIRECTIVE_SHAPE.test(lines[line].text) && !insideInstruction(model, line)) line++;
  if (line < lines.length) {
    const character = line === 0 && lines[0].text.startsWith('\uFEFF') ? 1 : 0;
    const at = { line, character };
    return { range: { start: at, end: at }, newText: comment + documentEol(lines) };
  }
  // Only directives, the last without a line break: the comment goes on a new last line.
  const last = lines.length - 1;
  const end = { line: last, character: lines[last].text.length };
  return { range: { start: end, end }, newText: documentEol(lines) + comment };
}

/**
 * The edit for "ignore in this file" of a BuildKit check: add the id to the `# check=skip=`
 * directive (creating the directive, or its `skip=` part, when absent) so BuildKit skips it too.
 */
function checkSkipEdit(model: DockerfileModel, lines: Line[], id: string): TextEdit | null {
  const directive = model.directives.find((d) => d.name === 'check');
  if (!directive) {
    const character = lines[0].text.startsWith('\uFEFF') ? 1 : 0;
    const at = { line: 0, character };
    return { range: { start: at, end: at }, newText: `# check=skip=${id}${documentEol(lines)}` };
  }
  const { line, character: valueStart } = directive.valueRange.start;
  const value = directive.value;
  let offset = 0;
  for (const part of value.split(';')) {
    const match = /^(\s*skip\s*=\s*)((?:\S.*)?)$/i.exec(part);
    if (match) {
      const list = match[2];
      if (hasId(list, id) || hasId(list, 'all')) return null;
      return appendToList(line, valueStart + offset + match[1].length, list, id);
    }
    offset += part.length + 1;
  }
  const end = { line, character: valueStart + value.length };
  const separator = value.trim() === '' || value.trimEnd().endsWith(';') ? '' : ';';
  return { range: { start: end, end }, newText: `${separator}skip=${id}` };
}
