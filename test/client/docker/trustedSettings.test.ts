/**
 * What build and run settings from a workspace may do: the inputs are `inspect()` results shaped
 * as VS Code returns them (a key, the default, and the value of each scope that sets one), the disk
 * is a recorded FileView of a workspace at /home/me/repo with a committed symlink out of it.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BuildProfile } from '../../../client/src/docker/options';
import { type FileView, decideBuild, decideRun, effective, filterWorkspaceFlags, profileNames, trustedProfile, userValue } from '../../../client/src/docker/trustedSettings';

const ROOT = '/home/me/repo';
const DOCKERFILE = `${ROOT}/app/Dockerfile`;

/** The disk: folders and files that exist, and `app/escape -> /home/me` committed in the repository. */
const FILES: FileView = {
  realpath(file) {
    if (file === `${ROOT}/app/escape` || file.startsWith(`${ROOT}/app/escape/`)) return file.replace(`${ROOT}/app/escape`, '/home/me');
    return this.kind(file) === 'missing' ? null : file;
  },
  kind(file) {
    const folders = [ROOT, `${ROOT}/app`, `${ROOT}/app/sub`, `${ROOT}/app/escape`, '/home/me', '/home/me/.ssh', '/srv/shared'];
    const files = [DOCKERFILE, `${ROOT}/app/.env`, `${ROOT}/.env`, '/home/me/secrets.env'];
    return folders.includes(file) ? 'folder' : files.includes(file) ? 'file' : file === `${ROOT}/app/fifo.env` ? 'other' : 'missing';
  },
};

const profiles = (scopes: { user?: Record<string, BuildProfile>; workspace?: Record<string, BuildProfile>; folder?: Record<string, BuildProfile> }) => ({
  key: 'dockerfileStudio.build.profiles',
  defaultValue: {},
  globalValue: scopes.user,
  workspaceValue: scopes.workspace,
  workspaceFolderValue: scopes.folder,
});
const context = (scopes: { user?: string; workspace?: string; folder?: string }) => ({
  key: 'dockerfileStudio.build.context',
  defaultValue: '',
  globalValue: scopes.user,
  workspaceValue: scopes.workspace,
  workspaceFolderValue: scopes.folder,
});
const build = (input: { context?: ReturnType<typeof context>; profiles?: ReturnType<typeof profiles>; profileName?: string | null }) =>
  decideBuild({ dockerfile: DOCKERFILE, root: ROOT, context: input.context, profiles: input.profiles, profileName: input.profileName ?? null, files: FILES });

const HOST_REACHING = [
  '--output=type=local,dest=/home/me', '--output', 'type=local,dest=/home/me', '-o', 'type=tar,dest=/tmp/x.tar',
  '--secret', 'id=key,src=/home/me/.ssh/id_ed25519', '--secret=id=aws,env=AWS_SECRET_ACCESS_KEY', '--ssh', 'default',
  '--build-context', 'home=/home/me', '--iidfile=/home/me/.bashrc', '--metadata-file', '/home/me/.profile',
  '--cache-to', 'type=local,dest=/home/me/cache', '--cache-from=type=local,src=/home/me', '--allow', 'network.host',
  '--push', '--network=host', '--network', 'container:db', '--add-host=registry:10.0.0.1', '--file=/etc/passwd',
  '--builder', 'remote', '--progress=quiet', '--tag', 'alpine:latest', '--build-arg', 'AWS_SECRET_ACCESS_KEY', '--pull=/x', 'stray', '--',
];

test('flags from a workspace: only the harmless ones pass, in every spelling; each refused flag keeps its value', () => {
  assert.deepEqual(filterWorkspaceFlags(['--pull', '--no-cache', '--pull=true', '--label', 'team=a b', '--label=x=y', '--build-arg', 'A=1', '--build-arg=B=', '--target', 'dev', '--platform=linux/arm64', '--network=none', '--network', 'default', '--no-cache-filter', 'build']), {
    accepted: ['--pull', '--no-cache', '--pull=true', '--label', 'team=a b', '--label=x=y', '--build-arg', 'A=1', '--build-arg=B=', '--target', 'dev', '--platform=linux/arm64', '--network=none', '--network', 'default', '--no-cache-filter', 'build'],
    refused: [],
  });
  assert.deepEqual(filterWorkspaceFlags(HOST_REACHING), {
    accepted: [],
    refused: [
      '--output=type=local,dest=/home/me', '--output', 'type=local,dest=/home/me', '-o', 'type=tar,dest=/tmp/x.tar',
      '--secret', 'id=key,src=/home/me/.ssh/id_ed25519', '--secret=id=aws,env=AWS_SECRET_ACCESS_KEY', '--ssh', 'default',
      '--build-context', 'home=/home/me', '--iidfile=/home/me/.bashrc', '--metadata-file', '/home/me/.profile',
      '--cache-to', 'type=local,dest=/home/me/cache', '--cache-from=type=local,src=/home/me', '--allow', 'network.host',
      '--push', '--network=host', '--network container:db', '--add-host=registry:10.0.0.1', '--file=/etc/passwd',
      '--builder', 'remote', '--progress=quiet', '--tag', 'alpine:latest', '--build-arg AWS_SECRET_ACCESS_KEY', '--pull=/x', 'stray', '--',
    ],
  });
  // pflag reads the item after a value flag as its value, dashes or not: so do we.
  assert.deepEqual(filterWorkspaceFlags(['--label', '--output=type=local,dest=/home/me', '--target']), { accepted: ['--label', '--output=type=local,dest=/home/me'], refused: ['--target'] });
  assert.deepEqual(filterWorkspaceFlags([7, null]), { accepted: [], refused: ['7', 'null'] });
});

test('a profile merges as VS Code merges it; flags from user settings pass verbatim, from a workspace filtered', () => {
  const inspected = profiles({
    user: { release: { flags: ['--output=type=local,dest=/home/me/out', '--push'], args: { A: 'user', B: 'user' }, tag: 'me/app:1' }, mine: { flags: ['--ssh', 'default'] } },
    workspace: { release: { args: { B: 'ws' }, context: 'sub' }, repo: { flags: ['--pull', '--output', 'type=local,dest=/home/me', '--secret=id=k,src=/home/me/.ssh/id_rsa'], target: 'dev' } },
    folder: { release: { platform: 'linux/arm64' } },
  });
  assert.deepEqual(profileNames(inspected), ['release', 'mine', 'repo']);
  assert.deepEqual(trustedProfile(inspected, 'release'), {
    profile: { flags: ['--output=type=local,dest=/home/me/out', '--push'], args: { A: 'user', B: 'ws' }, tag: 'me/app:1', context: 'sub', platform: 'linux/arm64' },
    contextOrigin: 'workspace',
    notes: [],
  });
  assert.deepEqual(trustedProfile(inspected, 'mine'), { profile: { flags: ['--ssh', 'default'] }, contextOrigin: 'default', notes: [] });
  assert.deepEqual(trustedProfile(inspected, 'repo'), {
    profile: { flags: ['--pull'], target: 'dev' },
    contextOrigin: 'default',
    notes: [
      'Ignored flags of build profile "repo" set in workspace settings: --output type=local,dest=/home/me --secret=id=k,src=/home/me/.ssh/id_rsa. ' +
        'Flags that read or write host files, reach the network or push are taken from your user settings only.',
    ],
  });
  // A workspace that redefines the user's profile's flags replaces them (arrays are not merged) and is filtered.
  const shadowed = profiles({ user: { p: { flags: ['--push'] } }, folder: { p: { flags: ['--iidfile', '/home/me/.bashrc'] } } });
  assert.deepEqual(trustedProfile(shadowed, 'p')?.profile.flags, []);
  assert.equal(trustedProfile(shadowed, 'nope'), undefined);
  assert.equal(trustedProfile(profiles({ workspace: { constructor: 'x' as unknown as BuildProfile } }), 'toString'), undefined);
});

test('the build context: the Dockerfile folder by default; from a workspace it stays in the folder, symlinks resolved', () => {
  assert.deepEqual(build({}), { context: `${ROOT}/app`, profile: undefined, notes: [] });
  assert.deepEqual(build({ context: context({ workspace: 'sub' }) }), { context: `${ROOT}/app/sub`, profile: undefined, notes: [] });
  assert.deepEqual(build({ context: context({ folder: '..' }) }), { context: ROOT, profile: undefined, notes: [] });
  assert.deepEqual(build({ context: context({ workspace: ROOT }) }), { context: ROOT, profile: undefined, notes: [] });
  assert.deepEqual(build({ context: context({ workspace: '../..' }) }), {
    error: 'The workspace setting "dockerfileStudio.build.context" ("../..") points outside the workspace folder /home/me/repo: /home/me. Only your user settings may point outside it.',
  });
  assert.deepEqual(build({ context: context({ folder: '/home/me/.ssh' }) }), {
    error: 'The workspace setting "dockerfileStudio.build.context" ("/home/me/.ssh") points outside the workspace folder /home/me/repo: /home/me/.ssh. Only your user settings may point outside it.',
  });
  assert.deepEqual(build({ context: context({ workspace: 'escape' }) }), {
    error: 'The workspace setting "dockerfileStudio.build.context" ("escape") points outside the workspace folder /home/me/repo: /home/me/repo/app/escape. Only your user settings may point outside it.',
  });
  // The user's own settings may point anywhere; a workspace value wins over them and is checked.
  assert.deepEqual(build({ context: context({ user: '/srv/shared' }) }), { context: '/srv/shared', profile: undefined, notes: [] });
  assert.deepEqual(build({ context: context({ user: '../..' }) }), { context: '/home/me', profile: undefined, notes: [] });
  assert.match((build({ context: context({ user: 'sub', workspace: '/srv/shared' }) }) as { error: string }).error, /^The workspace setting "dockerfileStudio.build.context" \("\/srv\/shared"\) points outside/);
});

test('the build context of a profile is checked by where the profile set it; a missing context stops the build', () => {
  const outside = profiles({ user: { mine: { context: '/srv/shared' } }, workspace: { repo: { context: '../../..', flags: ['--pull'] } } });
  assert.deepEqual(build({ profiles: outside, profileName: 'mine', context: context({ workspace: 'sub' }) }), { context: '/srv/shared', profile: { context: undefined }, notes: [] });
  assert.deepEqual(build({ profiles: outside, profileName: 'repo' }), {
    error: 'The workspace setting "dockerfileStudio.build.profiles.repo.context" ("../../..") points outside the workspace folder /home/me/repo: /home. Only your user settings may point outside it.',
  });
  assert.deepEqual(build({ context: context({ workspace: 'gone' }) }), { error: 'The build context folder /home/me/repo/app/gone does not exist.' });
  assert.deepEqual(build({ context: context({ user: '/srv/gone' }) }), { error: 'The build context folder /srv/gone does not exist.' });
  assert.deepEqual(build({ context: context({ workspace: 'Dockerfile' }) }), { error: 'The build context /home/me/repo/app/Dockerfile is not a folder.' });
});

test('run: a workspace may publish on loopback only and keep its env file in the folder; the user may choose', () => {
  const address = (scopes: { user?: string; workspace?: string; folder?: string }) => ({ key: 'dockerfileStudio.run.hostAddress', defaultValue: '127.0.0.1', globalValue: scopes.user, workspaceValue: scopes.workspace, workspaceFolderValue: scopes.folder });
  const envFile = (scopes: { user?: string; workspace?: string }) => ({ key: 'dockerfileStudio.run.envFile', defaultValue: '', globalValue: scopes.user, workspaceValue: scopes.workspace });
  const run = (hostAddress: ReturnType<typeof address>, env = envFile({})) => decideRun({ dockerfile: DOCKERFILE, root: ROOT, envFile: env, hostAddress, files: FILES });
  assert.deepEqual(run(address({})), { envFile: null, hostAddress: '127.0.0.1', notes: [] });
  assert.deepEqual(run(address({ user: '0.0.0.0' })), { envFile: null, hostAddress: '0.0.0.0', notes: [] });
  assert.deepEqual(run(address({ workspace: '::1' })), { envFile: null, hostAddress: '::1', notes: [] });
  assert.deepEqual(run(address({ folder: 'localhost' })), { envFile: null, hostAddress: '127.0.0.1', notes: [] });
  assert.deepEqual(run(address({ workspace: '127.0.0.2' })), { envFile: null, hostAddress: '127.0.0.2', notes: [] });
  assert.deepEqual(run(address({ workspace: '0.0.0.0' })), {
    envFile: null,
    hostAddress: '127.0.0.1',
    notes: ['Ignored the workspace setting "dockerfileStudio.run.hostAddress" ("0.0.0.0"): a workspace may only publish ports on 127.0.0.1, ::1 or localhost. Using 127.0.0.1; set another address in your user settings.'],
  });
  assert.deepEqual(run(address({ user: '192.168.1.5', folder: '127.0.0.1.evil.example' })), {
    envFile: null,
    hostAddress: '192.168.1.5',
    notes: ['Ignored the workspace setting "dockerfileStudio.run.hostAddress" ("127.0.0.1.evil.example"): a workspace may only publish ports on 127.0.0.1, ::1 or localhost. Using 192.168.1.5; set another address in your user settings.'],
  });

  assert.deepEqual(run(address({}), envFile({ workspace: '.env' })), { envFile: `${ROOT}/app/.env`, hostAddress: '127.0.0.1', notes: [] });
  assert.deepEqual(run(address({}), envFile({ workspace: '../.env' })), { envFile: `${ROOT}/.env`, hostAddress: '127.0.0.1', notes: [] });
  assert.deepEqual(run(address({}), envFile({ workspace: '../../secrets.env' })), {
    error: 'The workspace setting "dockerfileStudio.run.envFile" ("../../secrets.env") points outside the workspace folder /home/me/repo: /home/me/secrets.env. Only your user settings may point outside it.',
  });
  assert.deepEqual(run(address({}), envFile({ user: '/home/me/secrets.env' })), { envFile: '/home/me/secrets.env', hostAddress: '127.0.0.1', notes: [] });
  assert.deepEqual(run(address({}), envFile({ workspace: 'fifo.env' })), { error: 'The env file /home/me/repo/app/fifo.env (from "dockerfileStudio.run.envFile") does not exist or is not a file.' });
});

test('effective and user values: folder over workspace over user over default; machine settings read the user value only', () => {
  const inspected = { key: 'dockerfileStudio.docker.path', defaultValue: '', globalValue: '/usr/bin/docker', workspaceValue: './docker', workspaceFolderValue: 'bin/docker' };
  assert.deepEqual(effective(inspected), { value: 'bin/docker', origin: 'workspace' });
  assert.deepEqual(effective({ ...inspected, workspaceFolderValue: undefined }), { value: './docker', origin: 'workspace' });
  assert.deepEqual(effective({ key: 'k', defaultValue: '' }), { value: '', origin: 'default' });
  assert.equal(userValue(inspected), '/usr/bin/docker');
  assert.equal(userValue({ key: 'k', defaultValue: '', workspaceValue: './docker' }), '');
  assert.equal(userValue(undefined), undefined);
});
