/**
 * Layer sizes per line: real `docker history` recordings (test/client/fixtures/history, BuildKit
 * and legacy) matched to plan steps of the same Dockerfiles. Each result is printed one step per
 * line (`L<1-based line> <keyword> <layer> <bytes>`) and compared whole.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryEntry, PlanStep } from '../../server/src/protocol';
import { matchHistory, readRow } from '../../server/src/service/cache/history';
import { parseHistory } from '../../client/src/docker/imageFacts';
import { planOf } from './helpers-plan';

const FIXTURES = join(process.cwd(), 'test/client/fixtures/history');
const history = (name: string): HistoryEntry[] => parseHistory(readFileSync(join(FIXTURES, name), 'utf8')) ?? assert.fail(`${name} does not parse`);

/** One line per step: `L<line> <keyword> <layer> <size>`, then the base rows and any problem. */
function table(steps: PlanStep[], rows: HistoryEntry[]): string[] {
  const match = matchHistory(steps, rows);
  return [
    ...steps.map((s, i) => `L${s.line + 1}${s.trigger ? ' (trigger)' : ''} ${s.keyword} ${match.steps[i].layer}${match.steps[i].sizeBytes === null ? '' : ` ${match.steps[i].sizeBytes}`}`),
    `base rows ${match.baseRows} bytes ${match.baseBytes}`,
    ...(match.problem ? [match.problem] : []),
  ];
}

const MULTI = readFileSync(join(FIXTURES, 'Dockerfile'), 'utf8');
const MULTI_TABLE = [
  'L3 ARG none',
  'L4 FROM not-in-image',
  'L5 ARG not-in-image',
  'L6 WORKDIR not-in-image',
  'L7 COPY not-in-image',
  'L8 RUN not-in-image',
  'L10 FROM none',
  'L11 ENV none',
  'L12 LABEL none',
  'L13 WORKDIR none',
  'L14 COPY layer 21',
  'L15 ADD layer 12',
  'L16 COPY layer 38',
  'L17 RUN layer 32806',
  'L19 ARG none',
  'L20 RUN layer 2',
  'L21 EXPOSE none',
  'L22 CMD none',
  'base rows 3 bytes 1984246',
];

test('BuildKit, two stages: each layer on its line, the build stage adds none, the base rows are left out', () => {
  assert.deepEqual(table(planOf(MULTI, [1]), history('buildkit.history.jsonl')), MULTI_TABLE);
});

test('the legacy builder: the same sizes on the same lines from its #(nop) and file:<hash> rows', () => {
  assert.deepEqual(table(planOf(MULTI, [1]), history('legacy.history.jsonl')), MULTI_TABLE);
});

const CHAIN = readFileSync(join(FIXTURES, 'Dockerfile.chain'), 'utf8');

/** The chain plan: stage `app` runs the ONBUILD trigger of `base` before its own lines. */
function chainPlan(): PlanStep[] {
  const steps = planOf(CHAIN, [0, 1]);
  const onbuild = steps.find((s) => s.keyword === 'ONBUILD') ?? assert.fail('no ONBUILD');
  assert.deepEqual(steps[4], { ...onbuild, stage: 1, keyword: 'RUN', text: 'RUN echo triggered > /t.txt', trigger: true, buildkit: steps[4].buildkit, legacy: null, output: 'layer' });
  return steps;
}
const CHAIN_TABLE = [
  'L2 FROM none',
  'L3 ONBUILD none',
  'L4 RUN layer 5',
  'L6 FROM none',
  'L3 (trigger) RUN layer 10',
  'L7 WORKDIR none',
  'L8 COPY layer 15',
  'L9 USER none',
  'base rows 1 bytes 1984241',
];

test('a stage on a stage with an ONBUILD trigger: BuildKit writes no row for the ONBUILD line', () => {
  assert.equal(history('chain-buildkit.history.jsonl').length, 6);
  assert.deepEqual(table(chainPlan(), history('chain-buildkit.history.jsonl')), CHAIN_TABLE);
});

test('a stage on a stage with an ONBUILD trigger: the legacy builder writes one, matched and sized as none', () => {
  assert.equal(history('chain-legacy.history.jsonl').length, 7);
  assert.deepEqual(table(chainPlan(), history('chain-legacy.history.jsonl')), CHAIN_TABLE);
});

test('metadata-only steps have no layer; a RUN that wrote nothing has an empty layer, not none', () => {
  const text = 'FROM local/busybox:latest\nENV A=1\nLABEL a=b\nRUN true\nUSER nobody\n';
  const rows: HistoryEntry[] = [
    { id: 'sha256:1', createdBy: 'USER nobody', sizeBytes: 0, comment: 'buildkit.dockerfile.v0' },
    { id: '', createdBy: 'RUN /bin/sh -c true # buildkit', sizeBytes: 0, comment: 'buildkit.dockerfile.v0' },
    { id: '', createdBy: 'LABEL a=b', sizeBytes: 0, comment: 'buildkit.dockerfile.v0' },
    { id: '', createdBy: 'ENV A=1', sizeBytes: 0, comment: 'buildkit.dockerfile.v0' },
    { id: '', createdBy: '', sizeBytes: 1984241, comment: 'Imported from -' },
  ];
  assert.deepEqual(table(planOf(text, [0]), rows), ['L1 FROM none', 'L2 ENV none', 'L3 LABEL none', 'L4 RUN layer 0', 'L5 USER none', 'base rows 1 bytes 1984241']);
});

test('a row missing in the middle: every size is unknown, none shifted onto a neighbour', () => {
  const rows = history('buildkit.history.jsonl');
  // Without the ADD row the COPY above it would otherwise take its place and the base would lose a row.
  const broken = rows.filter((r) => !r.createdBy.startsWith('ADD '));
  const result = table(planOf(MULTI, [1]), broken);
  assert.deepEqual(result, [
    ...MULTI_TABLE.slice(0, 7),
    'L11 ENV unknown',
    'L12 LABEL unknown',
    'L13 WORKDIR unknown',
    'L14 COPY unknown',
    'L15 ADD unknown',
    'L16 COPY unknown',
    'L17 RUN unknown',
    'L19 ARG unknown',
    'L20 RUN unknown',
    'L21 EXPOSE unknown',
    'L22 CMD unknown',
    'base rows null bytes null',
    'history row 7 (newest first) was written by COPY, but the line 15 there is ADD: the image was not built from this Dockerfile as it is now',
  ]);
});

test('a history shorter than the steps is unknown; a base image of another size only changes the base rows', () => {
  const rows = history('buildkit.history.jsonl');
  const short = table(planOf(MULTI, [1]), rows.slice(0, 5));
  assert.deepEqual(short.slice(-2), ['base rows null bytes null', 'the image history has 5 rows, fewer than the 11 instructions that write one']);
  assert.equal(short.filter((l) => l.endsWith(' unknown')).length, 11);
  // The same build on the one-row busybox: the sizes stay, the base is one row.
  assert.deepEqual(table(planOf(MULTI, [1]), rows.slice(0, 11).concat(rows.slice(13))), [...MULTI_TABLE.slice(0, -1), 'base rows 1 bytes 1984241']);
});

test('a RUN edited since the image was built: that line is unknown, the others keep their sizes', () => {
  const edited = MULTI.replace('echo "$LATE" > /srv/late.txt', 'echo "$LATE" > /srv/other.txt');
  const expected = MULTI_TABLE.map((l) => (l === 'L20 RUN layer 2' ? 'L20 RUN unknown' : l));
  assert.deepEqual(table(planOf(edited, [1]), history('buildkit.history.jsonl')), expected);
  assert.deepEqual(table(planOf(edited, [1]), history('legacy.history.jsonl')), expected);
  // A COPY destination changed: the legacy row names only the destination, and that is enough.
  const moved = MULTI.replace('COPY app.sh ./', 'COPY app.sh /opt/');
  assert.deepEqual(table(planOf(moved, [1]), history('legacy.history.jsonl'))[12], 'L16 COPY unknown');
});

test('BuildKit rows of COPY flags, a RUN mount, exec and heredoc forms and expanded variables all match their lines', () => {
  const text = readFileSync(join(FIXTURES, 'Dockerfile.flags'), 'utf8');
  assert.deepEqual(table(planOf(text, [0]), history('flags-buildkit.history.jsonl')), [
    'L2 FROM none',
    'L3 COPY layer 3',
    'L4 COPY layer 3',
    'L5 RUN layer 8',
    'L6 RUN layer 5',
    'L7 RUN layer 8',
    'L10 ARG none',
    'L11 COPY layer 3',
    'L12 WORKDIR none',
    'base rows 1 bytes 1984241',
  ]);
});

test('rows read back into instructions, for both builders and for text no builder writes', () => {
  assert.deepEqual(
    [
      'RUN |1 LATE=x /bin/sh -c echo "$LATE" > /srv/late.txt # buildkit',
      'COPY /src/lib.txt /srv/lib.txt # buildkit',
      '/bin/sh -c #(nop)  ENV APP_HOME=/srv',
      '/bin/sh -c #(nop) COPY file:ab in ./ ',
      '|1 LATE=x /bin/sh -c echo hi',
      'echo exec form',
      '',
      'run lower case is a command',
      `/bin/sh -c ${'#(nop) '.repeat(20000)}`,
    ].map((text) => {
      const row = readRow(text);
      return `${row.keyword}|${row.body.slice(0, 40)}|${row.legacy}`;
    }),
    [
      'RUN||1 LATE=x /bin/sh -c echo "$LATE" > /srv|false',
      'COPY|/src/lib.txt /srv/lib.txt|false',
      'ENV|APP_HOME=/srv|true',
      'COPY|file:ab in ./|true',
      'RUN||1 LATE=x /bin/sh -c echo hi|true',
      'RUN|echo exec form|true',
      'RUN||true',
      'RUN|run lower case is a command|true',
      // Hostile text reads in one pass into a keyword no step has.
      '#(NOP)|#(nop) #(nop) #(nop) #(nop) #(nop) #(nop|true',
    ],
  );
});
