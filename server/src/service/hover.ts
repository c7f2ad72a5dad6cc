/**
 * Hover: finds what is under the cursor (keyword, flag, mount key, directive, variable, stage,
 * image, heredoc) and renders its documentation from data/ or its meaning from the model.
 */
import type { Hover, Position, Range } from 'vscode-languageserver-types';
import { getDirective, getFlag, getInstruction, getMountOption, getMountType } from './data';
import type { DockerfileModel, FlagModel, InstructionModel } from './model';
import { MarkupWriter, writeDocEntry, type MarkupFormat } from './markup';
import { contains } from './ranges';
import { getRule } from './diagnostics/rules';
import { writeRuleDocs } from './diagnostics/ruleDocs';
import { heredocHover, imageHover, stageHover, variableHover } from './hoverMeaning';

/** How hovers are rendered. */
export interface HoverOptions {
  format: MarkupFormat;
  /** Long sections (cache, pitfalls, example); true by default. */
  details?: boolean;
}

/** The hover at a position, or null when there is nothing to explain there. */
export function doHover(model: DockerfileModel, position: Position, options: HoverOptions): Hover | null {
  const details = options.details ?? true;
  const writer = new MarkupWriter(options.format);
  const range = directiveHover(model, position, writer, details) ?? instructionHover(model, position, writer, details);
  if (!range) return null;
  return { contents: { kind: options.format, value: writer.toString() }, range };
}

function directiveHover(model: DockerfileModel, position: Position, writer: MarkupWriter, details: boolean): Range | null {
  for (const directive of model.directives) {
    if (!contains(directive.range, position)) continue;
    if (directive.name === 'check') {
      const checkRange = checkNameHover(model, directive.valueRange, position, writer);
      if (checkRange) return checkRange;
    }
    const data = getDirective(directive.name);
    if (!data) return null;
    writeDocEntry(writer, `# ${data.name}= (parser directive)`, data, details);
    return directive.range;
  }
  return null;
}

/** Hover on a check name in `# check=skip=A,B`: that rule's explanation, up to its examples. */
function checkNameHover(model: DockerfileModel, valueRange: Range, position: Position, writer: MarkupWriter): Range | null {
  const value = model.textAt(valueRange);
  const at = position.character - valueRange.start.character;
  for (const match of value.matchAll(/[A-Za-z][A-Za-z0-9-]*/g)) {
    if (at < match.index || at > match.index + match[0].length) continue;
    const rule = getRule(match[0]);
    if (!rule) return null;
    writeRuleDocs(writer, rule, { details: false });
    writer.link(`${rule.id} documentation`, rule.url);
    const start = valueRange.start.character + match.index;
    return { start: { line: valueRange.start.line, character: start }, end: { line: valueRange.start.line, character: start + match[0].length } };
  }
  return null;
}

function instructionHover(model: DockerfileModel, position: Position, writer: MarkupWriter, details: boolean): Range | null {
  let instruction = model.instructionAt(position);
  if (!instruction) return null;
  if (instruction.trigger && contains(instruction.trigger.range, position)) instruction = instruction.trigger;
  return (
    keywordHover(instruction, position, writer, details) ??
    flagHover(instruction, position, writer, details, true) ??
    variableHover(model, instruction, position, writer) ??
    stageHover(model, position, writer) ??
    imageHover(model, instruction, position, writer) ??
    heredocHover(instruction, position, writer) ??
    flagHover(instruction, position, writer, details, false)
  );
}

function keywordHover(instruction: InstructionModel, position: Position, writer: MarkupWriter, details: boolean): Range | null {
  if (!contains(instruction.keywordRange, position)) return null;
  const data = getInstruction(instruction.keyword);
  if (!data) return null;
  const notes: string[] = [];
  if (instruction.parent) {
    notes.push(
      `Inside ${writer.inline('ONBUILD')}: this ${writer.inline(data.keyword)} does not run in this build; it runs when another Dockerfile uses this image in its ${writer.inline('FROM')}.`,
    );
  }
  if (data.deprecated) notes.push(`Deprecated: ${data.deprecated}`);
  writeDocEntry(writer, data.keyword, data, details, notes.join(' ') || undefined);
  return instruction.keywordRange;
}

/**
 * Hover on a flag. First pass (`nameOnly`): the `--name` part and mount options; the value of a
 * flag falls back to the flag's page only after stage, image and variable hovers had their turn.
 */
function flagHover(instruction: InstructionModel, position: Position, writer: MarkupWriter, details: boolean, nameOnly: boolean): Range | null {
  const flag = instruction.flags.find((f) => contains(f.range, position));
  if (!flag) return null;
  const onName = position.line === flag.nameRange.end.line && position.character <= flag.nameRange.end.character;
  if (nameOnly && !onName && flag.name.toLowerCase() !== 'mount') return null;
  const name = flag.name.toLowerCase();
  if (name === 'mount' && instruction.keyword === 'RUN') {
    const mountRange = mountHover(instruction, flag, position, writer, details);
    if (mountRange) return mountRange;
  }
  const data = getFlag(instruction.keyword, name);
  if (!data) return null;
  writeDocEntry(writer, `${instruction.keyword} --${data.name}`, data, details);
  return flag.nameRange.start.character >= 2
    ? { start: { line: flag.range.start.line, character: flag.range.start.character }, end: flag.nameRange.end }
    : flag.nameRange;
}

/** Hover on a `--mount` option: the mount type's page on `type=`, the key's page on other keys. */
function mountHover(instruction: InstructionModel, flag: FlagModel, position: Position, writer: MarkupWriter, details: boolean): Range | null {
  const mount = instruction.mounts.find((m) => m.flag === flag);
  const option = flag.options.find((o) => contains(o.range, position));
  if (!mount || !option) return null;
  const type = getMountType(mount.type);
  if (!type) return null;
  if (option.name.toLowerCase() === 'type') {
    writeDocEntry(writer, `RUN --mount=type=${type.type}`, type, details);
    return option.range;
  }
  const data = getMountOption(type.type, option.name);
  if (!data) return null;
  const alias = data.name.toLowerCase() === option.name.toLowerCase() ? '' : ` (written ${writer.inline(option.name)})`;
  writeDocEntry(writer, `--mount=type=${type.type} ${data.name}${alias}`, data, details);
  return option.range;
}
