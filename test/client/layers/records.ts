/**
 * Build records for the layer views' tests, written by hand the way the analysis makes them: a
 * two-stage Node Dockerfile whose first stage is not in the image, a continuation, metadata-only
 * instructions, a cascade of rebuilds after a changed lock file, and a RUN line carrying an HTML
 * payload that every view must show as text.
 */
import type { BuildRecord, Cause, StepRecord } from '../../../server/src/protocol/build';

export const XSS = 'RUN echo "<script>alert(1)</script><img src=x onerror=alert(2)>" > banner.html';

/** The Dockerfile the records describe (1-based line numbers in the comments). */
export const DOCKERFILE = [
  'ARG NODE=node:22-alpine', // 1
  'FROM ${NODE} AS tools', // 2
  'ENV CI=1', // 3
  'WORKDIR /tools', // 4
  XSS, // 5
  'RUN npm install --global pnpm@9', // 6
  '', // 7
  'FROM ${NODE} AS app', // 8
  'ARG VERSION=1.0', // 9
  'WORKDIR /app', // 10
  'COPY package.json pnpm-lock.yaml ./', // 11
  'RUN corepack enable \\', // 12
  '  && pnpm install --frozen-lockfile', // 13
  'COPY --from=tools /tools/banner.html ./public/', // 14
  'RUN pnpm build', // 15
  '', // 16
  'EXPOSE 3000', // 17
  'CMD ["node", "dist/server.js"]', // 18
].join('\n');

const NO_INPUTS = { args: {}, files: null, base: null };

function step(line: number, stage: string, instruction: string, fields: Partial<StepRecord>): StepRecord {
  const keyword = instruction.slice(0, instruction.indexOf(' '));
  return {
    line,
    endLine: line,
    stage,
    instruction,
    keyword,
    cached: null,
    durationMs: null,
    sizeBytes: null,
    output: 'layer',
    error: null,
    cause: null,
    inputs: NO_INPUTS,
    rebuildsWhen: [{ kind: 'text', subject: '' }, { kind: 'parent', subject: '' }],
    ...fields,
  };
}

function cause(kind: Cause['kind'], detail: string, extra: Partial<Cause> = {}): Cause {
  return { kind, detail, files: [], causeLine: null, ...extra };
}

const cascade = (line: number) => cause('parent-rebuilt', `An earlier step (line ${line}) rebuilt.`, { causeLine: line });

/** A successful build after the lock file and the banner line changed. */
export function sampleRecord(): BuildRecord {
  const cached = (durationMs: number) => ({ cached: true, durationMs });
  return {
    version: 1,
    id: '2026-12-08T00:41:07.120Z-a1b2',
    dockerfile: '/work/app/Dockerfile',
    target: null,
    startedAt: '2026-12-08T00:41:07.120Z',
    durationMs: 27_430,
    builder: 'rawjson',
    noCache: false,
    succeeded: true,
    buildArgs: { VERSION: '1.0' },
    image: { tag: 'app:dev', id: 'sha256:5f0c1de2a9b8', sizeBytes: 202_612_061 },
    cacheHitRatio: 0.25,
    steps: [
      step(2, 'tools', 'FROM ${NODE} AS tools', { ...cached(0), output: 'not-in-image', rebuildsWhen: [{ kind: 'base-image', subject: 'node:22-alpine' }] }),
      step(3, 'tools', 'ENV CI=1', { output: 'metadata', rebuildsWhen: [] }),
      step(4, 'tools', 'WORKDIR /tools', { ...cached(12), output: 'not-in-image' }),
      step(5, 'tools', XSS, {
        cached: false,
        durationMs: 2100,
        output: 'not-in-image',
        cause: cause('instruction-changed', 'The instruction changed; it was: RUN echo "<b>hi</b>" > banner.html'),
      }),
      step(6, 'tools', 'RUN npm install --global pnpm@9', { cached: false, durationMs: 4200, output: 'not-in-image', cause: cascade(5) }),
      step(8, 'app', 'FROM ${NODE} AS app', { ...cached(0), sizeBytes: 41_200_000, rebuildsWhen: [{ kind: 'base-image', subject: 'node:22-alpine' }] }),
      step(9, 'app', 'ARG VERSION=1.0', { output: 'metadata', rebuildsWhen: [] }),
      step(10, 'app', 'WORKDIR /app', { ...cached(31), sizeBytes: 0 }),
      step(11, 'app', 'COPY package.json pnpm-lock.yaml ./', {
        cached: false,
        durationMs: 120,
        sizeBytes: 212_000,
        cause: cause('files-changed', '1 file changed: pnpm-lock.yaml', { files: ['pnpm-lock.yaml'] }),
        rebuildsWhen: [{ kind: 'files', subject: 'package.json pnpm-lock.yaml' }, { kind: 'parent', subject: '' }],
      }),
      step(12, 'app', 'RUN corepack enable   && pnpm install --frozen-lockfile', {
        endLine: 13, cached: false, durationMs: 14_000, sizeBytes: 48_200_000, cause: cascade(11),
        rebuildsWhen: [{ kind: 'text', subject: '' }, { kind: 'build-arg', subject: 'VERSION' }, { kind: 'parent', subject: '' }],
      }),
      step(14, 'app', 'COPY --from=tools /tools/banner.html ./public/', {
        cached: false, durationMs: 40, sizeBytes: 61, cause: cascade(11),
        rebuildsWhen: [{ kind: 'stage', subject: 'tools' }, { kind: 'parent', subject: '' }],
      }),
      step(15, 'app', 'RUN pnpm build', { cached: false, durationMs: 6000, sizeBytes: 113_200_000, cause: cascade(11) }),
      step(17, 'app', 'EXPOSE 3000', { output: 'metadata', rebuildsWhen: [] }),
      step(18, 'app', 'CMD ["node", "dist/server.js"]', { output: 'metadata', rebuildsWhen: [] }),
    ],
    failure: null,
  };
}

export const FAILURE = 'process "/bin/sh -c pnpm build" did not complete successfully: exit code: 1';

/** The same build failing at `RUN pnpm build` (line 15): no image, no size for that step. */
export function failedRecord(): BuildRecord {
  const record = sampleRecord();
  record.id = '2026-12-08T00:45:51.004Z-c3d4';
  record.startedAt = '2026-12-08T00:45:51.004Z';
  record.succeeded = false;
  record.image = { tag: 'app:dev', id: null, sizeBytes: null };
  record.failure = { line: 15, endLine: 15, message: FAILURE };
  const failed = record.steps.find((s) => s.line === 15)!;
  Object.assign(failed, { durationMs: 820, sizeBytes: null, error: FAILURE });
  return record;
}

/** The list of builds the panel offers for comparison, newest first. */
export function sampleHistory(): { id: string; startedAt: string; cacheHitRatio: number | null; durationMs: number }[] {
  return [
    { id: '2026-12-08T00:41:07.120Z-a1b2', startedAt: '2026-12-08T00:41:07.120Z', cacheHitRatio: 0.25, durationMs: 27_430 },
    { id: '2026-12-07T23:10:44.812Z-9f8e', startedAt: '2026-12-07T23:10:44.812Z', cacheHitRatio: 1, durationMs: 1_210 },
    { id: '2026-12-07T22:58:02.377Z-7d6c', startedAt: '2026-12-07T22:58:02.377Z', cacheHitRatio: null, durationMs: 61_880 },
  ];
}
