/**
 * Variable scopes as BuildKit applies them: global ARGs (before the first FROM) are visible to
 * FROM lines; inside a stage an ARG is visible from its declaration to the end of the stage and
 * takes its default from a global ARG of the same name when it has none; ENV is inherited by
 * stages built FROM this stage and always wins over an ARG of the same name.
 */
import type { InstructionModel, StageModel, VariableDefModel, VariableResolution } from './types';
/** Platform ARGs the builder sets in the global scope (a stage must re-declare them). */
export declare const PLATFORM_ARGS: Set<string>;
/** ARGs the builder accepts without a declaration (proxies and BuildKit switches). */
export declare const UNDECLARED_ARGS: Set<string>;
/** Definitions grouped by scope, in document order, and by name within each scope. */
export interface Scopes {
    global: VariableDefModel[];
    /** Indexed by stage index. */
    stages: VariableDefModel[][];
    stageList: StageModel[];
    /** The same definitions by name (a lookup scans only its own name's definitions). */
    globalByName: Map<string, VariableDefModel[]>;
    stagesByName: Map<string, VariableDefModel[]>[];
}
/** Empty scopes over a stage list that the builder fills. */
export declare function createScopes(stageList: StageModel[]): Scopes;
/** Opens the scope of the next stage. */
export declare function addStageScope(scopes: Scopes): void;
/** Records a definition in its scope (global when `stageIndex` is -1). */
export declare function addDefinition(scopes: Scopes, def: VariableDefModel): void;
/** Resolves a name for an instruction (FROM lines resolve in the global scope). */
export declare function resolveIn(scopes: Scopes, name: string, at: InstructionModel): VariableResolution;
/** The value a lookup during expansion sees: undefined when the name is not set there. */
export declare function lookupValue(scopes: Scopes, name: string, at: InstructionModel): string | undefined;
