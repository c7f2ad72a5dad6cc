/**
 * Document symbols (the Outline): global ARGs, then one symbol per stage with its ARG and ENV
 * definitions inside.
 */
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { DockerfileModel, VariableDefModel } from './model';

function variableSymbol(def: VariableDefModel): DocumentSymbol {
  const range: Range = def.instruction!.range;
  return {
    name: def.name,
    detail: def.rawValue === null ? def.kind : `${def.kind} = ${def.rawValue}`,
    kind: def.kind === 'ENV' ? SymbolKind.Constant : SymbolKind.Variable,
    range,
    selectionRange: def.nameRange ?? range,
  };
}

/** The outline of a Dockerfile. */
export function documentSymbols(model: DockerfileModel): DocumentSymbol[] {
  const symbols = model.globalArgs.map(variableSymbol);
  for (const stage of model.stages) {
    const name = stage.name ?? `stage ${stage.index}`;
    symbols.push({
      name,
      detail: `FROM ${stage.baseText}`,
      kind: SymbolKind.Class,
      range: stage.range,
      selectionRange: stage.nameRange ?? stage.from.keywordRange,
      children: model.definitions.filter((d) => d.stageIndex === stage.index).map(variableSymbol),
    });
  }
  return symbols;
}
