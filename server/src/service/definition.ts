/**
 * Go to definition: from a variable reference to the ARG or ENV that defines it there, and from
 * a stage reference (FROM <stage>, COPY --from, RUN --mount from=) to the stage's name.
 */
import type { Location, Position } from 'vscode-languageserver-types';
import type { DockerfileModel } from './model';
import { contains } from './ranges';

/** Where the thing under the cursor is defined, or null. */
export function findDefinition(model: DockerfileModel, uri: string, position: Position): Location | null {
  let instruction = model.instructionAt(position);
  if (!instruction) return null;
  if (instruction.trigger && contains(instruction.trigger.range, position)) instruction = instruction.trigger;
  const ref = instruction.variables.findLast((v) => contains(v.range, position));
  if (ref) {
    const def = model.resolveVariable(ref.name, instruction).definition;
    return def?.nameRange ? { uri, range: def.nameRange } : null;
  }
  const stageRef = stageReferenceAt(model, instruction, position);
  if (stageRef?.nameRange) return { uri, range: stageRef.nameRange };
  return null;
}

function stageReferenceAt(model: DockerfileModel, instruction: NonNullable<ReturnType<DockerfileModel['instructionAt']>>, position: Position) {
  if (instruction.keyword === 'FROM') {
    const stage = model.stages[instruction.stageIndex];
    if (stage && stage.parentStage !== null && contains(stage.baseRange, position)) return model.stages[stage.parentStage];
    return undefined;
  }
  const values = [
    ...instruction.flags.filter((f) => f.name.toLowerCase() === 'from').map((f) => ({ value: f.value, range: f.valueRange })),
    ...instruction.mounts.flatMap((m) => m.options.filter((o) => o.name.toLowerCase() === 'from').map((o) => ({ value: o.value, range: o.valueRange }))),
  ];
  const hit = values.find((v) => v.value && contains(v.range, position));
  return hit?.value ? model.stageByRef(hit.value) : undefined;
}
