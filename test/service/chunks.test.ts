import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../server/src/service/model';
import type { DockerfileModel, InstructionModel } from '../../server/src/service/model';
import { TEST_ROOT } from './helpers';

/** Everything a handler may read of an instruction, as plain data. */
function snapshotInstruction(i: InstructionModel): unknown {
  return {
    keyword: i.keyword,
    range: i.range,
    keywordRange: i.keywordRange,
    stageIndex: i.stageIndex,
    flags: i.flags,
    args: i.args,
    argsText: i.argsText,
    form: i.form,
    execArgs: i.execArgs,
    heredocs: i.heredocs,
    properties: i.properties,
    variables: i.variables,
    trigger: i.trigger ? snapshotInstruction(i.trigger) : null,
  };
}

function snapshot(model: DockerfileModel): unknown {
  return {
    escapeChar: model.escapeChar,
    directives: model.directives,
    instructions: model.instructions.map(snapshotInstruction),
    stages: model.stages.map((s) => [s.index, s.name, s.nameRange, s.resolvedBase, s.parentStage, s.range, s.instructions.length]),
    definitions: model.definitions.map((d) => [d.name, d.kind, d.rawValue, d.value, d.stageIndex, d.nameRange]),
  };
}

/** Applies an edit and checks the incremental model equals a fresh parse of the new text. */
function editAndCompare(previous: DockerfileModel, text: string, label: string): DockerfileModel {
  const incremental = buildModel(text, previous);
  assert.deepEqual(snapshot(incremental), snapshot(buildModel(text)), label);
  return incremental;
}

function bigDockerfile(): string {
  const parts: string[] = ['# syntax=docker/dockerfile:1', 'ARG BASE=alpine:3.20', ''];
  for (let stage = 0; stage < 12; stage++) {
    parts.push(`FROM \${BASE} AS s${stage}`, `ARG V${stage}=${stage}`, `ENV E${stage}=\${V${stage}}`);
    for (let i = 0; i < 12; i++) {
      parts.push(`RUN --mount=type=cache,target=/c${i} echo ${i} \\`, '    && echo $E' + stage + ' \\', '', `    && true`);
      if (i % 4 === 0) parts.push('COPY <<EOF /f' + i, 'line $V' + stage, 'EOF');
      if (i % 5 === 0) parts.push('# a comment', 'ONBUILD RUN echo trigger');
    }
  }
  return parts.join('\n') + '\n';
}

test('edits inside, between and across chunks give the same model as a fresh parse', () => {
  let text = bigDockerfile();
  let model = buildModel(text);
  const lines = () => text.split('\n');
  const at = (line: number) => lines().slice(0, line).join('\n').length + (line > 0 ? 1 : 0);
  const edits: [string, (t: string) => string][] = [
    ['one character in a RUN', (t) => t.slice(0, at(300) + 5) + 'x' + t.slice(at(300) + 5)],
    ['a new instruction line', (t) => t.slice(0, at(400)) + 'RUN echo new\n' + t.slice(at(400))],
    ['a continuation that swallows the next line', (t) => t.slice(0, at(500)) + 'RUN echo open \\\n' + t.slice(at(500))],
    ['an unterminated heredoc', (t) => t.slice(0, at(600)) + 'RUN <<NEVER\n' + t.slice(at(600))],
    ['a line ending in an escaped escape (not a continuation)', (t) => t.slice(0, at(450)) + 'COPY a C:\\\\\n' + t.slice(at(450))],
    ['the escaped escape made a continuation again', (t) => t.replace('COPY a C:\\\\\n', 'COPY a C:\\\n')],
    ['a new stage in the middle', (t) => t.slice(0, at(350)) + 'FROM s1 AS inserted\n' + t.slice(at(350))],
    ['deleting twenty lines', (t) => t.slice(0, at(200)) + t.slice(at(220))],
    ['an edit in the directive header', (t) => t.replace('# syntax=docker/dockerfile:1', '# escape=`')],
    ['an edit after the escape change', (t) => t.slice(0, at(100)) + 'RUN dir `\n  C:\\\n' + t.slice(at(100))],
    ['clearing the file', () => ''],
    ['typing again', () => 'FROM alpine\nRUN echo hi'],
  ];
  for (const [label, edit] of edits) {
    text = edit(text);
    model = editAndCompare(model, text, label);
  }
});

test('random edits on real-world Dockerfiles match a fresh parse', () => {
  const root = join(TEST_ROOT, '..', '..', 'shared', 'corpus', 'real-world');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(root);
  // A fixed pseudo-random sequence keeps failures reproducible.
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pieces = ['\\\n', '\n', 'RUN x\n', '<<EOF\n', 'EOF\n', '#', ' ', 'FROM a AS b\n', 'ARG Z=1\n', '"', '`'];
  const sample = files.filter((_, i) => i % 8 === 0);
  for (const file of sample) {
    let text = readFileSync(file, 'utf8');
    let model = buildModel(text);
    for (let n = 0; n < 6; n++) {
      const offset = random(text.length + 1);
      const remove = random(3) === 0 ? random(40) : 0;
      text = text.slice(0, offset) + pieces[random(pieces.length)] + text.slice(offset + remove);
      model = editAndCompare(model, text, `${file} edit ${n} at ${offset}`);
    }
  }
  assert.ok(sample.length > 50, `only ${sample.length} real-world files found`);
});
