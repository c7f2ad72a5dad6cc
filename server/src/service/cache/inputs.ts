/**
 * What each planned step reads in one build, beside its own text: the build args that reach its
 * cache key (with this build's values) and, for a COPY or ADD from the build context, its source
 * paths with the variables expanded, which the wiring then hashes in the context folder.
 */
import type { BuildPlan } from '../../protocol';
import { expandWord, type DockerfileModel, type InstructionModel } from '../model';
import { argsInScope, isRemote, sources } from './invalidation';

/** The reads of one plan step. */
export interface StepReads {
  args: Record<string, string>;
  /** Context sources to hash; null when the step takes none (or only remote ones, or from a stage or image). */
  sources: string[] | null;
}

/** The instruction each plan step was made from (for a trigger: the ONBUILD's trigger), by its first line. */
function instructionsByLine(model: DockerfileModel): Map<number, InstructionModel> {
  const byLine = new Map<number, InstructionModel>();
  for (const instruction of model.instructions) byLine.set(instruction.range.start.line, instruction);
  return byLine;
}

/** The reads of every step of the plan, in its order, for a build given `buildArgs`. */
export function stepReads(model: DockerfileModel, plan: BuildPlan, buildArgs: Record<string, string>): StepReads[] {
  const byLine = instructionsByLine(model);
  return plan.steps.map((step) => {
    const at = byLine.get(step.line);
    const instruction = step.trigger ? at?.trigger : at;
    if (!instruction || step.stage < 0) return { args: {}, sources: null };
    const args = argsInScope(model, instruction, buildArgs, step.stage);
    return { args, sources: contextSources(model, instruction, args) };
  });
}

/** A COPY or ADD's context sources, variables expanded with the args in scope; null when it reads none. */
function contextSources(model: DockerfileModel, instruction: InstructionModel, args: Record<string, string>): string[] | null {
  if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') return null;
  if (instruction.flags.some((flag) => flag.name === 'from')) return null;
  const written = sources(model, instruction);
  if (written.length === 0 || written.some(isRemote)) return null;
  return written.map((source) => expandWord(source, model.escapeChar, (name) => args[name]));
}
