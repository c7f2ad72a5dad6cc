/**
 * Renders our model in BuildKit's parser AST dump format (`Node.Dump()` in
 * moby/buildkit frontend/dockerfile/parser), so the model can be compared line by line with
 * BuildKit's golden `result` files. Everything comes from the model's data (keyword, flags,
 * argsText, form/execArgs, properties and their ranges); the only text work done here is what
 * BuildKit's per-instruction argument splitting does on top of its joined line.
 */
import type { DockerfileModel, InstructionModel, PropertyModel } from '../../server/src/service/model';
import { joinContinuationLines } from '../../server/src/service/model/instruction';

/** BuildKit's `reWhitespace`: the separators of parseStringsWhitespaceDelimited. */
const WHITESPACE = /[\t\v\f\r ]+/;

/** The whole dump of a model, as BuildKit's test prints it (`AST.Dump() + "\n"`). */
export function dumpModel(model: DockerfileModel): string {
  return model.instructions.map((i) => `(${dumpInstruction(model, i)})\n`).join('');
}

/** One instruction node: `keyword ["--flag=v"] "arg" "arg"`, or `onbuild (trigger)`. */
export function dumpInstruction(model: DockerfileModel, instruction: InstructionModel): string {
  let out = instruction.keyword.toLowerCase();
  // BuildKit treats `--` as the end of flags, never as a flag itself.
  const flags = instruction.flags.filter((f) => !(f.name === '' && f.value === null));
  if (flags.length > 0) out += ` [${flags.map((f) => goQuote(f.value === null ? `--${f.name}` : `--${f.name}=${f.value}`)).join(' ')}]`;
  if (instruction.trigger) return `${out} (${dumpInstruction(model, instruction.trigger)})`;
  const words = argumentNodes(model, instruction);
  return words === null ? out : [out, ...words.map(goQuote)].join(' ').trim();
}

/** The `Next` chain of an instruction node: BuildKit's dispatch table, read from our model. */
function argumentNodes(model: DockerfileModel, instruction: InstructionModel): string[] | null {
  const rest = instruction.argsText.trim();
  switch (instruction.keyword) {
    case 'ADD':
    case 'COPY':
    case 'VOLUME':
      // parseMaybeJSONToList
      return instruction.form === 'exec' ? instruction.execArgs! : splitWhitespace(rest);
    case 'CMD':
    case 'ENTRYPOINT':
    case 'RUN':
    case 'SHELL':
      // parseMaybeJSON
      if (instruction.form === 'exec') return instruction.execArgs!;
      return rest === '' ? [] : [rest];
    case 'FROM':
    case 'EXPOSE':
      return splitWhitespace(rest);
    case 'MAINTAINER':
    case 'STOPSIGNAL':
    case 'USER':
    case 'WORKDIR':
      return rest === '' ? [] : [rest];
    case 'HEALTHCHECK': {
      // parseHealthConfig: the first word, then parseMaybeJSON over the remainder.
      if (rest === '') return [];
      const type = rest.split(/\s/, 1)[0];
      const cmd = rest.slice(type.length).trimStart();
      if (instruction.form === 'exec') return [type, ...instruction.execArgs!];
      return cmd === '' ? [type] : [type, cmd];
    }
    case 'ARG':
      // parseNameOrNameVal: each word as written.
      return instruction.properties.map((p) => joinLines(model, model.textAt(p.range)));
    case 'ENV':
    case 'LABEL':
      return instruction.properties.flatMap((p) => nameValueNodes(model, p));
    default:
      // parseIgnore: an empty node.
      return [''];
  }
}

/** parseNameVal: `name value ""` for the legacy form, `name value "="` for each pair. */
function nameValueNodes(model: DockerfileModel, property: PropertyModel): string[] {
  const name = joinLines(model, model.textAt(property.nameRange));
  if (property.legacyForm) {
    const value = property.valueRange ? joinLines(model, model.textAt(property.valueRange)) : '';
    return [name, value, ''];
  }
  const whole = joinLines(model, model.textAt(property.range));
  const eq = whole.indexOf('=');
  return [name, eq < 0 ? '' : whole.slice(eq + 1), '='];
}

/** parseStringsWhitespaceDelimited. */
function splitWhitespace(rest: string): string[] {
  return rest === '' ? [] : rest.split(WHITESPACE);
}

/** Our ranges point into the raw text; BuildKit reads a property from its joined logical line. */
function joinLines(model: DockerfileModel, raw: string): string {
  return joinContinuationLines(raw, model.escapeChar);
}

/** Go's strconv.Quote: `"` and `\` escaped, control and non-printable characters as escapes. */
export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };
    if (named[ch]) out += named[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x80 || ch === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += ch;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
