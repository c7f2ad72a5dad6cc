/**
 * argv builders for every option, the mode choice from the probes, the friendly failure messages
 * and the option helpers (tag, container name, profiles, remembered args).
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { type BuildOptions, buildInvocation, removeContainerInvocation, runInvocation, stopContainerInvocation } from '../../../client/src/docker/argv';
import { chooseCapabilities } from '../../../client/src/docker/capabilities';
import { classifyFailure } from '../../../client/src/docker/errors';
import { applyProfile, containerNameFor, defaultTag, prefillBuildArgs, targetChoices } from '../../../client/src/docker/options';
import { planOf } from './helpers';

const HOSTILE = `a b 'q' "d" $(touch /tmp/x); rm -rf / \`id\`\nnext ünï`;

const BASE: BuildOptions = {
  dockerfile: '/w/Dockerfile',
  context: '/w',
  tag: 'w:latest',
  target: null,
  buildArgs: [],
  platform: null,
  noCache: false,
  builder: null,
  extraFlags: [],
};
const NO_ENGINE = { dockerContext: null, dockerHost: null };

test('build: the minimal invocation of each mode', () => {
  assert.deepEqual(buildInvocation(BASE, 'rawjson', NO_ENGINE), {
    args: ['buildx', 'build', '--progress=rawjson', '--load', '--file', '/w/Dockerfile', '--tag', 'w:latest', '--', '/w'],
    env: {},
  });
  assert.deepEqual(buildInvocation(BASE, 'plain', NO_ENGINE), {
    args: ['build', '--progress=plain', '--file', '/w/Dockerfile', '--tag', 'w:latest', '--', '/w'],
    env: { DOCKER_BUILDKIT: '1' },
  });
  assert.deepEqual(buildInvocation(BASE, 'legacy', NO_ENGINE), {
    args: ['build', '--force-rm', '--file', '/w/Dockerfile', '--tag', 'w:latest', '--', '/w'],
    env: { DOCKER_BUILDKIT: '0' },
  });
});

test('build: every option, with hostile values kept as single argv items', () => {
  const options: BuildOptions = {
    dockerfile: `/w/${HOSTILE}/Dockerfile`,
    context: `-${HOSTILE}`,
    tag: HOSTILE,
    target: 'build',
    buildArgs: [['GREETING', HOSTILE], ['EMPTY', '']],
    platform: 'linux/arm64',
    noCache: true,
    builder: 'remote builder',
    extraFlags: ['--pull', '--network=host'],
  };
  assert.deepEqual(buildInvocation(options, 'rawjson', { dockerContext: 'my ctx', dockerHost: 'ssh://me@host' }), {
    args: [
      '--context', 'my ctx', 'buildx', 'build', '--progress=rawjson', '--builder', 'remote builder', '--load',
      '--file', `/w/${HOSTILE}/Dockerfile`, '--tag', HOSTILE, '--target', 'build',
      '--build-arg', `GREETING=${HOSTILE}`, '--build-arg', 'EMPTY=', '--platform', 'linux/arm64', '--no-cache',
      '--pull', '--network=host', '--', `-${HOSTILE}`,
    ],
    env: { DOCKER_HOST: 'ssh://me@host' },
  });
  assert.ok(!buildInvocation(options, 'plain', NO_ENGINE).args.includes('--builder'), 'only buildx takes --builder');
});

test('run, stop and remove', () => {
  const run = runInvocation(
    { image: 'sha256:abc', containerName: 'w-studio', ports: [['127.0.0.1', 18080, '8080'], ['127.0.0.1', 5353, '53/udp']], envFile: `/w/${HOSTILE}.env`, interactive: true, init: true, dockerfile: '/w/Dockerfile', extraFlags: ['--memory=256m'], command: ['sh', '-c', HOSTILE] },
    { dockerContext: 'c', dockerHost: null },
  );
  assert.deepEqual(run.args, [
    '--context', 'c', 'run', '--rm', '--name', 'w-studio', '--label', 'dockerfile-studio.dockerfile=/w/Dockerfile', '--init', '--interactive', '--tty',
    '--publish', '127.0.0.1:18080:8080', '--publish', '127.0.0.1:5353:53/udp', '--env-file', `/w/${HOSTILE}.env`, '--memory=256m', '--', 'sha256:abc', 'sh', '-c', HOSTILE,
  ]);
  assert.deepEqual(stopContainerInvocation('w-studio', NO_ENGINE, 3).args, ['stop', '--time', '3', '--', 'w-studio']);
  assert.deepEqual(removeContainerInvocation('w-studio', NO_ENGINE).args, ['rm', '--force', '--', 'w-studio']);
});

test('mode: rawjson with buildx 0.12+, plain with older buildx or a pre-23 client, else legacy', () => {
  const version = (client: string, server: string | null) => ({ code: server ? 0 : 1, stdout: JSON.stringify({ Client: { Version: client }, Server: server ? { Version: server } : null }), stderr: server ? '' : 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' });
  const buildx = (text: string) => ({ code: 0, stdout: text });
  assert.deepEqual(chooseCapabilities(buildx('github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3'), version('26.1.5+dfsg1', '26.1.5+dfsg1')), {
    mode: 'rawjson', clientVersion: '26.1.5+dfsg1', serverVersion: '26.1.5+dfsg1', buildxVersion: '0.13.1+ds1', engineError: null,
  });
  assert.equal(chooseCapabilities(buildx('github.com/docker/buildx v0.10.4 c513d34'), version('24.0.0', '24.0.0')).mode, 'plain');
  assert.equal(chooseCapabilities({ code: 1, stdout: '' }, version('20.10.24', '20.10.24')).mode, 'plain');
  assert.equal(chooseCapabilities(null, version('28.2.2', '26.1.5')).mode, 'legacy');
  assert.match(chooseCapabilities(null, version('28.2.2', null)).engineError ?? '', /Cannot connect/);
});

test('failures outside the Dockerfile get one message that says what to do', () => {
  const kind = (text: string, code?: string) => classifyFailure(text, '/usr/bin/docker', code)?.kind ?? null;
  assert.equal(kind('', 'ENOENT'), 'no-cli');
  assert.equal(kind('ERROR: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?'), 'engine-down');
  assert.equal(kind('ERROR: failed to solve: local/nothing: failed to resolve source metadata for docker.io/library/alpine:latest: failed to do request: Head "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.0.0.1:53: no such host'), 'registry');
  assert.equal(kind('ERROR: failed to solve: failed to copy files: write /var/lib/docker/x: no space left on device'), 'disk-full');
  assert.equal(kind('ERROR: invalid tag "a b": invalid reference format'), 'bad-tag');
  assert.equal(kind('process "/bin/sh -c false" did not complete successfully: exit code: 1'), null);
  // A RUN whose own output mentions a full disk or a timeout failed as a command, in both builders.
  const runLog = '#9 0.31 write /x: no space left on device\n#9 0.32 dial tcp 10.0.0.1:443: i/o timeout\n';
  assert.equal(kind(`${runLog}ERROR: failed to solve: process "/bin/sh -c ./fetch.sh" did not complete successfully: exit code: 1`), null);
  assert.equal(kind("no space left on device\nThe command '/bin/sh -c ./fetch.sh' returned a non-zero code: 1"), null);
});

test('tag and container name from the folder and the Dockerfile name', () => {
  assert.equal(defaultTag('My App', 'Dockerfile'), 'my-app:latest');
  assert.equal(defaultTag('api', 'Dockerfile.dev'), 'api-dev:latest');
  assert.equal(defaultTag('Çafé', 'web.dockerfile'), 'cafe-web:latest');
  assert.equal(defaultTag('!!!', 'Dockerfile'), 'image:latest');
  assert.equal(containerNameFor('registry:5000/team/api:1.2'), 'registry-5000-team-api-studio');
  assert.equal(containerNameFor('my-app:latest'), 'my-app-studio');
});

test('profiles override options and add args; ARGs without a default are asked, pre-filled with the last value', () => {
  const merged = applyProfile({ ...BASE, buildArgs: [['A', '1'], ['B', '2']] }, { context: 'sub', target: 't', args: { B: 'x', C: 'y' }, platform: 'linux/amd64', tag: 'p:1', flags: ['--pull'] }, (path) => `/w/${path}`);
  assert.deepEqual(merged, { ...BASE, context: '/w/sub', target: 't', platform: 'linux/amd64', tag: 'p:1', buildArgs: [['A', '1'], ['B', 'x'], ['C', 'y']], extraFlags: ['--pull'] });
  assert.deepEqual(
    prefillBuildArgs([{ name: 'BASE', defaultValue: 'x' }, { name: 'TOKEN', defaultValue: null }, { name: 'USER', defaultValue: null }], [['USER', 'me'], ['GONE', '1']]),
    [{ name: 'TOKEN', value: '' }, { name: 'USER', value: 'me' }],
  );
});

test("targets and ARGs to ask for come from the server's plan: the issue's example offers BASE, A and B", () => {
  const plan = planOf('ARG BASE=build\nFROM alpine AS build\nARG A B=1\nFROM ${BASE} AS final\nFROM scratch\n');
  assert.deepEqual(targetChoices(plan), { labels: ['build', 'final', '2'], defaultTarget: '2' });
  assert.deepEqual(targetChoices({ stages: [] }), { labels: [], defaultTarget: null });
  const final = planOf('ARG BASE=build\nFROM alpine AS build\nARG A B=1\nFROM ${BASE} AS final\n', 'final');
  assert.deepEqual(prefillBuildArgs(final.buildArgs, [['A', 'remembered']]), [{ name: 'A', value: 'remembered' }]);
  assert.deepEqual(final.buildArgs.map((arg) => arg.name), ['BASE', 'A', 'B']);
});
