/**
 * Where a failed build failed, as a line of the Dockerfile and a message with the step's last log
 * lines: the content of the error diagnostic. Pure, so it is tested on recorded and real builds.
 */
import type { BuildState } from './buildState';
import type { ScannedDockerfile } from './dockerfileSteps';
import { locateStep } from './stepLines';

/** A failed step placed on the Dockerfile (0-based lines). */
export interface FailurePlace {
  startLine: number;
  endLine: number;
  message: string;
}

/** Places a failed build's error; null when the build did not fail in a step of this Dockerfile. */
export function placeFailure(state: BuildState, file: ScannedDockerfile, dockerfileName: string, target: string | null): FailurePlace | null {
  const step = state.failedStep ? state.steps.get(state.failedStep) : undefined;
  const located = step ? locateStep(file, step.info, target) : null;
  let startLine = located?.startLine ?? null;
  let endLine = located?.endLine ?? null;
  // BuildKit's own `Dockerfile:9` is exact; prefer it when it names this file.
  const location = state.errorLocation;
  if (location && baseName(location.file) === baseName(dockerfileName)) {
    const instruction = file.instructions.find((candidate) => candidate.startLine === location.line - 1);
    startLine = location.line - 1;
    endLine = instruction?.endLine ?? startLine;
  }
  if (startLine === null || endLine === null) return null;
  const error = step?.error ?? state.error ?? 'the step failed';
  const logs = step?.logs.filter((line) => line.trim() !== '') ?? [];
  const message = logs.length > 0 ? `${error}\n${logs.join('\n')}` : error;
  return { startLine, endLine, message };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
