/**
 * Hovers that explain what something means in this Dockerfile, from the model: a variable's
 * value and origin, a stage's base and users, an image reference's parts, a heredoc's body.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import { getPredefinedArg, type PredefinedArgScope } from './data';
import { canonicalRepository, effectiveRegistry, parseImageRef, referencesOf } from './model';
import type { DockerfileModel, InstructionModel, StageModel, VariableDefModel } from './model';
import type { MarkupWriter } from './markup';
import { contains, lineLabel } from './ranges';

/** The longest `${X:-...}` whose result a hover works out. */
const MAX_EVALUATED = 2000;

/** Hover on `$X`, `${X}`, `${X:-default}` or on the name an ARG/ENV defines. */
export function variableHover(model: DockerfileModel, instruction: InstructionModel, position: Position, writer: MarkupWriter): Range | null {
  // References nest (`${A:-$B}`): the innermost one under the cursor is the one meant. A `$X` in
  // a body the builder leaves as written (a quoted COPY heredoc) is text, not a reference.
  const ref = referencesOf(model).variableRefs(instruction).findLast((v) => contains(v.range, position));
  if (ref) {
    describeVariable(model, instruction, ref.name, writer);
    if (ref.modifier) {
      const written = model.textAt(ref.range);
      const word = ref.modifierValue ? ` with ${writer.inline(ref.modifierValue)}` : '';
      // Evaluating costs ~the text's length times its nesting: a generated kilobyte-long default
      // would make every hover slow, and its result would be cut for display anyway.
      const result = written.length <= MAX_EVALUATED ? model.expand(written, instruction) : null;
      const outcome = result === null ? '' : ` Here it gives ${result === '' ? 'an empty string' : writer.inline(result)}.`;
      writer.paragraph(`${writer.inline(written)} uses the modifier ${writer.inline(ref.modifier)}${word}: ${modifierMeaning(ref.modifier)}${outcome}`);
    }
    return ref.range;
  }
  if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') return null;
  const property = instruction.properties.find((p) => contains(p.nameRange, position));
  if (!property) return null;
  const def = model.definitions.find((d) => d.instruction === instruction && d.name === property.name);
  writer.heading(instruction.keyword, property.name);
  if (def) writer.paragraph(defineSentence(model, def, writer));
  if (def?.kind === 'ARG' && def.stageIndex < 0) {
    writer.paragraph(`A global ARG: FROM lines can use it; a stage sees it only after re-declaring ${writer.inline(`ARG ${def.name}`)}.`);
  }
  return property.nameRange;
}

function describeVariable(model: DockerfileModel, instruction: InstructionModel, name: string, writer: MarkupWriter): void {
  const resolution = model.resolveVariable(name, instruction);
  writer.heading('', `$${name}`);
  const def = resolution.definition;
  const predefined = getPredefinedArg(name);
  if (def) {
    // `ARG TARGETARCH` in a stage: no default written, but the builder fills in the value.
    const automatic = def.kind === 'ARG' && def.rawValue === null && !resolution.globalDefault && predefined?.definedIn === 'global';
    if (automatic) writer.paragraph(`Set automatically by the builder: ${predefined.summary}`);
    else {
      writer.paragraph(
        resolution.value === null
          ? `No value is known here: ${writer.inline(`ARG ${name}`)} has no default, so it is empty unless the build passes ${writer.inline(`--build-arg ${name}=...`)}.`
          : `Value here: ${writer.inline(resolution.value)}${resolution.value === '' ? ' (empty)' : ''}`,
      );
    }
    writer.paragraph(defineSentence(model, def, writer));
    if (resolution.globalDefault) {
      writer.paragraph(`Its default comes from the global ${writer.inline(`ARG ${name}`)} on line ${lineLabel(resolution.globalDefault.instruction!.range)}.`);
    }
    if (def.kind === 'ARG') writer.paragraph(`A ${writer.inline('--build-arg')} given to the build replaces this value.`);
    return;
  }
  if (predefined) {
    writer.paragraph(predefined.summary);
    if (predefined.exampleValue) writer.paragraph(`Typical value: ${writer.inline(predefined.exampleValue)}`);
    if (!resolution.predefined) writer.paragraph(`Not set here: ${notSetHere(predefined.definedIn, instruction, name, writer)}`);
    writer.link('Dockerfile reference', predefined.link);
    return;
  }
  const scope = instruction.stageIndex < 0 || instruction.keyword === 'FROM' ? 'the global scope (before the first FROM)' : 'this stage';
  writer.paragraph(
    `Not defined here: no ARG or ENV in ${scope} declares ${writer.inline(name)} before this line, so it expands to an empty string unless the shell of a RUN sets it.`,
  );
}

/** Why a predefined ARG is empty at this point, and the declaration that makes it usable. */
function notSetHere(definedIn: PredefinedArgScope, instruction: InstructionModel, name: string, writer: MarkupWriter): string {
  const declare = writer.inline(`ARG ${name}`);
  const global = instruction.stageIndex < 0 || instruction.keyword === 'FROM';
  if (definedIn === 'global') return `the builder sets it in the global scope only; add ${declare} (no value) in the stage to use it.`;
  if (definedIn === 'run') {
    return global
      ? `only RUN commands get it without a declaration; FROM lines see it after a global ${declare}.`
      : `only RUN commands get it without a declaration; add ${declare} in the stage to use it here.`;
  }
  return `the builder reads it as a setting, not as a variable; it is empty unless ${declare} declares it${global ? ' in the global scope' : ' in the stage'}.`;
}

function defineSentence(model: DockerfileModel, def: VariableDefModel, writer: MarkupWriter): string {
  const where = def.stageIndex < 0 ? 'in the global scope' : `in stage ${stageLabel(model.stages[def.stageIndex], writer)}`;
  const inherited = def.kind === 'ENV' ? ' ENV values are also set in containers and in stages built FROM this one.' : '';
  const raw = def.rawValue === null ? '' : `=${def.rawValue}`;
  return `Defined by ${writer.inline(`${def.kind} ${def.name}${raw}`)} on line ${lineLabel(def.instruction!.range)} ${where}.${inherited}`;
}

function modifierMeaning(modifier: string): string {
  const meanings: Record<string, string> = {
    ':-': 'the word is used when the variable is unset or empty.',
    '-': 'the word is used when the variable is unset.',
    ':+': 'the word is used when the variable is set and not empty, else nothing.',
    '+': 'the word is used when the variable is set, else nothing.',
    ':?': 'the build fails with the word as message when the variable is unset or empty.',
    '?': 'the build fails with the word as message when the variable is unset.',
  };
  return meanings[modifier] ?? 'the value is transformed by a pattern (`#`/`%` remove a prefix/suffix, `/` replaces).';
}

function stageLabel(stage: StageModel | undefined, writer: MarkupWriter): string {
  if (!stage) return 'unknown';
  return stage.name ? writer.inline(stage.name) : `#${stage.index}`;
}

/** Hover on a stage name: after AS, in FROM <stage>, COPY --from=<stage> or --mount from=<stage>. */
export function stageHover(model: DockerfileModel, position: Position, writer: MarkupWriter): Range | null {
  const index = referencesOf(model);
  const reference = index.referenceAt(position);
  if (reference?.symbol.kind !== 'stage') return null;
  const stage = reference.symbol.stage;
  if (stage.name) writer.heading('Stage', stage.name);
  else writer.heading(`Stage #${stage.index}`);
  const base = stage.parentStage !== null ? `the stage ${stageLabel(model.stages[stage.parentStage], writer)}` : writer.inline(stage.resolvedBase || stage.baseText);
  writer.paragraph(`Stage ${stage.index + 1} of ${model.stages.length} (index ${stage.index}), defined on line ${lineLabel(stage.from.range)}, built from ${base}.`);
  const users = index.stageUsers(stage);
  writer.list(
    users.map((u) => `line ${lineLabel(u.range)}: ${writer.inline(`${u.keyword} ${firstWords(u)}`)}`),
    users.length > 0 ? 'Used by' : undefined,
  );
  if (users.length === 0) {
    const last = stage.index === model.stages.length - 1;
    writer.paragraph(last ? 'The last stage: a plain build produces this image.' : 'No later instruction uses this stage; it is built only when chosen with `--target` (BuildKit skips unused stages).');
  }
  return reference.range;
}

function firstWords(instruction: InstructionModel): string {
  const flags = instruction.flags.map((f) => `--${f.name}${f.value !== null ? `=${f.value}` : ''}`);
  const text = [...flags, ...instruction.args.map((a) => a.value)].join(' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Hover on the image of a FROM (or a COPY --from that names an image, not a stage). */
export function imageHover(model: DockerfileModel, instruction: InstructionModel, position: Position, writer: MarkupWriter): Range | null {
  let ref = null;
  if (instruction.keyword === 'FROM') {
    const stage = model.stages[instruction.stageIndex];
    if (stage?.image && contains(stage.baseRange, position)) ref = stage.image;
  } else {
    const at = referencesOf(model).stageRefs(instruction).find((r) => contains(r.range, position));
    if (at && !at.stage) ref = parseImageRef(model.expand(at.value, instruction), at.range);
  }
  if (!ref) return null;
  if (ref.repository === 'scratch' && ref.registry === null && !ref.tag) {
    writer.heading('scratch').paragraph('The empty image: no files, no shell, no package manager. The next instructions start from nothing, which suits static binaries.');
    return ref.range;
  }
  writer.heading('Image', ref.text);
  const written = model.textAt(ref.range);
  if (written !== ref.text) writer.paragraph(`Written ${writer.inline(written)}; with the defaults of the ARGs it is ${writer.inline(ref.text)}.`);
  writer.list([
    `registry: ${writer.inline(effectiveRegistry(ref))}${ref.registry === null ? ' (Docker Hub, the default)' : ''}`,
    `repository: ${writer.inline(canonicalRepository(ref))}`,
    `tag: ${ref.tag ? writer.inline(ref.tag) : ref.digest ? 'none' : `none, so ${writer.inline('latest')}`}`,
    `digest: ${ref.digest ? writer.inline(ref.digest) : 'none (the tag can move; pin with @sha256:... for a reproducible build)'}`,
  ]);
  return ref.range;
}

/** Hover on a heredoc's `<<EOF` marker or its closing line. */
export function heredocHover(instruction: InstructionModel, position: Position, writer: MarkupWriter): Range | null {
  const heredoc = instruction.heredocs.find((h) => contains(h.markerRange, position) || contains(h.nameRange, position) || contains(h.endRange, position));
  if (!heredoc) return null;
  writer.heading('Heredoc', heredoc.name);
  const content = heredoc.contentRange;
  const body = !content
    ? 'empty body'
    : content.start.line === content.end.line
      ? `line ${content.start.line + 1}`
      : `lines ${content.start.line + 1}-${content.end.line + 1}`;
  const role =
    instruction.keyword === 'RUN'
      ? 'are a script: BuildKit runs them with the shell (or with the interpreter a `#!` line names) as one build step.'
      : 'become the content of a file the instruction writes into the image.';
  writer.paragraph(`The ${body} up to the line ${writer.inline(heredoc.name)} ${role}`);
  if (!heredoc.endRange) writer.paragraph(`Unterminated: no line ${writer.inline(heredoc.name)} closes it, so it runs to the end of the file.`);
  writer.list([
    heredoc.quoted ? 'The delimiter is quoted: variables in the body are left as written.' : 'Variables in the body are expanded by the build (quote the delimiter to keep them as written).',
    heredoc.stripTabs ? '`<<-` removes leading tabs from each body line.' : 'Leading whitespace is kept (`<<-` would strip leading tabs).',
    'Heredocs need Dockerfile frontend 1.4 or later.',
  ]);
  return contains(heredoc.endRange, position) ? heredoc.endRange : heredoc.markerRange;
}
