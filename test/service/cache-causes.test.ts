import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BuildRecord, Invalidation, StepInputs, StepRecord } from '../../server/src/protocol';
import { explainRebuilds } from '../../server/src/service/cache/causes';

const NO_INPUTS: StepInputs = { args: {}, files: null, base: null };

/** A step record; the keyword is the instruction's first word, inputs empty unless given. */
function step(line: number, stage: string, instruction: string, cached: boolean | null, extra: Partial<StepRecord> = {}): StepRecord {
  const keyword = instruction.split(' ')[0];
  const parent: Invalidation[] = keyword === 'FROM' || cached === null ? [] : [{ kind: 'parent', subject: stage }];
  return {
    line,
    endLine: line,
    stage,
    instruction,
    keyword,
    cached,
    durationMs: cached === null ? null : 10,
    sizeBytes: null,
    output: cached === null ? 'metadata' : 'layer',
    error: null,
    cause: null,
    inputs: NO_INPUTS,
    rebuildsWhen: [{ kind: 'text', subject: instruction }, ...parent],
    ...extra,
  };
}

function record(steps: StepRecord[]): BuildRecord {
  return {
    version: 1,
    id: '2026-12-08T00:00:00.000Z-abcd',
    dockerfile: '/w/Dockerfile',
    target: null,
    startedAt: '2026-12-08T00:00:00.000Z',
    durationMs: 1000,
    builder: 'rawjson',
    noCache: false,
    succeeded: true,
    buildArgs: {},
    image: { tag: 'app', id: 'sha256:1', sizeBytes: 1 },
    cacheHitRatio: 1,
    steps,
    failure: null,
  };
}

/** One line per step: `line: -` when cached, else `line: kind | detail | files | causeLine`. */
function explain(previous: StepRecord[] | null, current: StepRecord[], noCache = false): string[] {
  return explainRebuilds(previous && record(previous), current, { noCache }).map((c, i) =>
    c === null ? `${current[i].line}: -` : `${current[i].line}: ${c.kind} | ${c.detail} | ${c.files.join(',')} | ${c.causeLine}`,
  );
}

const BASE = { ref: 'alpine:3.20', id: 'sha256:' + 'a'.repeat(64), digest: 'alpine@sha256:' + 'b'.repeat(64) };
const V1: StepInputs = { args: { VERSION: '1.0' }, files: null, base: null };

const BEFORE = [
  step(1, '0', 'FROM alpine:3.20', true, { inputs: { ...NO_INPUTS, base: BASE } }),
  step(2, '0', 'ARG VERSION=1.0', null),
  step(3, '0', 'RUN make', true, { inputs: V1 }),
  step(4, '0', 'COPY src/ ./', true, { inputs: { ...V1, args: {}, files: { digest: 'd1', perFile: { 'src/a.c': 'h1', 'src/b.c': 'h2' }, count: 2 } } }),
  step(5, '0', 'RUN make install', true, { inputs: V1 }),
];

test('first build and --no-cache: every step that ran says so; cached and metadata steps get no cause', () => {
  const now = BEFORE.map((s) => ({ ...s, cached: s.cached === null ? null : false }));
  assert.deepEqual(explain(null, now), [
    '1: first-build | First build of this Dockerfile and target: there is no earlier build to compare with. |  | null',
    '2: -',
    '3: first-build | First build of this Dockerfile and target: there is no earlier build to compare with. |  | null',
    '4: first-build | First build of this Dockerfile and target: there is no earlier build to compare with. |  | null',
    '5: first-build | First build of this Dockerfile and target: there is no earlier build to compare with. |  | null',
  ]);
  assert.deepEqual(explain(BEFORE, [now[0], BEFORE[1], BEFORE[2]], true), [
    '1: no-cache | The build ran with --no-cache: no step may come from the cache. |  | null',
    '2: -',
    '3: -',
  ]);
});

test('an edited instruction is matched by its place in the stage; the steps after it are a cascade from its line', () => {
  const now = [BEFORE[0], BEFORE[1], step(3, '0', 'RUN make -j4', false, { inputs: V1 }), { ...BEFORE[3], cached: false }, { ...BEFORE[4], cached: false }];
  assert.deepEqual(explain(BEFORE, now), [
    '1: -',
    '2: -',
    '3: instruction-changed | The instruction changed: it was "RUN make", now "RUN make -j4". |  | null',
    '4: parent-rebuilt | Line 3 ("RUN make -j4") rebuilt before it, and the steps after it in the stage rebuild with it. |  | 3',
    '5: parent-rebuilt | Line 3 ("RUN make -j4") rebuilt before it, and the steps after it in the stage rebuild with it. |  | 3',
  ]);
  const added = [...BEFORE.slice(0, 3), step(4, '0', 'RUN extra', false), { ...BEFORE[3], line: 5, cached: false }];
  assert.deepEqual(explain(BEFORE, added).slice(3), [
    '4: instruction-changed | A new instruction: the previous build had no such step in stage 0. |  | null',
    '5: parent-rebuilt | Line 4 ("RUN extra") rebuilt before it, and the steps after it in the stage rebuild with it. |  | 4',
  ]);
});

test('a changed build arg is named on every step it reaches, with old and new values; the others cascade', () => {
  const V2: StepInputs = { ...V1, args: { VERSION: '1.1' } };
  const now = [BEFORE[0], BEFORE[1], { ...BEFORE[2], cached: false, inputs: V2 }, { ...BEFORE[3], cached: false }, { ...BEFORE[4], cached: false, inputs: V2 }];
  assert.deepEqual(explain(BEFORE, now).slice(2), [
    '3: build-arg-changed | Build arg VERSION changed from "1.0" to "1.1". |  | null',
    '4: parent-rebuilt | Line 3 ("RUN make") rebuilt before it, and the steps after it in the stage rebuild with it. |  | 3',
    '5: build-arg-changed | Build arg VERSION changed from "1.0" to "1.1". |  | null',
  ]);
  const more = { ...BEFORE[2], cached: false, inputs: { ...V1, args: { EXTRA: 'x' } } };
  assert.deepEqual(explain(BEFORE, [BEFORE[0], more]).slice(1), [
    '3: build-arg-changed | Build arg EXTRA is now "x" (it had no value in the previous build) (and 1 more: VERSION). |  | null',
  ]);
  assert.deepEqual(explain(BEFORE, [BEFORE[0], { ...BEFORE[2], cached: false, inputs: NO_INPUTS }]).slice(1), [
    '3: build-arg-changed | Build arg VERSION no longer has a value (it was "1.0"). |  | null',
  ]);
});

test('changed source files are named (changed, added, removed); without per-file digests the count is said', () => {
  const files = { digest: 'd2', perFile: { 'src/a.c': 'h1', 'src/b.c': 'h9', 'src/new.c': 'h3' }, count: 3 };
  const now = [...BEFORE.slice(0, 3), { ...BEFORE[3], cached: false, inputs: { ...NO_INPUTS, files } }];
  assert.deepEqual(explain(BEFORE, now).slice(3), ['4: files-changed | 2 source files differ from the previous build: src/b.c (changed), src/new.c (added). | src/b.c,src/new.c | null']);
  const removed = { digest: 'd3', perFile: { 'src/a.c': 'h1' }, count: 1 };
  assert.deepEqual(explain(BEFORE, [...BEFORE.slice(0, 3), { ...BEFORE[3], cached: false, inputs: { ...NO_INPUTS, files: removed } }]).slice(3), [
    '4: files-changed | A source file differs from the previous build: src/b.c (removed). | src/b.c | null',
  ]);
  const many = { digest: 'd4', perFile: null, count: 5000 };
  assert.deepEqual(explain(BEFORE, [...BEFORE.slice(0, 3), { ...BEFORE[3], cached: false, inputs: { ...NO_INPUTS, files: many } }]).slice(3), [
    "4: files-changed | Its 5000 source files (2 in the previous build) differ from the previous build's; there were too many to keep a digest per file, so which ones changed is not known. |  | null",
  ]);
});

test('a base image that moved is named by digest (or image id), and the whole stage cascades from the FROM', () => {
  const moved = { ...BASE, digest: 'alpine@sha256:' + 'c'.repeat(64) };
  const now = [{ ...BEFORE[0], cached: false, inputs: { ...NO_INPUTS, base: moved } }, BEFORE[1], { ...BEFORE[2], cached: false }];
  assert.deepEqual(explain(BEFORE, now), [
    '1: base-image-changed | The base image alpine:3.20 changed: its digest was sha256:bbbbbbbbbbbb, now sha256:cccccccccccc. |  | null',
    '2: -',
    '3: parent-rebuilt | Line 1 ("FROM alpine:3.20") rebuilt before it, and the steps after it in the stage rebuild with it. |  | 1',
  ]);
  const local = { ref: 'alpine:3.20', id: 'sha256:' + 'e'.repeat(64), digest: null };
  assert.deepEqual(explain(BEFORE, [{ ...BEFORE[0], cached: false, inputs: { ...NO_INPUTS, base: local } }]), [
    '1: base-image-changed | The base image alpine:3.20 changed: its id was sha256:aaaaaaaaaaaa, now sha256:eeeeeeeeeeee. |  | null',
  ]);
});

test('multi-stage: a stage built FROM another cascades from it; COPY --from misses only as files-changed, or stays cached', () => {
  const stages = (buildCached: boolean, copyCached: boolean) => [
    step(1, 'build', 'FROM alpine AS build', true),
    step(2, 'build', 'RUN make', buildCached),
    step(3, 'test', 'FROM build AS test', null, { rebuildsWhen: [{ kind: 'text', subject: 'FROM build AS test' }, { kind: 'parent', subject: 'build' }] }),
    step(4, 'test', 'RUN make test', buildCached),
    step(5, '2', 'FROM alpine', true),
    step(6, '2', 'COPY --from=build /out /app', copyCached, {
      rebuildsWhen: [{ kind: 'text', subject: 'COPY --from=build /out /app' }, { kind: 'stage', subject: 'build' }, { kind: 'parent', subject: '2' }],
    }),
  ];
  assert.deepEqual(explain(stages(true, true), stages(false, false)), [
    '1: -',
    '2: unknown | It came from the cache in the previous build and nothing tracked here changed since (its text, build args, source files, base image, earlier steps); the builder\'s cache may have been pruned, or the build ran on another builder. |  | null',
    '3: -',
    '4: parent-rebuilt | Line 2 ("RUN make") rebuilt before it, and the steps after it in the stage rebuild with it. |  | 2',
    '5: -',
    '6: files-changed | The files it takes from stage build changed: that stage rebuilt from line 2 ("RUN make"). |  | null',
  ]);
  // BuildKit keeps the COPY cached when the files it takes are byte-identical: no cause.
  assert.deepEqual(explain(stages(true, true), stages(false, true)).slice(5), ['6: -']);
});

test('an edited ENV (no step of its own) is named as the change behind the first step after it', () => {
  const before = [step(1, '0', 'FROM alpine', true), step(2, '0', 'ENV MODE=dev', null), step(3, '0', 'RUN build', true)];
  const now = [before[0], step(2, '0', 'ENV MODE=prod', null), { ...before[2], cached: false }];
  assert.deepEqual(explain(before, now), ['1: -', '2: -', '3: instruction-changed | Line 2 ("ENV MODE=prod") changed, and it sets what the steps after it run with. |  | null']);
});

test('unknown is said with what is known: failed or never ran last time', () => {
  const failed = [BEFORE[0], { ...BEFORE[2], cached: false, error: 'exit code 2' }];
  assert.deepEqual(explain(failed, [BEFORE[0], { ...BEFORE[2], cached: false }]).slice(1), [
    '3: unknown | It failed in the previous build, so there was no cached result to reuse. |  | null',
  ]);
  const stopped = [BEFORE[0], { ...BEFORE[2], cached: null }];
  assert.deepEqual(explain(stopped, [BEFORE[0], { ...BEFORE[2], cached: false }]).slice(1), [
    '3: unknown | It did not run in the previous build (the build stopped before it), so there was no cached result to reuse. |  | null',
  ]);
});

test('repeated identical instructions match in order, and the whole Cause object is returned', () => {
  const before = [step(1, '0', 'FROM alpine', true), step(2, '0', 'RUN echo', true), step(3, '0', 'RUN echo', true)];
  const now = [before[0], before[1], { ...before[2], cached: false, inputs: { ...NO_INPUTS, args: { A: '1' } } }];
  assert.deepEqual(explainRebuilds(record(before), now, { noCache: false }), [
    null,
    null,
    { kind: 'build-arg-changed', detail: 'Build arg A is now "1" (it had no value in the previous build).', files: [], causeLine: null },
  ]);
});
