/** The history and inspect readers, on output recorded from the real engine (test/client/fixtures/history). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyInvocation, imageInspectInvocation } from '../../../client/src/docker/argv';
import { baseImageOf, parseHistory, parseImageInspect, readHistory, repositoryOf, resolveBaseImages, usedBaseImages } from '../../../client/src/docker/imageFacts';
import type { ProcessRunner, SpawnRequest } from '../../../client/src/docker/runner';

const sample = (name: string) => readFileSync(join(process.cwd(), 'test/client/fixtures/history', name), 'utf8');

/** One row per line: `size  createdBy`, as compact as the table a person reads. */
const rows = (text: string) => parseHistory(text)?.map((r) => `${r.sizeBytes} ${r.createdBy}${r.id ? ' [id]' : ''}${r.comment ? ` (${r.comment})` : ''}`);

/** A runner answering each call from a table keyed by the image (the last argv item), recording calls. */
function fakeRunner(answers: Record<string, string>): { runner: ProcessRunner; calls: SpawnRequest[] } {
  const calls: SpawnRequest[] = [];
  return {
    calls,
    runner: {
      spawn(request) {
        calls.push(request);
        const out = answers[request.args[request.args.length - 1]];
        let emit: (chunk: string) => void = () => undefined;
        return {
          pid: 1,
          onStdout: (listener) => (emit = listener),
          onStderr: () => undefined,
          exit: Promise.resolve().then(() => {
            if (out !== undefined) emit(out);
            return { code: out === undefined ? 1 : 0, signal: null };
          }),
          kill: () => undefined,
        };
      },
    },
  };
}

test('the argv: full history text in bytes as JSON lines, and the whole inspect object, each after --', () => {
  const engine = { dockerContext: 'remote', dockerHost: null };
  assert.deepEqual(historyInvocation('-app:1', engine), {
    args: ['--context', 'remote', 'history', '--no-trunc', '--human=false', '--format', '{{json .}}', '--', '-app:1'],
    env: {},
  });
  assert.deepEqual(imageInspectInvocation('app:1', { dockerContext: null, dockerHost: 'tcp://127.0.0.1:2375' }), {
    args: ['image', 'inspect', '--format', '{{json .}}', '--', 'app:1'],
    env: { DOCKER_HOST: 'tcp://127.0.0.1:2375' },
  });
});

test('a BuildKit history: every row, newest first, sizes in bytes, only the newest with an id', () => {
  assert.deepEqual(rows(sample('buildkit.history.jsonl')), [
    '0 CMD ["sh" "/srv/app.sh"] [id] (buildkit.dockerfile.v0)',
    '0 EXPOSE map[8080/tcp:{}] (buildkit.dockerfile.v0)',
    '2 RUN |1 LATE=x /bin/sh -c echo "$LATE" > /srv/late.txt # buildkit (buildkit.dockerfile.v0)',
    '0 ARG LATE=x (buildkit.dockerfile.v0)',
    '32806 RUN /bin/sh -c chmod +x app.sh  && dd if=/dev/zero of=/srv/blob bs=1024 count=32 2>/dev/null # buildkit (buildkit.dockerfile.v0)',
    '38 COPY app.sh ./ # buildkit (buildkit.dockerfile.v0)',
    '12 ADD data.tar /srv/data/ # buildkit (buildkit.dockerfile.v0)',
    '21 COPY /src/lib.txt /srv/lib.txt # buildkit (buildkit.dockerfile.v0)',
    '0 WORKDIR /srv (buildkit.dockerfile.v0)',
    '0 LABEL org.example.role=fixture (buildkit.dockerfile.v0)',
    '0 ENV APP_HOME=/srv (buildkit.dockerfile.v0)',
    '0 ENV BASE_READY=1 (buildkit.dockerfile.v0)',
    '5 RUN /bin/sh -c mkdir -p /opt/base && echo base > /opt/base/marker # buildkit (buildkit.dockerfile.v0)',
    '1984241  (Imported from -)',
  ]);
});

test('a legacy history: #(nop) rows, file hashes in COPY and ADD, every row with an id', () => {
  assert.deepEqual(rows(sample('legacy.history.jsonl'))?.slice(0, 11), [
    '0 /bin/sh -c #(nop)  CMD ["sh" "/srv/app.sh"] [id]',
    '0 /bin/sh -c #(nop)  EXPOSE 8080 [id]',
    '2 |1 LATE=x /bin/sh -c echo "$LATE" > /srv/late.txt [id]',
    '0 /bin/sh -c #(nop)  ARG LATE=x [id]',
    '32806 /bin/sh -c chmod +x app.sh  && dd if=/dev/zero of=/srv/blob bs=1024 count=32 2>/dev/null [id]',
    '38 /bin/sh -c #(nop) COPY file:ab7d87119ec09ca35f275a71278ed9bcc4622b7b6b9201a1301073d4e9bcb957 in ./  [id]',
    '12 /bin/sh -c #(nop) ADD file:a6fd5158c71d59078c96256b158c2aba20284fadfb33e1030773257f677bd3fb in /srv/data/  [id]',
    '21 /bin/sh -c #(nop) COPY file:8347ccbae534142b11119c6f06ce3bcba9cbe298a114fddefac5ab57bf653f92 in /srv/lib.txt  [id]',
    '0 /bin/sh -c #(nop) WORKDIR /srv [id]',
    '0 /bin/sh -c #(nop)  LABEL org.example.role=fixture [id]',
    '0 /bin/sh -c #(nop)  ENV APP_HOME=/srv [id]',
  ]);
});

test('history output that is not all rows is unknown, not a shorter history', () => {
  const good = sample('base.history.jsonl');
  assert.equal(parseHistory(good)?.length, 3);
  assert.equal(parseHistory(`${good}Error: No such image\n`), null);
  assert.equal(parseHistory('{"CreatedBy":"x","Size":"12MB"}'), null);
  assert.equal(parseHistory('{"CreatedBy":"x","Size":"-1"}'), null);
  assert.equal(parseHistory('[1]'), null);
  assert.deepEqual(parseHistory('\n'), []);
});

test('inspect: id, size, tags and digests of the built image and of a base pushed to the registry', () => {
  assert.deepEqual(parseImageInspect(sample('buildkit.inspect.json')), {
    id: 'sha256:54054151545372e7185c6bc8ffcc9a5946b0d11d7fe66a0c5515ebffae9352e8',
    sizeBytes: 2017125,
    repoTags: ['local/dfs-facts-bk:1'],
    repoDigests: [],
  });
  const pushed = parseImageInspect(sample('registry-base.inspect.json'));
  assert.deepEqual(pushed?.repoDigests, ['127.0.0.1:5000/dfs-facts-base@sha256:a69a806398da6210bc9902fabada03ea50635f396ef7675ea90620f904913b9f']);
  assert.equal(parseImageInspect('Error: No such image: x'), null);
  assert.equal(parseImageInspect('{"Id":""}'), null);
});

test('a FROM reference resolves to the digest of its own repository, a pinned one to itself', () => {
  const pushed = parseImageInspect(sample('registry-base.inspect.json'));
  const local = parseImageInspect(sample('base.inspect.json'));
  const id = 'sha256:22a97d2f9ffce6a5429917847c49c07c8292bcf7f8602f6008fd022abcf2bd49';
  const digest = '127.0.0.1:5000/dfs-facts-base@sha256:a69a806398da6210bc9902fabada03ea50635f396ef7675ea90620f904913b9f';
  assert.deepEqual(baseImageOf('127.0.0.1:5000/dfs-facts-base:1', pushed), { ref: '127.0.0.1:5000/dfs-facts-base:1', id, digest });
  // The same image under its local tag was never pulled by that name: no digest of its own.
  assert.deepEqual(baseImageOf('local/dfs-facts-base:1', pushed), { ref: 'local/dfs-facts-base:1', id, digest: null });
  assert.deepEqual(baseImageOf('local/dfs-facts-base:1', local), { ref: 'local/dfs-facts-base:1', id, digest: null });
  assert.deepEqual(baseImageOf(digest, pushed), { ref: digest, id, digest });
  assert.deepEqual(baseImageOf('alpine:3.20', { id: 'sha256:1', sizeBytes: 1, repoTags: [], repoDigests: ['alpine@sha256:ab'] }), { ref: 'alpine:3.20', id: 'sha256:1', digest: 'alpine@sha256:ab' });
  assert.deepEqual(baseImageOf('missing:1', null), { ref: 'missing:1', id: null, digest: null });
  assert.deepEqual(['127.0.0.1:5000/a/b:1', 'a@sha256:x', 'a:1@sha256:x', 'localhost:5000/a'].map(repositoryOf), ['127.0.0.1:5000/a/b', 'a', 'a', 'localhost:5000/a']);
});

test('the readers run one docker call per image and say null for what the engine does not have', async () => {
  const { runner, calls } = fakeRunner({ 'app:1': sample('buildkit.history.jsonl'), 'base:1': sample('registry-base.inspect.json') });
  const docker = { runner, path: '/usr/bin/docker', engine: { dockerContext: null, dockerHost: null } };
  assert.equal((await readHistory(docker, 'app:1'))?.length, 14);
  assert.equal(await readHistory(docker, 'gone:1'), null);
  assert.deepEqual(await resolveBaseImages(docker, ['base:1', 'gone:1', 'base:1']), [
    { ref: 'base:1', id: 'sha256:22a97d2f9ffce6a5429917847c49c07c8292bcf7f8602f6008fd022abcf2bd49', digest: null },
    { ref: 'gone:1', id: null, digest: null },
  ]);
  assert.deepEqual(calls.map((c) => c.args.slice(0, 2).join(' ')), ['history --no-trunc', 'history --no-trunc', 'image inspect', 'image inspect']);
});

test('a FROM step that names a digest (a --pull build) says what the build used; the local tag is kept only when it has that digest', () => {
  const d1 = `sha256:${'1'.repeat(64)}`;
  const d2 = `sha256:${'2'.repeat(64)}`;
  const images = [
    { ref: '127.0.0.1:5000/base:7', id: 'sha256:local', digest: `127.0.0.1:5000/base@${d1}` },
    { ref: 'alpine', id: 'sha256:alp', digest: `alpine@${d1}` },
    { ref: 'org/tool:2', id: 'sha256:tool', digest: null },
    { ref: `busybox@${d1}`, id: 'sha256:bb', digest: `busybox@${d1}` },
    { ref: 'untouched:1', id: 'sha256:u', digest: null },
  ];
  // BuildKit's names: the full registry name, Hub's `docker.io/library/` and `:latest` spelled out.
  const steps = [
    { text: `FROM 127.0.0.1:5000/base:7@${d2}` },
    { text: `FROM docker.io/library/alpine:latest@${d1}` },
    { text: `FROM --platform=linux/amd64 docker.io/org/tool:2@${d2}` },
    { text: `FROM docker.io/library/busybox@${d2}` },
    { text: 'FROM untouched:1' },
    { text: 'FROM docker.io/library/untouched:1@sha256:short' },
  ];
  assert.deepEqual(usedBaseImages(images, steps), [
    { ref: '127.0.0.1:5000/base:7', id: null, digest: `127.0.0.1:5000/base@${d2}` },
    images[1],
    { ref: 'org/tool:2', id: null, digest: `org/tool@${d2}` },
    images[3],
    images[4],
  ]);
});
