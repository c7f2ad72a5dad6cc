/** Practices about RUN as a whole: pipes without pipefail, and consecutive RUNs that could be one. */
import type { DockerfileModel, InstructionModel } from '../../../model';
import type { Rule } from '../../types';
/** The SHELL in effect for a RUN: the last SHELL before it in its stage or the stages it builds on. */
export declare function shellFor(model: DockerfileModel, run: InstructionModel): string[];
export declare const pipefail: Rule;
export declare const consecutiveRuns: Rule;
export declare const RUN_RULES: Rule[];
