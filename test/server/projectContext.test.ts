/**
 * The project context on real temporary folders: which ignore file BuildKit would use, where
 * the config search stops, and that hostile files (a FIFO, a device, a huge file) are skipped
 * with a reason instead of blocking or being read.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contextDependsOn, loadProjectContext, MAX_PROJECT_FILE_BYTES, readProjectFile, type ProjectContext } from '../../server/src/projectContext';

let tmp = '';

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'dfs-context-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes a file under a fresh case folder and returns its absolute path. */
function write(path: string, text: string | Buffer = ''): string {
  const full = join(tmp, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
  return full;
}

/** The context with nothing found: what every case below differs from. */
function nothing(dockerfile: string, buildContext = join(dockerfile, '..')): ProjectContext {
  return { dockerfile, buildContext, config: null, ignoreFile: null, dockerignore: null, ignoredBy: null, problems: [] };
}

test('<Dockerfile>.dockerignore next to the Dockerfile wins over .dockerignore', async () => {
  const dockerfile = write('own/app.Dockerfile', 'FROM alpine\n');
  write('own/.dockerignore', '*.md\n');
  const own = write('own/app.Dockerfile.dockerignore', 'secret.txt\n');
  assert.deepEqual(await loadProjectContext({ dockerfile, workspaceFolder: tmp }), {
    ...nothing(dockerfile),
    ignoreFile: own,
    dockerignore: 'secret.txt\n',
  });
});

test('without its own ignore file, .dockerignore at the context root applies', async () => {
  const dockerfile = write('plain/Dockerfile', 'FROM alpine\n');
  const root = write('plain/.dockerignore', '\uFEFF*.md\n');
  assert.deepEqual(await loadProjectContext({ dockerfile, workspaceFolder: tmp }), { ...nothing(dockerfile), ignoreFile: root, dockerignore: '*.md\n' });
});

test('a build.context other than the Dockerfile folder: its .dockerignore applies, not the one beside the Dockerfile', async () => {
  const dockerfile = write('ctx/docker/Dockerfile', 'FROM alpine\n');
  write('ctx/docker/.dockerignore', 'beside\n');
  const root = write('ctx/.dockerignore', 'at-root\n');
  assert.deepEqual(await loadProjectContext({ dockerfile, workspaceFolder: tmp, buildContext: '..' }), {
    ...nothing(dockerfile, join(tmp, 'ctx')),
    ignoreFile: root,
    dockerignore: 'at-root\n',
  });
  // The Dockerfile's own ignore file still comes first, wherever the context is.
  const own = write('ctx/docker/Dockerfile.dockerignore', 'own\n');
  assert.deepEqual(await loadProjectContext({ dockerfile, workspaceFolder: tmp, buildContext: '..' }), {
    ...nothing(dockerfile, join(tmp, 'ctx')),
    ignoreFile: own,
    dockerignore: 'own\n',
  });
  // No ignore file at the context root: none applies, even with one beside the Dockerfile.
  assert.deepEqual(await loadProjectContext({ dockerfile: write('ctx2/docker/Dockerfile'), workspaceFolder: tmp, buildContext: '..' }), {
    ...nothing(join(tmp, 'ctx2/docker/Dockerfile'), join(tmp, 'ctx2')),
  });
});

test('the config search goes upwards, skips a folder of that name, and stops at the workspace folder', async () => {
  const config = write('ws/outer/.dockerfile-studio.json', JSON.stringify({ rules: { MaintainerDeprecated: 'off' }, ignore: ['vendor/'] }));
  mkdirSync(join(tmp, 'ws/outer/inner/app/.dockerfile-studio.json'), { recursive: true });
  const dockerfile = write('ws/outer/inner/app/Dockerfile');
  const found = { path: config, rules: { MaintainerDeprecated: 'off' }, ignore: ['vendor/'], warnings: [] };
  assert.deepEqual(await loadProjectContext({ dockerfile, workspaceFolder: join(tmp, 'ws/outer') }), { ...nothing(dockerfile), config: found });
  // The workspace folder is `inner`: the config above it is not read.
  assert.deepEqual(await loadProjectContext({ dockerfile, workspaceFolder: join(tmp, 'ws/outer/inner') }), nothing(dockerfile));
  // The config's ignore list covers a Dockerfile below it.
  const vendored = write('ws/outer/vendor/Dockerfile');
  assert.deepEqual(await loadProjectContext({ dockerfile: vendored, workspaceFolder: join(tmp, 'ws') }), {
    ...nothing(vendored),
    config: found,
    ignoredBy: config,
  });
});

test('without a workspace folder the search stops at the repository root (the folder holding .git)', async () => {
  write('git/.dockerfile-studio.json', '{"rules": {"MaintainerDeprecated": "off"}}');
  const repoConfig = write('git/repo/.dockerfile-studio.json', '{}');
  mkdirSync(join(tmp, 'git/repo/.git'), { recursive: true });
  const dockerfile = write('git/repo/src/Dockerfile');
  const found = { path: repoConfig, rules: {}, ignore: [], warnings: [] };
  assert.deepEqual(await loadProjectContext({ dockerfile }), { ...nothing(dockerfile), config: found });
  rmSync(repoConfig);
  assert.deepEqual(await loadProjectContext({ dockerfile }), nothing(dockerfile));
  // A worktree's .git is a file; it marks the root just the same.
  write('git/wt/.git', 'gitdir: elsewhere\n');
  const inWorktree = write('git/wt/Dockerfile');
  assert.deepEqual(await loadProjectContext({ dockerfile: inWorktree }), nothing(inWorktree));
  // A Dockerfile outside the workspace folder is bounded by its repository instead.
  assert.deepEqual(await loadProjectContext({ dockerfile, workspaceFolder: join(tmp, 'ws') }), nothing(dockerfile));
});

test('config warnings and errors come back as problems naming the file, never thrown', async () => {
  const warned = write('warn/.dockerfile-studio.json', JSON.stringify({ rules: { MaintainerDepreciated: 'off', FromAsCasing: 'loud' }, extra: 1 }));
  const dockerfile = write('warn/Dockerfile');
  assert.deepEqual(await loadProjectContext({ dockerfile, workspaceFolder: tmp }), {
    ...nothing(dockerfile),
    config: {
      path: warned,
      rules: {},
      ignore: [],
      warnings: [
        "unknown key 'extra' (expected rules, ignore)",
        "unknown rule 'MaintainerDepreciated'; did you mean 'MaintainerDeprecated'?",
        "rule 'FromAsCasing': severity must be one of off, hint, info, warning, error",
      ],
    },
    problems: [
      { path: warned, severity: 'warning', message: "unknown key 'extra' (expected rules, ignore)" },
      { path: warned, severity: 'warning', message: "unknown rule 'MaintainerDepreciated'; did you mean 'MaintainerDeprecated'?" },
      { path: warned, severity: 'warning', message: "rule 'FromAsCasing': severity must be one of off, hint, info, warning, error" },
    ],
  });
  const broken = write('broken/.dockerfile-studio.json', '["rules"]');
  const inBroken = write('broken/Dockerfile');
  assert.deepEqual(await loadProjectContext({ dockerfile: inBroken, workspaceFolder: tmp }), {
    ...nothing(inBroken),
    problems: [{ path: broken, severity: 'error', message: 'expected a JSON object such as {"rules": {}, "ignore": []}' }],
  });
});

test('a FIFO named .dockerignore is skipped without blocking; so is a link to /dev/zero', { skip: process.platform === 'win32', timeout: 30_000 }, async () => {
  const dockerfile = write('fifo/Dockerfile');
  const fifo = join(tmp, 'fifo', '.dockerignore');
  const made = spawnSync('mkfifo', [fifo]);
  assert.equal(made.status, 0, String(made.stderr));
  // Were the FIFO opened for a blocking read, this would never resolve: the test's timeout fails it.
  assert.deepEqual(await loadProjectContext({ dockerfile, workspaceFolder: tmp }), {
    ...nothing(dockerfile),
    ignoreFile: fifo,
    problems: [{ path: fifo, severity: 'warning', message: 'skipped: not a regular file (a FIFO); the ignore file is not applied' }],
  });
  const zero = join(tmp, 'fifo', 'Dockerfile.dockerignore');
  symlinkSync('/dev/zero', zero);
  assert.deepEqual(await readProjectFile(zero), { kind: 'skipped', cause: 'special', reason: 'not a regular file (a character device)' });
  const config = join(tmp, 'fifo', '.dockerfile-studio.json');
  symlinkSync('/dev/zero', config);
  assert.deepEqual((await loadProjectContext({ dockerfile, workspaceFolder: tmp })).problems, [
    { path: config, severity: 'error', message: 'skipped: not a regular file (a character device)' },
    { path: zero, severity: 'warning', message: 'skipped: not a regular file (a character device); the ignore file is not applied' },
  ]);
});

test('an oversized ignore file is skipped with a reason; one at the cap is read', async () => {
  const dockerfile = write('big/Dockerfile');
  const ignore = write('big/.dockerignore', Buffer.alloc(MAX_PROJECT_FILE_BYTES + 1, 0x61));
  assert.deepEqual(await loadProjectContext({ dockerfile, workspaceFolder: tmp }), {
    ...nothing(dockerfile),
    ignoreFile: ignore,
    problems: [{ path: ignore, severity: 'warning', message: `skipped: ${MAX_PROJECT_FILE_BYTES + 1} bytes is more than the 1048576-byte limit; the ignore file is not applied` }],
  });
  write('big/.dockerignore', Buffer.alloc(MAX_PROJECT_FILE_BYTES, 0x61));
  assert.equal((await loadProjectContext({ dockerfile, workspaceFolder: tmp })).dockerignore?.length, MAX_PROJECT_FILE_BYTES);
  assert.deepEqual(await readProjectFile(join(tmp, 'big', 'absent')), { kind: 'absent', code: 'ENOENT' });
  assert.deepEqual(await readProjectFile(join(tmp, 'big')), { kind: 'absent', code: 'EISDIR' });
});

test('a build.context leaving the workspace folder (by .. or by a committed link) is dropped with a warning naming the setting', { skip: process.platform === 'win32' }, async () => {
  const workspace = join(tmp, 'confined/ws');
  const dockerfile = write('confined/ws/app/Dockerfile');
  const beside = write('confined/ws/app/.dockerignore', 'beside\n');
  write('confined/.dockerignore', 'outside\n');
  const outside = (setting: string, resolved: string): ProjectContext => ({
    ...nothing(dockerfile),
    ignoreFile: beside,
    dockerignore: 'beside\n',
    problems: [
      {
        path: resolved,
        severity: 'warning',
        message: `the setting "dockerfileStudio.build.context" ("${setting}") points outside the workspace folder ${workspace}; its .dockerignore is not read, and the Dockerfile's folder stands in as the build context`,
      },
    ],
  });
  assert.deepEqual(await loadProjectContext({ dockerfile, workspaceFolder: workspace, buildContext: '../..' }), outside('../..', join(tmp, 'confined')));
  assert.deepEqual(await loadProjectContext({ dockerfile, workspaceFolder: workspace, buildContext: '/' }), outside('/', '/'));
  // Inside by its name, outside once the link is followed.
  symlinkSync(join(tmp, 'confined'), join(workspace, 'app', 'up'));
  assert.deepEqual(await loadProjectContext({ dockerfile, workspaceFolder: workspace, buildContext: 'up' }), outside('up', join(workspace, 'app', 'up')));
  // Inside the workspace folder it applies; with no workspace folder known, nothing bounds it.
  const root = write('confined/ws/.dockerignore', 'root\n');
  assert.deepEqual(await loadProjectContext({ dockerfile, workspaceFolder: workspace, buildContext: '..' }), {
    ...nothing(dockerfile, workspace),
    ignoreFile: root,
    dockerignore: 'root\n',
  });
  assert.deepEqual(await loadProjectContext({ dockerfile, buildContext: '../..' }), {
    ...nothing(dockerfile, join(tmp, 'confined')),
    ignoreFile: join(tmp, 'confined/.dockerignore'),
    dockerignore: 'outside\n',
  });
});

test('contextDependsOn: config files at or above the Dockerfile, its own ignore file, the context root\'s .dockerignore', () => {
  const context: ProjectContext = { ...nothing('/r/app/docker/Dockerfile', '/r/app') };
  const cases: [string, boolean][] = [
    ['/r/.dockerfile-studio.json', true],
    ['/r/app/docker/.dockerfile-studio.json', true],
    ['/r/app/docker/sub/.dockerfile-studio.json', false],
    ['/other/.dockerfile-studio.json', false],
    ['/r/app/.dockerignore', true],
    ['/r/app/docker/.dockerignore', false],
    ['/r/app/docker/Dockerfile.dockerignore', true],
    ['/r/app/docker/other.Dockerfile.dockerignore', false],
    ['/r/.dockerignore', false],
    ['/r/app/docker/README.md', false],
  ];
  assert.deepEqual(cases.map(([path]) => [path, contextDependsOn(context, path)]), cases);
});
