/**
 * What a planned step reads in one build, beside its own text: the build args that reach its
 * cache key (with this build's values) and, for a COPY or ADD from the build context, its source
 * paths with the variables expanded, which the wiring then hashes in the context folder; and what
 * would make it miss the cache (invalidation.ts), kept in the record for the "rebuilds when" line.
 * Worked out for the steps a record keeps only: a plan is also asked for on every code-lens refresh.
 */
import type { Invalidation, PlanStep } from '../../protocol';
import { expandWord, type DockerfileModel, type InstructionModel } from '../model';
import { argsInScope, isRemote, rebuildsWhen, sources } from './invalidation';

/** The reads of one plan step. */
export interface StepReads {
  args: Record<string, string>;
  /** Context sources to hash; null when the step takes none (or only remote ones, or from a stage or image). */
  sources: string[] | null;
  rebuildsWhen: Invalidation[];
}

/** The instruction each plan step was made from (for a trigger: the ONBUILD's trigger), by its first line. */
function instructionsByLine(model: DockerfileModel): Map<number, InstructionModel> {
  const byLine = new Map<number, InstructionModel>();
  for (const instruction of model.instructions) byLine.set(instruction.range.start.line, instruction);
  return byLine;
}

/** The reads of the given plan steps, in their order, for a build given `buildArgs`. */
export function stepReads(model: DockerfileModel, steps: readonly PlanStep[], buildArgs: Record<string, string>): StepReads[] {
  const byLine = instructionsByLine(model);
  return steps.map((step) => {
    const at = byLine.get(step.line);
    const instruction = step.trigger ? at?.trigger : at;
    if (!instruction || step.stage < 0) return { args: {}, sources: null, rebuildsWhen: [] };
    const args = argsInScope(model, instruction, buildArgs, step.stage);
    return { args, sources: contextSources(model, instruction, args), rebuildsWhen: rebuildsWhen(model, instruction, step.stage) };
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
