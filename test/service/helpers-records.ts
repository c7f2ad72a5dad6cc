/**
 * A build record of test/client/fixtures/history/Dockerfile (the two-stage fixture) as the
 * analysis would write it after `app.sh` changed: sizes from its recorded BuildKit history, a
 * files-changed cause and the cascade after it. Shared by the records store and report tests.
 */
import type { BuildRecord, Cause, StepRecord } from '../../server/src/protocol';

type Row = [line: number, endLine: number, stage: string, keyword: string, instruction: string, cached: boolean | null, durationMs: number | null, sizeBytes: number | null, output: StepRecord['output'], cause: Cause | null];

const changed: Cause = { kind: 'files-changed', detail: 'app.sh changed', files: ['app.sh'], causeLine: null };
const cascade: Cause = { kind: 'parent-rebuilt', detail: 'line 16 rebuilt', files: [], causeLine: 16 };

const ROWS: Row[] = [
  [4, 4, 'build', 'FROM', 'FROM ${BASE} AS build', true, 0, null, 'not-in-image', null],
  [5, 5, 'build', 'ARG', 'ARG NOTE=plain', null, null, null, 'not-in-image', null],
  [6, 6, 'build', 'WORKDIR', 'WORKDIR /src', true, 0, null, 'not-in-image', null],
  [7, 7, 'build', 'COPY', 'COPY lib.txt .', true, 0, null, 'not-in-image', null],
  [8, 8, 'build', 'RUN', 'RUN echo "$NOTE" >> lib.txt && dd if=/dev/zero of=big.bin bs=1024 count=64 2>/dev/null', true, 0, null, 'not-in-image', null],
  [10, 10, '1', 'FROM', 'FROM ${BASE}', true, 0, null, 'metadata', null],
  [11, 11, '1', 'ENV', 'ENV APP_HOME=/srv', null, null, null, 'metadata', null],
  [12, 12, '1', 'LABEL', 'LABEL org.example.role="fixture"', null, null, null, 'metadata', null],
  [13, 13, '1', 'WORKDIR', 'WORKDIR /srv', true, 0, null, 'metadata', null],
  [14, 14, '1', 'COPY', 'COPY --from=build /src/lib.txt /srv/lib.txt', true, 0, 21, 'layer', null],
  [15, 15, '1', 'ADD', 'ADD data.tar /srv/data/', true, 0, 12, 'layer', null],
  [16, 16, '1', 'COPY', 'COPY app.sh ./', false, 41, 38, 'layer', changed],
  [17, 18, '1', 'RUN', 'RUN chmod +x app.sh  && dd if=/dev/zero of=/srv/blob bs=1024 count=32 2>/dev/null', false, 212, 32806, 'layer', cascade],
  [19, 19, '1', 'ARG', 'ARG LATE=x', null, null, null, 'metadata', null],
  [20, 20, '1', 'RUN', 'RUN echo "$LATE" > /srv/late.txt', false, 180, 2, 'layer', cascade],
  [21, 21, '1', 'EXPOSE', 'EXPOSE 8080', null, null, null, 'metadata', null],
  [22, 22, '1', 'CMD', 'CMD ["sh", "/srv/app.sh"]', null, null, null, 'metadata', null],
];

/** The sample record; `overrides` replace top-level fields. */
export function sampleRecord(overrides: Partial<BuildRecord> = {}): BuildRecord {
  const steps = ROWS.map(([line, endLine, stage, keyword, instruction, cached, durationMs, sizeBytes, output, cause]): StepRecord => ({
    line,
    endLine,
    stage,
    instruction,
    keyword,
    cached,
    durationMs,
    sizeBytes,
    output,
    error: null,
    cause,
    inputs: {
      args: keyword === 'RUN' && line === 20 ? { LATE: 'x' } : ({} as Record<string, string>),
      files:
        line === 16
          ? { digest: 'sha256:6f1c0f5e2b7a9d8c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d', perFile: { 'app.sh': '0b1a2c3d4e5f60718293a4b5c6d7e8f9' }, count: 1 }
          : null,
      base: keyword === 'FROM' ? { ref: 'local/dfs-facts-base:1', id: 'sha256:22a97d2f9ffce6a5429917847c49c07c8292bcf7f8602f6008fd022abcf2bd49', digest: null } : null,
    },
    rebuildsWhen: [],
  }));
  return {
    version: 1,
    id: '2026-12-08T00:40:18.000Z-5e1f2a3b',
    dockerfile: '/work/project/Dockerfile',
    target: null,
    startedAt: '2026-12-08T00:40:18.000Z',
    durationMs: 1930,
    builder: 'rawjson',
    noCache: false,
    succeeded: true,
    buildArgs: {},
    image: { tag: 'local/dfs-facts-bk:1', id: 'sha256:54054151545372e7185c6bc8ffcc9a5946b0d11d7fe66a0c5515ebffae9352e8', sizeBytes: 2017125 },
    cacheHitRatio: 8 / 11,
    steps,
    failure: null,
    ...overrides,
  };
}
