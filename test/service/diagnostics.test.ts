/** The rule engine: severities, the `# check=` directive, suppression pragmas, crash isolation. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../server/src/service/model';
import { lint } from '../../server/src/service/diagnostics/engine';
import { createDockerfileService } from '../../server/src/service';
import type { Rule } from '../../server/src/service/diagnostics/types';
import { defineRule } from '../../server/src/service/diagnostics/defineRule';
import { lintLines, render } from './helpers-diagnostics';

const BK = ['FromAsCasing', 'MaintainerDeprecated', 'JSONArgsRecommended', 'StageNameCasing', 'InvalidDefinitionDescription'];

test('a diagnostic carries code, source, link, severity, tags and data with its fixes', () => {
  const [d] = lint(buildModel('FROM alpine:3.20\nMAINTAINER me\n')).filter((x) => x.code === 'MaintainerDeprecated');
  assert.deepEqual(d, {
    range: { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } },
    severity: 2,
    code: 'MaintainerDeprecated',
    codeDescription: { href: 'https://docs.docker.com/go/dockerfile/rule/maintainer-deprecated/' },
    source: 'dockerfile-studio',
    message: 'MAINTAINER is deprecated: set the org.opencontainers.image.authors label instead',
    data: {
      rule: 'MaintainerDeprecated',
      fixes: [
        {
          title: 'Replace with LABEL org.opencontainers.image.authors',
          edits: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 13 } }, newText: 'LABEL org.opencontainers.image.authors="me"' }],
          preferred: true,
        },
      ],
    },
    tags: [2],
  });
});

test('severities from options win over defaults; off disables; ids match without case', () => {
  const text = 'FROM alpine:3.20 as base\nMAINTAINER me\n';
  assert.deepEqual(lintLines(text, BK, { severities: { fromascasing: 'hint', MaintainerDeprecated: 'off' } }), [
    '0:17-0:19 hint FromAsCasing "as" and "FROM" are written in different cases',
  ]);
});

test('# check=skip, error=true and experimental', () => {
  const text = (directive: string) => `${directive}\n# the base\nFROM alpine:3.20 as Base\nMAINTAINER me\n`;
  assert.deepEqual(lintLines(text('# check=skip=FromAsCasing,StageNameCasing;error=true'), BK), [
    '3:0-3:10 error MaintainerDeprecated MAINTAINER is deprecated: set the org.opencontainers.image.authors label instead',
  ]);
  assert.deepEqual(lintLines(text('# check=skip=all'), BK), []);
  assert.deepEqual(lintLines(text('# check=experimental=all;skip=FromAsCasing,StageNameCasing,MaintainerDeprecated'), BK), [
    '2:0-2:4 warning InvalidDefinitionDescription A comment right above FROM is read as its description and should start with the name: "# base <description>"',
  ]);
});

test('pragmas: ignore on the next instruction, ignore-file, hadolint codes, inline check=skip', () => {
  const text = [
    'FROM alpine:3.20 as base',
    '# dockerfile-studio ignore=unknown-instruction',
    '# a note in between is fine',
    'RUNN echo',
    'RUNN echo',
    '# hadolint ignore=DL4000',
    'MAINTAINER me',
    '# check=skip=JSONArgsRecommended // shell form on purpose',
    'CMD run',
    'CMD run2',
    '',
    '# dockerfile-studio ignore-file=FromAsCasing',
  ].join('\n');
  assert.deepEqual(lintLines(text, [...BK, 'unknown-instruction']), [
    '4:0-4:4 error unknown-instruction Unknown instruction "RUNN" (did you mean "RUN"?)',
    '9:4-9:8 warning JSONArgsRecommended CMD in shell form runs under /bin/sh, which does not forward signals; use the JSON form',
  ]);
  // A blank line between the pragma and the instruction breaks the link.
  assert.deepEqual(lintLines('FROM alpine:3.20\n# dockerfile-studio ignore=unknown-instruction\n\nRUNN x\n', ['unknown-instruction']), [
    '3:0-3:4 error unknown-instruction Unknown instruction "RUNN" (did you mean "RUN"?)',
  ]);
});

test('rules that throw are skipped and named in one rule-crashed notice; the other rules still report', () => {
  const spec = { title: 'Broken', severity: 'warning', docs: { catches: '', why: '', bad: '', good: '' }, url: 'https://example.invalid/' } as const;
  const wholeFile: Rule = defineRule({ ...spec, id: 'broken-file', check: () => { throw new Error('boom'); } });
  const perInstruction: Rule = defineRule({
    ...spec,
    id: 'broken-instruction',
    checkInstruction: (instruction) => {
      if (instruction.keyword === 'RUN') throw new TypeError('bang');
    },
  });
  const maintainer = createDockerfileService().rule('MaintainerDeprecated')!;
  const model = buildModel('FROM alpine\nRUN a\nRUN b\nMAINTAINER me\n');
  assert.deepEqual(render(lint(model, {}, [wholeFile, maintainer, perInstruction])), [
    '0:0-0:0 warning rule-crashed 2 rules could not check this file (broken-file, broken-instruction) and were skipped: boom; bang. This is a bug in Dockerfile Studio; please report it.',
    '3:0-3:10 warning MaintainerDeprecated MAINTAINER is deprecated: set the org.opencontainers.image.authors label instead',
  ]);
  assert.deepEqual(lint(model, {}, [wholeFile]).map((d) => [d.message, d.data]), [
    ['Rule broken-file could not check this file and was skipped: boom. This is a bug in Dockerfile Studio; please report it.', { rules: ['broken-file'], errors: ['boom'] }],
  ]);
});

test('after edits, linting the incrementally parsed model equals linting a fresh parse', () => {
  // Rules may cache per instruction object, and the model keeps those objects across edits
  // that do not touch them (moving them when lines are added above): findings must follow.
  // The base has findings of the instruction-local rules (flags, mounts, arguments, quotes,
  // EXPOSE, COPY --from a stage) so that cached findings are compared too.
  const lines = ['ARG V=1', 'FROM debian:12 AS build'];
  for (let i = 0; i < 120; i++) {
    lines.push(`RUN apt-get install curl${i} && curl http://x/${i} | sh`, `COPY a${i} b${i}`);
    // Far from line 0, so an edit of the global ARG does not re-parse it.
    if (i === 60) lines.push('FROM alpine:$V AS v', 'FROM build AS again');
    if (i % 10 === 0) {
      lines.push(`COPY --chwon=a --from=1 --from=Late x${i} /y`, `RUN --mount=type=cache,taget=/c echo "open${i}`, `EXPOSE 80/HTTP ${i}:80`);
      lines.push(`COPY --from=build a /b`, `HEALTHCHECK --interval=30 CMD`, `ENV K${i}`, `ONBUILD COPY --chmode=1 a b`, `COPY $undef${i} /x`);
    }
  }
  let text = lines.join('\n');
  // The service keeps the local rules' findings per instruction object across lints.
  const service = createDockerfileService();
  let model = buildModel(text);
  service.lint(model);
  // Severities that keep the same instruction-local rules on, so the two lints share cached findings.
  const severities = { severities: { 'unknown-flag': 'hint', 'apt-get-yes': 'off' } as const };
  const edits: ((t: string) => string)[] = [
    (t) => 'ARG X=1\n\n' + t, // lines added above everything
    (t) => t.replace('RUN apt-get install curl60', 'RUN  apt-get install curl60'), // one instruction changed
    (t) => t.replace('COPY a90 b90\n', ''), // a line removed below it
    (t) => t.replace('COPY a10 b10', 'COPY a10 b10\nRUN sudo apt-get install -y x\nWORKDIR rel'),
    (t) => t.replace('COPY a30 b30', 'COPY --chwon=b a30 b30'), // a local finding appears
    (t) => t.replace('COPY a50 b50', 'FROM alpine AS Late'), // a new stage on the same line count: --from=1 and Late resolve
    (t) => t.replace('FROM debian:12 AS build', 'FROM debian:12 AS builder'), // a stage renamed: own-stage findings go
    (t) => t.replace('ARG V=1', 'ARG V='), // a changed global ARG default makes FROM alpine:$V invalid
    (t) => t.replace('COPY a2 b2', 'ENV undef30=1'), // defines a variable used 80 lines down (UndefinedVar)
    (t) => t.replace('ARG V=', 'ARG V=3.20'),
    (t) => t.replace('FROM alpine AS Late', 'COPY a50 b50'), // the stage removed again
    (t) => t.replace('EXPOSE 80/HTTP 20:80', 'EXPOSE 80/tcp'), // a local finding goes
    (t) => '# escape=`\n' + t, // the escape character changes every instruction's reading
  ];
  for (const edit of edits) {
    text = edit(text);
    model = buildModel(text, model);
    const fresh = buildModel(text);
    assert.deepEqual(service.lint(model), lint(fresh));
    // Severity is applied at each lint, not cached with the findings.
    assert.deepEqual(service.lint(model, severities), lint(fresh, severities));
  }
});

test('UndefinedVar re-checks a stage when its parent stage or the global scope changes', () => {
  // The cache key is per stage: its own, its ancestors' and the global definitions.
  // Padding puts each stage in chunks of its own, so unedited stages keep their instruction objects.
  const padding = Array.from({ length: 60 }, (_, i) => `RUN true ${i}`);
  const base = [
    ...Array.from({ length: 60 }, (_, i) => `ARG PAD${i}=${i}`),
    'ARG VERSION=1',
    'FROM scratch AS parent',
    ...padding,
    'ENV HOME_DIR=/app',
    ...padding,
    'FROM parent AS child',
    ...padding,
    'COPY $HOME_DIR $HOME_DIRX /dst',
    'FROM scratch AS other',
    ...padding,
    'COPY $VERSIN /x',
  ].join('\n');
  const edits: ((t: string) => string)[] = [
    (t) => t.replace('ENV HOME_DIR=/app', 'ENV HOME_DIRX=/app'), // the parent's ENV renamed: the child's findings change
    (t) => t.replace('ARG VERSION=1', 'ARG VERSIN=1'), // the global ARG renamed: the suggestion in "other" changes
    (t) => t.replace('FROM parent AS child', 'FROM scratch AS child'), // the child no longer inherits
  ];
  let text = base;
  const service = createDockerfileService();
  let model = buildModel(text);
  service.lint(model);
  for (const edit of edits) {
    text = edit(text);
    model = buildModel(text, model);
    assert.deepEqual(service.lint(model), lint(buildModel(text)), text);
  }
});

test('hadolint pragmas reach as hadolint reads them: next line, rest of the stage, whole file', () => {
  const USER = ['last-user-root'];
  const root = 'warning last-user-root The image ends as root: switch to an unprivileged USER after the steps that need root.';
  const lines = (text: string) => lintLines(text, USER, { severities: { 'last-user-root': 'warning' } });
  // `ignore=` covers only the line right below it: a comment or a blank line in between ends it.
  assert.deepEqual(lines('FROM ubuntu\n# hadolint ignore=DL3002\nUSER root\n'), []);
  assert.deepEqual(lines('FROM ubuntu\n# hadolint ignore=DL3002\n# why\nUSER root\n'), [`3:0-3:9 ${root}`]);
  assert.deepEqual(lines('FROM ubuntu\n# hadolint ignore=DL3002\n\nUSER root\n'), [`3:0-3:9 ${root}`]);
  assert.deepEqual(lines('# hadolint ignore=DL3002\nFROM ubuntu\nUSER root\n'), [`2:0-2:9 ${root}`]);
  // `stage ignore=` covers its stage from the next instruction on, and not the next stage.
  assert.deepEqual(lines('# hadolint stage ignore=DL3001,DL3002\nFROM ubuntu\n\nUSER root\n'), []);
  assert.deepEqual(lines('FROM ubuntu\n# hadolint stage ignore=DL3002\n\nRUN true\nUSER root\n'), []);
  assert.deepEqual(lines('FROM ubuntu AS a\n# hadolint stage ignore=DL3002\nUSER root\nFROM a\nUSER root\n'), [`4:0-4:9 ${root}`]);
  // `global ignore=` anywhere covers the file.
  assert.deepEqual(lines('FROM ubuntu\nUSER root\n# hadolint global ignore = DL3002\n'), []);
});
