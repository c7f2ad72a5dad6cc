/**
 * Puts a builder's step back on the Dockerfile line it came from. BuildKit numbers steps per
 * stage: the FROM of an image is step 1, a stage built on another stage or on scratch has no FROM
 * step, ONBUILD triggers of a parent stage run first, and only RUN, COPY, ADD and WORKDIR count.
 * The legacy builder numbers every instruction of the file.
 */
import type { StepInfo } from './events';
import { type ScannedDockerfile, type ScannedInstruction, type ScannedStage, findStage, isBuildkitStep } from './dockerfileSteps';

/** Where a step came from: the instruction (for a trigger, the ONBUILD that declared it). */
export interface StepLocation {
  instruction: ScannedInstruction;
  startLine: number;
  endLine: number;
  /** True when the step is an ONBUILD trigger declared in the parent stage. */
  trigger: boolean;
}

/** Maps one step to its instruction, or null for internal steps and steps it cannot place. */
export function locateStep(file: ScannedDockerfile, step: StepInfo, target: string | null = null): StepLocation | null {
  if (step.internal || step.index === null) return null;
  if (step.numbering === 'file') {
    const instruction = file.instructions[step.index - 1];
    return instruction ? at(instruction, false) : null;
  }
  const stage = stepStage(file, step.stage, target);
  if (!stage) return null;
  const sequence = buildkitSequence(file, stage);
  const candidate = sequence[step.index - 1];
  if (candidate && sameKeyword(candidate, step)) return candidate;
  // The count did not line up (e.g. triggers from an image's ONBUILD): fall back to the text.
  return sequence.find((location) => sameKeyword(location, step) && sameText(location, step)) ?? null;
}

/** The steps BuildKit runs for a stage, in its numbering order (index 0 is step 1). */
export function buildkitSequence(file: ScannedDockerfile, stage: ScannedStage): StepLocation[] {
  const sequence: StepLocation[] = [];
  const from = stage.instructions[0];
  const scratch = stage.base.toLowerCase() === 'scratch';
  if (stage.parentStage === null && !scratch && from) sequence.push(at(from, false));
  if (stage.parentStage !== null) {
    for (const onbuild of file.stages[stage.parentStage].instructions) {
      if (onbuild.trigger && isBuildkitStep(onbuild.trigger.keyword)) sequence.push(at(onbuild, true));
    }
  }
  for (const instruction of stage.instructions) if (isBuildkitStep(instruction.keyword)) sequence.push(at(instruction, false));
  return sequence;
}

function stepStage(file: ScannedDockerfile, name: string | null, target: string | null): ScannedStage | undefined {
  if (name !== null) return findStage(file, name);
  // BuildKit leaves the stage out when the file has one stage; otherwise it is the target.
  return findStage(file, target) ?? file.stages[file.stages.length - 1];
}

function at(instruction: ScannedInstruction, trigger: boolean): StepLocation {
  return { instruction, startLine: instruction.startLine, endLine: instruction.endLine, trigger };
}

function keywordOf(location: StepLocation): string {
  return location.trigger && location.instruction.trigger ? location.instruction.trigger.keyword : location.instruction.keyword;
}

function sameKeyword(location: StepLocation, step: StepInfo): boolean {
  return step.keyword === null || keywordOf(location) === step.keyword;
}

function sameText(location: StepLocation, step: StepInfo): boolean {
  const args = location.trigger && location.instruction.trigger ? location.instruction.trigger.args : location.instruction.args;
  const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
  return squash(step.text).endsWith(squash(args)) || squash(step.text).includes(squash(args).slice(0, 20));
}
