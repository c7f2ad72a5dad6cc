/** Plan steps for tests of what reads the step plan (layer sizes, reports). */
import type { PlanStep } from '../../server/src/protocol';
import { buildModel } from '../../server/src/service/model';
import { buildPlan } from '../../server/src/service/cache/plan';

/**
 * The step plan's steps of a Dockerfile built to its last stage; `inImage` names the stages the
 * test expects the image to contain (the plan's FROM chain of the target), checked here.
 */
export function planOf(text: string, inImage: number[]): PlanStep[] {
  const plan = buildPlan(buildModel(text), null);
  const chain = [...new Set(plan.steps.filter((step) => step.stage >= 0 && step.output !== 'not-in-image').map((step) => step.stage))];
  if (JSON.stringify(chain) !== JSON.stringify(inImage)) throw new Error(`the plan's image holds stages ${chain.join(', ')}, the test expects ${inImage.join(', ')}`);
  return plan.steps;
}
