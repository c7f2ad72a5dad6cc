/**
 * Shared helpers for the build tests: read a recorded build, run it through a parser in small
 * chunks (as a pipe delivers it), and print each step as one compact line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildMode } from '../../../client/src/docker/argv';
import { type BuildState, applyEvent, newBuildState, observedSteps } from '../../../client/src/docker/buildState';
import { parserFor } from '../../../client/src/docker/engine';
import type { BuildEvent } from '../../../client/src/docker/events';
import type { BuildPlan, ObservedStep } from '../../../server/src/protocol';
import { createDockerfileService, matchSteps } from '../../../server/src/service';

/** Reads a file of test/client/fixtures/builds. */
export function fixture(name: string): string {
  return readFileSync(join(process.cwd(), 'test/client/fixtures/builds', name), 'utf8');
}

/** Parses a whole recorded output, fed in chunks of `chunkSize` characters. */
export function parseRecorded(mode: BuildMode, text: string, chunkSize = 97): { events: BuildEvent[]; state: BuildState } {
  const parser = parserFor(mode);
  const events: BuildEvent[] = [];
  for (let at = 0; at < text.length; at += chunkSize) events.push(...parser.push(text.slice(at, at + chunkSize)));
  events.push(...parser.end());
  const state = newBuildState();
  for (const event of events) applyEvent(state, event);
  return { events, state };
}

/** The plan of a Dockerfile for a target. */
export function planOf(dockerfile: string, target: string | null = null, buildArgs: Record<string, string> = {}): BuildPlan {
  const service = createDockerfileService();
  return service.buildPlan(service.parse(dockerfile), target, buildArgs);
}

/**
 * One line per plan step a build ran, `L<1-based line> <state> <name as printed>` (a trigger marked
 * `(ONBUILD)`), sorted by line; steps the plan has no place for come first as `L0`.
 */
export function matchTable(plan: BuildPlan, observed: readonly ObservedStep[]): string[] {
  const matched = matchSteps(plan, observed);
  const status = (step: ObservedStep) => (step.error !== null ? 'ERROR' : step.cached ? 'CACHED' : step.completed ? 'DONE' : 'PENDING');
  const rows: [number, string][] = observed.filter((step) => !matched.includes(step)).map((step) => [0, `L0 ${status(step)} ${step.name}`]);
  plan.steps.forEach((planned, i) => {
    const step = matched[i];
    if (step) rows.push([planned.line + 1, `L${planned.line + 1}${planned.trigger ? ' (ONBUILD)' : ''} ${status(step)} ${step.name}`]);
  });
  return rows.sort((a, b) => a[0] - b[0]).map((row) => row[1]);
}

/** The match table of a recorded build's state against a Dockerfile (see matchTable). */
export function stepTable(state: BuildState, dockerfile: string, target: string | null = null): string[] {
  return matchTable(planOf(dockerfile, target), observedSteps(state));
}
