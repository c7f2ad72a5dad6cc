/**
 * Completion: what makes sense at the cursor, read from the data module and the model.
 * Keywords at the start of a line (with their snippet), ONBUILD triggers, parser directives and
 * their values, flags of the instruction, flag values (enums, stages, platforms, --mount types
 * and keys), variables visible at that line, and FROM's stage names and `AS`.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import { DIRECTIVES, INSTRUCTIONS, PREDEFINED_ARGS, getDirective, getInstruction, getMountType, MOUNT_TYPES } from './data';
import type { DocEntry, FlagData, InstructionData } from './data/types';
import type { DockerfileModel, InstructionModel } from './model';
import { ALL_RULES } from './diagnostics/rules';
import { excerpt, showControls } from './safeText';

/** What the client can show. */
export interface CompletionOptions {
  /** The client accepts snippet syntax in insert texts. */
  snippets: boolean;
}

/** Platforms offered for `--platform=` besides the predefined ARGs. */
const COMMON_PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/386', 'linux/ppc64le', 'linux/s390x', 'windows/amd64'];

// Details quote document text: one line of it, cut, with control characters shown.
const shown = (text: string): string => showControls(excerpt(text).replace(/\r\n?|\n/g, ' '));

/** Re-opens the suggest widget after an item that needs a value (VS Code's own command id). */
const TRIGGER_SUGGEST = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/** The completion items at a position. */
export function doComplete(model: DockerfileModel, position: Position, options: CompletionOptions): CompletionItem[] {
  const linePrefix = model.textAt({ start: { line: position.line, character: 0 }, end: position });
  const instruction = model.instructionAt(position) ?? model.instructionAt({ line: position.line, character: 0 });
  const firstLine = model.instructions[0]?.range.start.line ?? Number.MAX_SAFE_INTEGER;
  if (position.line < firstLine || !instruction) {
    const directive = directiveItems(model, position, linePrefix);
    if (directive) return directive;
  }
  const startsInstruction = !instruction || instruction.range.start.line === position.line || !continues(model, position.line);
  const keywordMatch = /^(\s*)([A-Za-z]*)$/.exec(linePrefix);
  if (keywordMatch && startsInstruction) {
    const replace = tokenRange(position, keywordMatch[2].length);
    const beforeFirstFrom = !model.instructions.some((i) => i.keyword === 'FROM' && i.range.start.line < position.line);
    return keywordItems(INSTRUCTIONS.filter((i) => !beforeFirstFrom || i.keyword === 'ARG' || i.keyword === 'FROM'), replace, options);
  }
  const onbuild = /^\s*ONBUILD\s+([A-Za-z]*)$/i.exec(linePrefix);
  if (onbuild) return keywordItems(INSTRUCTIONS.filter((i) => i.allowedInOnbuild), tokenRange(position, onbuild[1].length), options);
  if (!instruction) return [];
  const target = instruction.trigger && position.character > instruction.keywordRange.end.character ? instruction.trigger : instruction;
  const word = trailingWord(linePrefix);
  return (
    variableItems(model, target, position, word) ??
    flagItems(model, target, position, word) ??
    argumentItems(model, target, position, linePrefix, word) ??
    []
  );
}

/**
 * The run of non-space characters at the end of the text. A scan from the end: `/(\S*)$/` would
 * retry from every position and take quadratic time on a long line that ends in a space.
 */
function trailingWord(text: string): string {
  let start = text.length;
  while (start > 0 && !/\s/.test(text[start - 1])) start--;
  return text.slice(start);
}

/** True when the line before `line` ends with the escape character (a continuation line). */
function continues(model: DockerfileModel, line: number): boolean {
  if (line === 0) return false;
  const previous = model.textAt({ start: { line: line - 1, character: 0 }, end: { line, character: 0 } }).trimEnd();
  return previous.endsWith(model.escapeChar);
}

function tokenRange(position: Position, length: number): Range {
  return { start: { line: position.line, character: position.character - length }, end: position };
}

function documentation(entry: DocEntry): { kind: typeof MarkupKind.Markdown; value: string } {
  const syntax = entry.syntax && entry.syntax.length > 0 ? '\n\n```dockerfile\n' + entry.syntax.join('\n') + '\n```' : '';
  return { kind: MarkupKind.Markdown, value: entry.summary + syntax };
}

function keywordItems(instructions: readonly InstructionData[], range: Range, options: CompletionOptions): CompletionItem[] {
  return instructions.map((data) => {
    const snippet = options.snippets && data.snippet;
    return {
      label: data.keyword,
      kind: CompletionItemKind.Keyword,
      detail: data.syntax?.[0],
      documentation: documentation(data),
      insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range, newText: snippet ? `${data.keyword} ${data.snippet}` : `${data.keyword} ` },
    };
  });
}

function valueItems(values: string[], range: Range, kind: CompletionItemKind, detail?: string): CompletionItem[] {
  return values.map((value, index) => ({ label: value, kind, detail, sortText: String(index).padStart(3, '0'), textEdit: { range, newText: value } }));
}

function directiveItems(model: DockerfileModel, position: Position, linePrefix: string): CompletionItem[] | null {
  const name = /^\s*#\s*([a-z]*)$/i.exec(linePrefix);
  if (name) {
    const used = new Set(model.directives.filter((d) => d.range.start.line !== position.line).map((d) => d.name));
    return DIRECTIVES.filter((d) => !used.has(d.name)).map((d) => ({
      label: `${d.name}=`,
      kind: CompletionItemKind.Property,
      documentation: documentation(d),
      textEdit: { range: tokenRange(position, name[1].length), newText: `${d.name}=` },
      command: TRIGGER_SUGGEST,
    }));
  }
  const value = /^\s*#\s*([A-Za-z]+)\s*=\s*((?:\S.*)?)$/.exec(linePrefix);
  const data = value ? getDirective(value[1]) : undefined;
  if (!value || !data) return null;
  const typed = value[2];
  const simple = data.values ?? (data.exampleValue ? [data.exampleValue] : undefined);
  if (simple) return valueItems(simple, tokenRange(position, typed.length), CompletionItemKind.Value);
  const keys = data.keys ?? [];
  const part = /(?:^|;)\s*([A-Za-z]+)=(?:[^;]*,)?([^,;]*)$/.exec(typed);
  const key = part ? keys.find((k) => k.name === part[1].toLowerCase()) : undefined;
  if (part && key) {
    if (key.values) return valueItems(key.values, tokenRange(position, part[2].length), CompletionItemKind.EnumMember);
    const checks = ALL_RULES.filter((r) => r.buildkit && (key.name === 'experimental') === Boolean(r.experimental)).map((r) => r.id);
    return valueItems([...checks, 'all'], tokenRange(position, part[2].length), CompletionItemKind.EnumMember);
  }
  if (part) return [];
  const word = /(?:^|;)\s*([a-z]*)$/.exec(typed)!;
  return valueItems(keys.map((k) => `${k.name}=`), tokenRange(position, word[1].length), CompletionItemKind.Property);
}

/** `$NAME` / `${NAME`: every variable defined at this line, then the builder's predefined ARGs. */
function variableItems(model: DockerfileModel, at: InstructionModel, position: Position, word: string): CompletionItem[] | null {
  const match = /\$(\{?)([A-Za-z0-9_]*)$/.exec(word);
  if (!match) return null;
  const braced = match[1] === '{';
  const range = tokenRange(position, match[2].length);
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const def of model.definitions) {
    if (seen.has(def.name)) continue;
    const resolution = model.resolveVariable(def.name, at);
    if (!resolution.definition) continue;
    seen.add(def.name);
    items.push({
      label: def.name,
      kind: CompletionItemKind.Variable,
      detail: `${resolution.definition.kind}${resolution.value !== null ? ` = ${shown(resolution.value)}` : ''}`,
      sortText: `0${def.name}`,
      textEdit: { range, newText: braced ? `${def.name}}` : def.name },
    });
  }
  for (const arg of PREDEFINED_ARGS) {
    // Only names the builder sets at this point: the same answer hover and UndefinedVar give.
    if (seen.has(arg.name) || !model.resolveVariable(arg.name, at).predefined) continue;
    items.push({
      label: arg.name,
      kind: CompletionItemKind.Constant,
      detail: 'predefined ARG',
      documentation: documentation(arg),
      sortText: `1${arg.name}`,
      textEdit: { range, newText: braced ? `${arg.name}}` : arg.name },
    });
  }
  return items;
}

/** `--name` and `--name=value` while the cursor is still among the instruction's flags. */
function flagItems(model: DockerfileModel, at: InstructionModel, position: Position, word: string): CompletionItem[] | null {
  if (!word.startsWith('-')) return null;
  const data = getInstruction(at.keyword);
  if (!data || data.flags.length === 0) return null;
  const firstArg = at.args.find((a) => !a.value.startsWith('--'));
  if (firstArg && (firstArg.range.start.line < position.line || (firstArg.range.start.line === position.line && firstArg.range.end.character < position.character - word.length))) {
    return null;
  }
  const valueMatch = /^--([A-Za-z-]+)=(.*)$/.exec(word);
  if (!valueMatch) {
    const used = new Set(at.flags.filter((f) => !(f.range.start.line === position.line && f.range.end.character === position.character)).map((f) => f.name.toLowerCase()));
    return data.flags
      .filter((flag) => flag.repeatable || !used.has(flag.name))
      .map((flag) => ({
        label: `--${flag.name}`,
        kind: CompletionItemKind.Property,
        detail: flag.syntax?.[0],
        documentation: documentation(flag),
        textEdit: { range: tokenRange(position, word.length), newText: flag.valueKind === 'none' ? `--${flag.name}` : `--${flag.name}=` },
        command: flag.valueKind === 'none' ? undefined : TRIGGER_SUGGEST,
      }));
  }
  const flag = data.flags.find((f) => f.name === valueMatch[1].toLowerCase());
  return flag ? flagValueItems(model, at, flag, position, valueMatch[2]) : [];
}

function flagValueItems(model: DockerfileModel, at: InstructionModel, flag: FlagData, position: Position, typed: string): CompletionItem[] {
  if (flag.valueKind === 'mount') return mountItems(model, at, position, typed);
  const range = tokenRange(position, typed.length);
  if (flag.valueKind === 'enum' && flag.values) return valueItems(flag.values, range, CompletionItemKind.EnumMember);
  if (flag.valueKind === 'boolean') return valueItems(['true', 'false'], range, CompletionItemKind.EnumMember);
  if (flag.valueKind === 'platform') {
    const args = PREDEFINED_ARGS.filter((a) => a.valueKind === 'platform').map((a) => `$${a.name}`);
    return valueItems([...args, ...COMMON_PLATFORMS], range, CompletionItemKind.Value);
  }
  if (flag.valueKind === 'stage') return stageItems(model, at, range);
  return [];
}

/** Earlier stages, by name (or index when unnamed). */
function stageItems(model: DockerfileModel, at: InstructionModel, range: Range): CompletionItem[] {
  const limit = at.keyword === 'FROM' ? at.stageIndex : at.stageIndex < 0 ? 0 : at.stageIndex;
  return model.stages.slice(0, Math.max(0, limit)).map((stage) => ({
    label: stage.name ?? String(stage.index),
    kind: CompletionItemKind.Reference,
    detail: `stage ${stage.index}, FROM ${shown(stage.baseText)}`,
    textEdit: { range, newText: stage.name ?? String(stage.index) },
  }));
}

/** Inside `--mount=`: the key being typed, or the value of `type=`, an enum key or `from=`. */
function mountItems(model: DockerfileModel, at: InstructionModel, position: Position, typed: string): CompletionItem[] {
  const segments = typed.split(',');
  const current = segments[segments.length - 1];
  const typeSegment = segments.find((s) => s.toLowerCase().startsWith('type='));
  const type = getMountType(typeSegment ? typeSegment.slice(5) : 'bind');
  const eq = current.indexOf('=');
  if (eq >= 0) {
    const key = current.slice(0, eq).toLowerCase();
    const range = tokenRange(position, current.length - eq - 1);
    if (key === 'type') return valueItems(MOUNT_TYPES.map((m) => m.type), range, CompletionItemKind.EnumMember);
    const option = type?.options.find((o) => o.name === key || o.aliases?.includes(key));
    if (!option) return [];
    if (option.valueKind === 'enum' && option.values) return valueItems(option.values, range, CompletionItemKind.EnumMember);
    if (option.valueKind === 'boolean') return valueItems(['true', 'false'], range, CompletionItemKind.EnumMember);
    if (option.valueKind === 'stage') return stageItems(model, at, range);
    return [];
  }
  if (!type) return [];
  const used = new Set(segments.slice(0, -1).map((s) => s.split('=')[0].toLowerCase()));
  return type.options
    .filter((o) => !used.has(o.name) && !(o.aliases ?? []).some((a) => used.has(a)))
    .map((o) => ({
      label: `${o.name}=`,
      kind: CompletionItemKind.Property,
      detail: o.required ? 'required' : undefined,
      documentation: documentation(o),
      sortText: `${o.required || o.name === 'type' ? 0 : 1}${o.name}`,
      textEdit: { range: tokenRange(position, current.length), newText: o.valueKind === 'none' ? o.name : `${o.name}=` },
      command: o.valueKind === 'none' ? undefined : TRIGGER_SUGGEST,
    }));
}

/** FROM's image position (stages, scratch), its `AS`, and HEALTHCHECK's CMD/NONE. */
function argumentItems(model: DockerfileModel, at: InstructionModel, position: Position, linePrefix: string, word: string): CompletionItem[] | null {
  const range = tokenRange(position, word.length);
  if (at.keyword === 'FROM' && at.range.start.line === position.line) {
    const words = linePrefix.trim().split(/\s+/).slice(1).filter((w) => !w.startsWith('--'));
    const typing = word === '' ? words.length : words.length - 1;
    if (typing === 0) {
      return [...stageItems(model, at, range), { label: 'scratch', kind: CompletionItemKind.Module, detail: 'the empty image', textEdit: { range, newText: 'scratch' } }];
    }
    if (typing === 1) return [{ label: 'AS', kind: CompletionItemKind.Keyword, detail: 'name this stage', textEdit: { range, newText: 'AS ' } }];
    return [];
  }
  if (at.keyword === 'HEALTHCHECK' && at.args.filter((a) => !a.value.startsWith('--')).every((a) => a.range.end.character >= position.character - word.length)) {
    return valueItems(['CMD', 'NONE'], range, CompletionItemKind.Keyword);
  }
  return null;
}
