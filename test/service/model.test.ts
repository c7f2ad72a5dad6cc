import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, referencesOf } from '../../server/src/service/model';
import { expandWord } from '../../server/src/service/model/expand';
import type { DockerfileModel, InstructionModel } from '../../server/src/service/model';

function at(model: DockerfileModel, line: number): InstructionModel {
  const found = model.instructionAt({ line, character: 0 });
  assert.ok(found, `no instruction on line ${line}`);
  return found;
}

function valueOf(model: DockerfileModel, name: string, line: number): string | null {
  return model.resolveVariable(name, at(model, line)).value;
}

test('directives are read from the top and stop at the first other line', () => {
  const model = buildModel('# syntax=docker/dockerfile:1.7\n#escape=`\n# check=skip=JSONArgsRecommended\n\n# escape=\\\nFROM alpine');
  assert.deepEqual(
    model.directives.map((d) => [d.name, d.value, d.range.start.line]),
    [['syntax', 'docker/dockerfile:1.7', 0], ['escape', '`', 1], ['check', 'skip=JSONArgsRecommended', 2]],
  );
  assert.equal(model.escapeChar, '`');
  assert.deepEqual(model.directives[1].valueRange, { start: { line: 1, character: 8 }, end: { line: 1, character: 9 } });
});

test('stages: names, parent stages, images split into parts', () => {
  const model = buildModel(
    'ARG BASE=ghcr.io/acme/base:1.2@sha256:abc\nFROM ${BASE} AS Base\nFROM base AS build\nFROM 1\nFROM localhost:5000/team/app\nFROM scratch',
  );
  assert.deepEqual(
    model.stages.map((s) => [s.index, s.name, s.parentStage, s.resolvedBase]),
    [
      [0, 'Base', null, 'ghcr.io/acme/base:1.2@sha256:abc'],
      [1, 'build', 0, 'base'],
      [2, null, 1, '1'],
      [3, null, null, 'localhost:5000/team/app'],
      [4, null, null, 'scratch'],
    ],
  );
  const image = model.stages[0].image!;
  assert.deepEqual([image.registry, image.repository, image.tag, image.digest, image.hasVariables], ['ghcr.io', 'acme/base', '1.2', 'sha256:abc', false]);
  const local = model.stages[3].image!;
  assert.deepEqual([local.registry, local.repository, local.tag], ['localhost:5000', 'team/app', null]);
  assert.equal(model.stageByRef('BASE')?.index, 0);
  assert.deepEqual(referencesOf(model).stageUsers(model.stages[0]).map((i) => i.range.start.line), [2]);
});

test('variables: global ARG, stage re-declaration, ENV, inheritance and precedence', () => {
  const model = buildModel(
    [
      'ARG VERSION=1.0', // 0
      'ARG EMPTY', // 1
      'FROM alpine:${VERSION} AS base', // 2
      'RUN echo $VERSION', // 3 not visible: not re-declared
      'ARG VERSION', // 4 takes the global default
      'ENV APP_HOME=/app LEVEL=${VERSION}-x', // 5
      'ARG APP_HOME=/ignored', // 6 ENV wins
      'RUN echo $APP_HOME', // 7
      'FROM base', // 8
      'RUN echo $APP_HOME $VERSION', // 9 ENV and ARG inherited
    ].join('\n'),
  );
  assert.equal(model.stages[0].resolvedBase, 'alpine:1.0');
  assert.equal(model.resolveVariable('VERSION', at(model, 3)).definition, null);
  assert.equal(valueOf(model, 'VERSION', 7), '1.0');
  const redeclared = model.resolveVariable('VERSION', at(model, 7));
  assert.equal(redeclared.definition?.instruction?.range.start.line, 4);
  assert.equal(redeclared.globalDefault?.instruction?.range.start.line, 0);
  assert.equal(valueOf(model, 'LEVEL', 7), '1.0-x');
  assert.equal(valueOf(model, 'APP_HOME', 7), '/app');
  assert.equal(valueOf(model, 'APP_HOME', 9), '/app');
  // BuildKit adds a stage's ARG values to the state a `FROM base` child starts from.
  const inherited = model.resolveVariable('VERSION', at(model, 9));
  assert.deepEqual([inherited.definition?.instruction?.range.start.line, inherited.globalDefault?.instruction?.range.start.line, inherited.value], [4, 0, '1.0']);
  assert.equal(model.resolveVariable('EMPTY', at(model, 2)).value, null);
  assert.deepEqual(model.globalArgs.map((d) => d.name), ['VERSION', 'EMPTY']);
});

test('expansion: modifiers, quotes and escapes', () => {
  const model = buildModel('ARG A=x\nARG E=\nARG P=path/to/file.tar.gz\nFROM scratch');
  const from = at(model, 3);
  const cases: [string, string][] = [
    ['${A:-d}', 'x'],
    ['${E:-d}', 'd'],
    ['${E-d}', ''],
    ['${U-d}', 'd'],
    ['${A:+set}', 'set'],
    ['${U+set}', ''],
    ['${P#*/}', 'to/file.tar.gz'],
    ['${P##*/}', 'file.tar.gz'],
    ['${P%.*}', 'path/to/file.tar'],
    ['${P%%.*}', 'path/to/file'],
    ['${P/to/from}', 'path/from/file.tar.gz'],
    ["'$A'\"$A\"\\$A", '$Ax$A'],
    ['a${A}b$A.c', 'axbx.c'],
  ];
  for (const [input, expected] of cases) assert.equal(model.expand(input, from), expected, input);
});

test('instructions: flags, mounts, forms, heredocs, properties, ONBUILD triggers', () => {
  const model = buildModel(
    [
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
      'RUN --mount=type=cache,target=/root/.cache,sharing=locked --network=none go build',
      'CMD ["app", "--serve"]',
      'ENTRYPOINT app --serve',
      'COPY <<-"EOF" /etc/conf',
      '\tkey=$VALUE',
      'EOF',
      'ENV A 1',
      'ONBUILD COPY --from=build /out /bin',
      'RUN echo \\',
      '  hello \\',
      '# comment inside',
      '  world',
    ].join('\n'),
  );
  const [from, run, cmd, entrypoint, copy, env, onbuild, echo] = model.instructions;
  assert.deepEqual(from.flags.map((f) => [f.name, f.value]), [['platform', '$BUILDPLATFORM']]);
  assert.deepEqual(run.mounts.map((m) => [m.type, m.options.map((o) => `${o.name}=${o.value}`)]), [
    ['cache', ['type=cache', 'target=/root/.cache', 'sharing=locked']],
  ]);
  assert.deepEqual(run.flags.map((f) => f.name), ['mount', 'network']);
  assert.equal(run.argsText, 'go build');
  assert.deepEqual([cmd.form, cmd.execArgs], ['exec', ['app', '--serve']]);
  assert.deepEqual([entrypoint.form, entrypoint.execArgs], ['shell', null]);
  assert.equal(copy.heredocs.length, 1);
  const heredoc = copy.heredocs[0];
  assert.deepEqual([heredoc.name, heredoc.stripTabs, heredoc.quoted, heredoc.content], ['EOF', true, true, '\tkey=$VALUE\n']);
  assert.equal(heredoc.endRange?.start.line, 6);
  assert.deepEqual(env.properties.map((p) => [p.name, p.value, p.legacyForm]), [['A', '1', true]]);
  assert.equal(onbuild.trigger?.keyword, 'COPY');
  assert.equal(onbuild.trigger?.parent, onbuild);
  assert.deepEqual(onbuild.trigger?.flags.map((f) => [f.name, f.value]), [['from', 'build']]);
  // A trigger's --from counts by name: BuildKit runs it in a later stage built FROM this one, where `build` is this stage.
  assert.deepEqual(referencesOf(model).stageUsers(model.stages[0]).map((i) => [i.keyword, i.parent?.keyword]), [['COPY', 'ONBUILD']]);
  assert.equal(echo.argsText, 'echo   hello   world');
  assert.equal(echo.range.end.line, 12);
});

test('backtick escape and CRLF line endings', () => {
  const model = buildModel('# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN dir `\r\n  C:\\\r\nWORKDIR C:\\app\r\n');
  assert.equal(model.escapeChar, '`');
  assert.deepEqual(model.instructions.map((i) => [i.keyword, i.range.start.line, i.range.end.line]), [
    ['FROM', 1, 1],
    ['RUN', 2, 3],
    ['WORKDIR', 4, 4],
  ]);
  assert.equal(model.instructions[1].argsText, 'dir   C:\\');
  assert.equal(model.instructions[2].args[0].value, 'C:\\app');
  assert.equal(model.stages[0].image?.registry, 'mcr.microsoft.com');
});

test('never throws on hostile input', () => {
  const inputs = ['', '\0\0FROM\0', 'FROM', '\\\n\\\n', 'RUN ["unterminated', "RUN echo 'open", 'RUN <<EOF\nno end', 'A'.repeat(1_000_000), '`'];
  for (const input of inputs) {
    const model = buildModel(input);
    for (const instruction of model.instructions) {
      void [instruction.flags, instruction.args, instruction.argsText, instruction.form, instruction.heredocs, instruction.properties, instruction.variables];
    }
  }
});

test('expansion follows BuildKit: special and positional parameters, trailing escape, braces', () => {
  const env: Record<string, string> = { PWD: '/home' };
  const lookup = (name: string) => env[name];
  const cases: [string, string][] = [
    ['he$1x', 'hex'],
    ['$999aaa', 'aaa'],
    ['$@@@', '@@'],
    ['${@:-bbb}aaa', 'bbbaaa'],
    ['${-:+bbb}', ''],
    ['hello\\', 'hello'],
    ['he${XXX:-\\${PWD}z}xx', 'he${PWDz}xx'],
    ['${aaa:-bbb {foo}', 'bbb {foo'],
    ['${a:-${b:-${PWD}}}', '/home'],
  ];
  assert.deepEqual(
    cases.map(([input]) => [input, expandWord(input, '\\', lookup)]),
    cases,
  );
});

test('ARG with several words declares each; heredocs only on RUN, COPY and ADD; variables read linearly', () => {
  const model = buildModel('ARG foo bar=baz\nFROM alpine\nUSER <<NOPE\nRUN echo ${A:-$B} \\\n# $COMMENTED\n  \\$ESCAPED $C');
  assert.deepEqual(model.globalArgs.map((d) => [d.name, d.rawValue]), [['foo', null], ['bar', 'baz']]);
  const bar = model.instructions[0].properties[1];
  assert.deepEqual([bar.nameRange, bar.valueRange], [
    { start: { line: 0, character: 8 }, end: { line: 0, character: 11 } },
    { start: { line: 0, character: 12 }, end: { line: 0, character: 15 } },
  ]);
  assert.deepEqual(model.instructions[2].heredocs, []);
  assert.deepEqual(
    model.instructions[3].variables.map((v) => [v.name, v.modifier, v.modifierValue, v.range.start.line, v.range.start.character, v.range.end.character]),
    [['A', ':-', '$B', 3, 9, 17], ['B', null, null, 3, 14, 16], ['C', null, null, 5, 12, 14]],
  );
});

test('dockerfile-ast reads a node\'s argument words once; every caller gets the same words in a list of its own', () => {
  const model = buildModel('FROM --platform=$BUILDPLATFORM alpine:3.20 AS base\nRUN --mount=type=cache,target=/root/.cache echo a b');
  const [from, run] = model.instructions.map((i) => i.node);
  // The words were read while parsing; reading them again must not walk the text.
  let walks = 0;
  for (const node of [from, run]) {
    const walk = node.getTextContent.bind(node);
    node.getTextContent = () => (walks++, walk());
  }
  const words = (node: typeof from) => node.getArguments().map((a) => a.getValue());
  assert.deepEqual(words(from), ['alpine:3.20', 'AS', 'base']);
  assert.deepEqual(words(run), ['echo', 'a', 'b']);
  assert.deepEqual(words(run), ['echo', 'a', 'b'], 'a second call still has the flags shifted off once');
  assert.notEqual(run.getArguments(), run.getArguments());
  assert.deepEqual(model.instructions[0].flags.map((f) => f.name), ['platform']);
  assert.deepEqual(model.instructions[1].mounts.map((m) => m.type), ['cache']);
  assert.equal((from as unknown as { getImage(): string }).getImage(), 'alpine:3.20');
  assert.equal(walks, 0);
});
