/**
 * Rename a stage or a variable so the Dockerfile keeps its meaning: every occurrence the
 * reference index gives the symbol changes (a global ARG takes along the stage `ARG X` lines
 * that import it and their uses; a stage ARG with its own default is a symbol of its own), and
 * a name that is invalid, reserved, or would clash with or capture another stage or variable is
 * refused with a reason.
 */
import type { Range, TextEdit, WorkspaceEdit, Position } from 'vscode-languageserver-types';
import { getPredefinedArg } from './data';
import { referencesOf, type DockerfileModel, type ReferenceIndex, type StageSymbol, type SymbolReference, type VariableSymbol } from './model';
import { lineLabel } from './ranges';
import { excerpt } from './safeText';

/** What prepareRename answers: the name under the cursor, a reason it cannot be renamed, or null for nothing renamable. */
export type PrepareRenameResult = { range: Range; placeholder: string } | { error: string } | null;

/** What rename answers: the edit, or the reason the new name is refused. */
export type RenameResult = { edit: WorkspaceEdit } | { error: string };

// BuildKit's rule for stage names, compared after lower-casing.
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
const RESERVED_STAGE_NAMES = new Set(['scratch', 'context']);
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether the symbol under the cursor can be renamed, and the name to start from. */
export function prepareRename(model: DockerfileModel, position: Position): PrepareRenameResult {
  const found = renamable(model, position);
  if (!found || 'error' in found) return found;
  return { range: found.reference.range, placeholder: model.textAt(found.reference.range) };
}

/** The edit that renames the symbol under the cursor to `newName` in the document `uri`. */
export function rename(model: DockerfileModel, uri: string, position: Position, newName: string): RenameResult | null {
  const found = renamable(model, position);
  if (!found || 'error' in found) return found;
  const { index, reference } = found;
  const symbol = reference.symbol;
  const problem = symbol.kind === 'stage' ? stageNameProblem(model, index, symbol, newName) : variableNameProblem(model, index, symbol, newName);
  if (problem) return { error: problem };
  const edits: TextEdit[] = index
    .referencesTo(symbol, { includeDeclaration: true })
    .filter((r) => !r.byIndex)
    .map((r) => ({ range: r.range, newText: newName }));
  return { edit: { changes: { [uri]: edits } } };
}

type Found = { index: ReferenceIndex; reference: SymbolReference } | { error: string } | null;

function renamable(model: DockerfileModel, position: Position): Found {
  const index = referencesOf(model);
  const reference = index.referenceAt(position);
  if (!reference) return null;
  const symbol = reference.symbol;
  if (symbol.kind === 'stage') {
    const stage = symbol.stage;
    if (!stage.name) return { error: `Stage ${stage.index} (line ${lineLabel(stage.from.range)}) has no name to rename; give it one with AS <name>.` };
    if (reference.byIndex) return { error: `This refers to stage "${excerpt(stage.name)}" by its index, which a rename does not change; rename it at its name on line ${lineLabel(stage.from.range)}.` };
    const dynamic = index.referencesTo(symbol).find((r) => r.viaVariable);
    if (dynamic) return { error: `Stage "${excerpt(stage.name)}" is also named through a variable on line ${lineLabel(dynamic.range)}; a rename cannot follow it there.` };
    return { index, reference };
  }
  if (getPredefinedArg(symbol.name)) return { error: `${excerpt(symbol.name)} is a predefined ARG: the builder sets it by this name, so it cannot be renamed.` };
  return { index, reference };
}

function stageNameProblem(model: DockerfileModel, index: ReferenceIndex, symbol: StageSymbol, newName: string): string | null {
  const lower = newName.toLowerCase();
  if (!STAGE_NAME.test(lower)) return `"${excerpt(newName)}" is not a valid stage name: start with a letter, then letters, digits, "-", "_" or ".".`;
  if (RESERVED_STAGE_NAMES.has(lower)) return `"${excerpt(lower)}" is reserved and cannot name a stage.`;
  const other = model.stages.find((s) => s !== symbol.stage && s.name?.toLowerCase() === lower);
  if (other) return `Stage ${other.index} on line ${lineLabel(other.from.range)} is already named "${excerpt(other.name ?? '')}".`;
  // An image reference spelled like the new name would start naming this stage.
  for (const stage of model.stages) {
    if (stage.index > symbol.stage.index && stage.parentStage === null && stage.baseRange && stage.baseText.toLowerCase() === lower) {
      return `"${excerpt(newName)}" is the image on line ${lineLabel(stage.baseRange)}; with this name that line would build from the stage instead.`;
    }
  }
  for (const instruction of model.instructions) {
    for (const target of [instruction, instruction.trigger]) {
      const image = target ? index.stageRefs(target).find((r) => !r.stage && r.value.toLowerCase() === lower) : undefined;
      if (image) return `"${excerpt(newName)}" is the image on line ${lineLabel(image.range)}; with this name that line would copy from the stage instead.`;
    }
  }
  return null;
}

function variableNameProblem(model: DockerfileModel, index: ReferenceIndex, symbol: VariableSymbol, newName: string): string | null {
  if (!VARIABLE_NAME.test(newName)) return `"${excerpt(newName)}" is not a valid variable name: use letters, digits and "_", not starting with a digit.`;
  if (newName === symbol.name) return null;
  if (getPredefinedArg(newName)) return `${newName} is a predefined ARG that the builder sets itself; choose another name.`;
  const occurrences = index.referencesTo(symbol, { includeDeclaration: true });
  const scopes = scopesOf(model, occurrences);
  const defined = model.definitions.find((d) => d.name === newName && scopes.has(d.stageIndex));
  if (defined) return `"${excerpt(newName)}" is already defined on line ${lineLabel(defined.instruction!.range)} (${defined.kind} ${excerpt(newName)}) where ${excerpt(symbol.name)} is used.`;
  for (const occurrence of occurrences) {
    const existing = model.resolveVariable(newName, occurrence.instruction).definition;
    if (existing) return `"${excerpt(newName)}" is already visible on line ${lineLabel(occurrence.range)} (${existing.kind} on line ${lineLabel(existing.instruction!.range)}).`;
  }
  // A use of the new name that means nothing today would start to mean this variable.
  for (const instruction of model.instructions) {
    for (const target of [instruction, instruction.trigger]) {
      if (!target || !scopes.has(scopeOf(target))) continue;
      const stray = index.variableRefs(target).find((r) => r.name === newName && !model.resolveVariable(newName, target).definition);
      if (stray) return `"$${newName}" on line ${lineLabel(stray.range)} would then refer to this variable.`;
    }
  }
  return null;
}

/** Where an instruction's variables resolve: -1 for the global scope and FROM lines, else its stage. */
function scopeOf(instruction: SymbolReference['instruction']): number {
  return instruction.keyword === 'FROM' ? -1 : instruction.stageIndex;
}

/** The scopes the symbol appears in, with the stages built FROM them (which inherit their ARG and ENV). */
function scopesOf(model: DockerfileModel, occurrences: SymbolReference[]): Set<number> {
  const scopes = new Set(occurrences.map((o) => scopeOf(o.instruction)));
  for (const stage of model.stages) {
    if (stage.parentStage !== null && scopes.has(stage.parentStage)) scopes.add(stage.index);
  }
  return scopes;
}
