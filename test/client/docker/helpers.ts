/**
 * Shared helpers for the build tests: read a recorded build, run it through a parser in small
 * chunks (as a pipe delivers it), and print each step as one compact line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildMode } from '../../../client/src/docker/argv';
import { type BuildState, applyEvent, newBuildState } from '../../../client/src/docker/buildState';
import { scanDockerfile } from '../../../client/src/docker/dockerfileSteps';
import { parserFor } from '../../../client/src/docker/engine';
import type { BuildEvent } from '../../../client/src/docker/events';
import { locateStep } from '../../../client/src/docker/stepLines';

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

/** One line per Dockerfile step: `L<1-based line> <state> <name>`, in the order the builder reported them, sorted by line. */
export function stepTable(state: BuildState, dockerfile: string, target: string | null = null): string[] {
  const file = scanDockerfile(dockerfile);
  const rows: [number, string][] = [];
  for (const step of state.steps.values()) {
    if (step.info.internal) continue;
    const location = locateStep(file, step.info, target);
    const status = step.error !== null ? 'ERROR' : step.cached ? 'CACHED' : step.completed ? 'DONE' : step.started ? 'RUNNING' : 'PENDING';
    const line = location ? location.startLine + 1 : 0;
    rows.push([line, `L${line}${location?.trigger ? ' (ONBUILD)' : ''} ${status} ${step.info.name}`]);
  }
  return rows.sort((a, b) => a[0] - b[0]).map((row) => row[1]);
}
