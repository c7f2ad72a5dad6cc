/**
 * Builds the DockerfileModel from text: one dockerfile-ast parse, then stages, variable
 * definitions and lookups. Pure: text in, model out.
 */
import { From } from 'dockerfile-ast';
import { lineIndex } from './lines';
import type { Position } from 'vscode-languageserver-types';
import { parseDirectives } from './directives';
import { expandWord } from './expand';
import { parseImageRef } from './imageRef';
import { parseAll, reparse, type ParseState } from './chunks';
import type { LazyInstruction } from './instruction';
import { addDefinition, addStageScope, createScopes, lookupValue, resolveIn, type Scopes } from './variables';
import type { DockerfileModel, InstructionModel, StageModel, VariableDefModel } from './types';

/** How each model was parsed, so the next version can re-parse only what changed. */
const parseStates = new WeakMap<DockerfileModel, ParseState>();

/**
 * Parses the text into the semantic model. Never throws on any input. With `previous` (the
 * model of the version before an edit), only the instructions around the edit are parsed again.
 */
export function buildModel(text: string, previous?: DockerfileModel): DockerfileModel {
  const lines = lineIndex(text);
  const previousState = previous ? parseStates.get(previous) : undefined;
  const state = previousState ? reparse(previousState, text) : parseAll(text);
  const escapeChar = state.escapeChar;
  const directives = parseDirectives(text);

  const instructions: InstructionModel[] = [];
  const stages: StageModel[] = [];
  // Lower-cased stage name -> index of the first stage with it (BuildKit compares names that way).
  const stageNames = new Map<string, number>();
  const scopes: Scopes = createScopes(stages);
  const definitions: VariableDefModel[] = [];
  const expand = (value: string, at: InstructionModel) =>
    expandWord(value, escapeChar, (name) => lookupValue(scopes, name, at));

  const all = state.chunks.length === 1 ? state.chunks[0].instructions : state.chunks.flatMap((c) => c.instructions);
  for (const instruction of all) {
    const node = instruction.node;
    const isFrom = node instanceof From;
    const stageIndex = isFrom ? stages.length : stages.length - 1;
    instruction.setStage(stageIndex);
    instructions.push(instruction);
    if (isFrom) {
      const stage = makeStage(node, instruction, stages, stageNames, expand);
      stages.push(stage);
      const lower = stage.name?.toLowerCase();
      if (lower !== undefined && !stageNames.has(lower)) stageNames.set(lower, stage.index);
      addStageScope(scopes);
    } else if (stageIndex >= 0) {
      stages[stageIndex].instructions.push(instruction);
    }
    if (instruction.keyword === 'ARG' || instruction.keyword === 'ENV') {
      for (const property of instruction.properties) {
        const rawValue = property.value;
        const def: VariableDefModel = {
          name: property.name,
          kind: instruction.keyword,
          rawValue,
          value: null,
          stageIndex,
          instruction,
          nameRange: property.nameRange,
        };
        if (rawValue !== null) def.value = expand(rawValue, instruction);
        else if (stageIndex >= 0) def.value = resolveIn(scopes, property.name, stages[stageIndex].from).value;
        addDefinition(scopes, def);
        definitions.push(def);
      }
    }
  }

  for (const stage of stages) {
    const last = stage.instructions[stage.instructions.length - 1];
    if (last) stage.range = { start: stage.from.range.start, end: last.range.end };
  }

  const stageByRef = (ref: string) => findStage(stages, stageNames, ref, stages.length);

  const model: DockerfileModel = {
    text,
    get lineCount() {
      return lines.lineCount();
    },
    escapeChar,
    directives,
    instructions,
    stages,
    globalArgs: scopes.global,
    definitions,
    parserFaults: state.faults,
    offsetAt: lines.offsetAt,
    textAt: lines.textAt,
    instructionAt: (position: Position) => findInstruction(instructions, position),
    stageAtLine: (line: number) => {
      for (let i = stages.length - 1; i >= 0; i--) if (stages[i].from.range.start.line <= line) return stages[i];
      return undefined;
    },
    stageByRef,
    resolveVariable: (name, at) => resolveIn(scopes, name, at),
    expand,
  };
  parseStates.set(model, state);
  return model;
}

function makeStage(
  node: From,
  from: LazyInstruction,
  earlier: StageModel[],
  stageNames: Map<string, number>,
  expand: (value: string, at: InstructionModel) => string,
): StageModel {
  const { baseText, baseRange, name, nameRange } = from.fromParts(node);
  const resolvedBase = baseText.includes('$') ? expand(baseText, from) : baseText;
  const parent = findStage(earlier, stageNames, resolvedBase, earlier.length);
  return {
    index: earlier.length,
    name,
    nameRange,
    from,
    baseText,
    baseRange,
    resolvedBase,
    parentStage: parent ? parent.index : null,
    image: parent || !baseRange ? null : parseImageRef(resolvedBase, baseRange),
    instructions: [],
    range: from.range,
  };
}

/** A stage named `ref` (case-insensitive) or with index `ref`, among the first `limit` stages. */
function findStage(stages: StageModel[], names: Map<string, number>, ref: string, limit: number): StageModel | undefined {
  const named = names.get(ref.toLowerCase());
  if (named !== undefined && named < limit && named < stages.length) return stages[named];
  if (/^\d+$/.test(ref)) {
    const index = Number(ref);
    if (index < limit && index < stages.length) return stages[index];
  }
  return undefined;
}

/** Binary search over the top-level instructions by line. */
function findInstruction(instructions: InstructionModel[], position: Position): InstructionModel | undefined {
  let lo = 0;
  let hi = instructions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const { start, end } = instructions[mid].range;
    if (position.line < start.line || (position.line === start.line && position.character < start.character)) hi = mid - 1;
    else if (position.line > end.line || (position.line === end.line && position.character > end.character)) lo = mid + 1;
    else return instructions[mid];
  }
  return undefined;
}
