/** The semantic model: types and the builder. */
export * from './types';
export { buildModel } from './build';
export { parseImageRef, effectiveRegistry, canonicalRepository } from './imageRef';
export { expandWord } from './expand';
export { expandedVariableRefs, instructionStageRefs, referencesOf } from './references';
export type { ReferenceIndex, ReferenceSymbol, StageSymbol, VariableSymbol, VariableScope, SymbolReference, StageRef } from './references';
