/**
 * Robustness: every Dockerfile of the shared corpus plus hostile synthetic inputs go through
 * the model and hover without throwing, and no hover grows beyond what a popup can show. Every
 * lazy field of every instruction is read, and hover is asked at every keyword, flag, variable
 * and heredoc marker. Time is not asserted here (a shared machine stalls): the slowest input is
 * printed, and `npm run bench -- --metric hostile` times the same inputs against the peer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MarkupContent, Position } from 'vscode-languageserver-types';
import { buildModel, referencesOf } from '../../server/src/service/model';
import type { DockerfileModel, InstructionModel } from '../../server/src/service/model';
import { doHover } from '../../server/src/service/hover';
import { getInstruction } from '../../server/src/service/data';
import { hostileInputs } from './hostileInputs';

const CORPUS = join(process.cwd(), '..', 'shared', 'corpus');
/**
 * The longest hover any input may produce. A hover is read by a person in a small popup: the
 * documentation of the longest instruction is ~4 KB, and document text in it is cut at 200
 * characters, so only a bug (document text pasted whole) can reach this.
 */
const MAX_HOVER_CHARS = 12_000;

interface Input {
  name: string;
  text: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function corpusInputs(): Input[] {
  const file = (path: string): Input => ({ name: relative(CORPUS, path), text: readFileSync(path, 'latin1') });
  const inputs = [
    ...walk(join(CORPUS, 'real-world')).map(file),
    ...walk(join(CORPUS, 'fixtures')).map(file),
    ...walk(join(CORPUS, 'buildkit-parser', 'testfiles')).filter((p) => p.endsWith('Dockerfile')).map(file),
    ...walk(join(CORPUS, 'buildkit-parser', 'testfiles-negative')).map(file),
  ];
  // The JSON collections: one Dockerfile per entry, named after the entry.
  const collection = (path: string, list: string, field: string) => {
    const data = JSON.parse(readFileSync(join(CORPUS, path), 'utf8')) as Record<string, Record<string, unknown>[]>;
    return data[list].flatMap((entry, i) => (typeof entry[field] === 'string' ? [{ name: `${path}#${list}[${i}]`, text: entry[field] }] : []));
  };
  return inputs.concat(
    collection('buildkit-inline-dockerfiles.json', 'dockerfiles', 'dockerfile'),
    collection('buildkit-checks.json', 'cases', 'dockerfile'),
    collection('hadolint-cases.json', 'cases', 'dockerfile'),
    collection('dockerfile-utils-cases.json', 'validator_cases', 'content'),
    collection('dockerfile-utils-cases.json', 'formatter_cases', 'content'),
  );
}

/** Reads every lazy field of an instruction (and its trigger). */
function touch(model: DockerfileModel, instruction: InstructionModel): void {
  void [instruction.flags, instruction.args, instruction.argsText, instruction.form, instruction.execArgs];
  void [instruction.heredocs, instruction.properties, instruction.mounts, instruction.variables];
  for (const v of instruction.variables) model.resolveVariable(v.name, instruction);
  if (instruction.trigger) touch(model, instruction.trigger);
}

/** The middle of a one-line range, or the start of a longer one. */
function middle(range: { start: Position; end: Position }): Position {
  return range.start.line === range.end.line ? { line: range.start.line, character: (range.start.character + range.end.character) >> 1 } : range.start;
}

/** The positions a user would hover besides the keyword: flags, variables, heredoc markers, the ONBUILD trigger. */
function hoverPositions(instruction: InstructionModel): Position[] {
  const positions = [
    ...instruction.flags.flatMap((f) => [middle(f.nameRange), ...(f.valueRange ? [middle(f.valueRange)] : []), ...f.options.map((o) => middle(o.range))]),
    ...instruction.variables.map((v) => middle(v.nameRange)),
    ...instruction.heredocs.map((h) => middle(h.markerRange)),
  ];
  const trigger = instruction.trigger;
  return trigger ? positions.concat(middle(trigger.keywordRange), hoverPositions(trigger)) : positions;
}

/**
 * At most this many hovers per instruction, sampled evenly: one hover costs the same wherever
 * it is, so a line with 20,000 variables would only measure the test's own loop.
 */
const MAX_HOVERS_PER_INSTRUCTION = 500;

function sample<T>(items: T[]): T[] {
  if (items.length <= MAX_HOVERS_PER_INSTRUCTION) return items;
  const step = items.length / MAX_HOVERS_PER_INSTRUCTION;
  return Array.from({ length: MAX_HOVERS_PER_INSTRUCTION }, (_, i) => items[Math.floor(i * step)]);
}

/** Builds, touches and hovers one input; returns the hover count, the time and what went wrong. */
function exercise(text: string): { hovers: number; ms: number; problems: string[] } {
  const start = performance.now();
  const model = buildModel(text);
  void [model.stages, model.directives, model.globalArgs, model.definitions];
  model.stages.forEach((s) => referencesOf(model).stageUsers(s));
  const problems: string[] = [];
  let hovers = 0;
  const check = (position: Position, instruction: InstructionModel | null) => {
    const result = doHover(model, position, { format: 'markdown' });
    hovers++;
    const value = result ? (result.contents as MarkupContent).value : '';
    const where = `${position.line + 1}:${position.character + 1}`;
    if (value.length > MAX_HOVER_CHARS) problems.push(`${where}: a ${value.length}-character hover`);
    // A known keyword always has its documentation (the hover starts with its bold title).
    if (instruction && !value.startsWith(`**${instruction.keyword}`)) problems.push(`${where}: no documentation for ${instruction.keyword}`);
  };
  for (const instruction of model.instructions) {
    touch(model, instruction);
    const known = getInstruction(instruction.keyword) ? instruction : null;
    check(middle(instruction.keywordRange), known);
    for (const position of sample(hoverPositions(instruction))) check(position, null);
  }
  // Outside every instruction, and far beyond the end of the text.
  check({ line: model.lineCount + 10, character: 5 }, null);
  return { hovers, ms: performance.now() - start, problems };
}

function run(inputs: Input[], label: string): void {
  const failures: string[] = [];
  let hovers = 0;
  let slowest = { name: '', ms: 0 };
  for (const input of inputs) {
    try {
      const result = exercise(input.text);
      hovers += result.hovers;
      if (result.ms > slowest.ms) slowest = { name: input.name, ms: result.ms };
      failures.push(...result.problems.slice(0, 3).map((problem) => `${input.name} ${problem}`));
    } catch (error) {
      failures.push(`${input.name}: ${(error as Error).stack ?? String(error)}`);
    }
  }
  console.log(`robustness (${label}): ${inputs.length} files, ${hovers} hovers, slowest ${slowest.name} ${slowest.ms.toFixed(1)} ms`);
  assert.deepEqual(failures, [], 'inputs that threw or hovered wrongly');
}

test('the whole shared corpus: no throw, every keyword documented, no oversized hover', { skip: existsSync(CORPUS) ? false : `corpus not found at ${CORPUS}` }, () => {
  run(corpusInputs(), 'corpus');
});

test('hostile synthetic inputs: no throw, every keyword documented, no oversized hover', () => {
  run(hostileInputs(), 'synthetic');
});
