/**
 * Build settings committed in a workspace cannot reach the host, in the real editor against the
 * real engine: a workspace profile whose flags would write the image's files and its id to host
 * paths (`--output`, `--iidfile`) builds without them, with one warning naming them, while its
 * harmless `--label` reaches the image and its tag is offered in the tag question rather than
 * applied unseen (it could name a base image other builds use); a workspace build context outside the folder stops the
 * build with a message. The profile and tag questions are answered by stubs.
 *
 * Needs the docker CLI and engine (scripts/engine/setup.sh); skipped without, failed with CI=true.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { openFixture, setSetting } from './helpers';

function docker(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync('docker', args, { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? result.error?.message ?? '' };
}

/** Replaces the window's questions and messages for one command; `restore` puts them back. */
function stubWindow(profile: string): { asked: string[]; warnings: string[]; errors: string[]; restore: () => void } {
  const window = vscode.window as unknown as Record<string, unknown>;
  const saved = Object.fromEntries(['showQuickPick', 'showInputBox', 'showWarningMessage', 'showErrorMessage'].map((name) => [name, window[name]]));
  const asked: string[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  window.showQuickPick = () => Promise.resolve(profile);
  window.showInputBox = (options?: vscode.InputBoxOptions) => (asked.push(`${options?.title}: ${options?.value}`), Promise.resolve(options?.value));
  window.showWarningMessage = (message: string) => (warnings.push(message), Promise.resolve(undefined));
  window.showErrorMessage = (message: string) => (errors.push(message), Promise.resolve(undefined));
  return { asked, warnings, errors, restore: () => Object.assign(window, saved) };
}

suite('workspace build settings', () => {
  let outside = '';
  setup(function () {
    const engine = docker('version', '--format', '{{.Server.Version}}');
    if (engine.code !== 0) {
      const why = `no usable docker CLI and engine (${engine.stderr.trim() || `exit ${engine.code}`}); run scripts/engine/setup.sh`;
      if (process.env.CI === 'true') assert.fail(`CI=true: ${why}`);
      this.skip();
    }
    outside = mkdtempSync(join(tmpdir(), 'dfs-host-'));
  });
  teardown(async () => {
    await setSetting('build.profiles', undefined);
    await setSetting('build.context', undefined);
    if (outside) rmSync(outside, { recursive: true, force: true });
  });

  test('a workspace profile\'s --output and --iidfile are dropped with a warning; its --label is kept, its tag offered', async function () {
    this.timeout(120_000);
    const mark = `mark-${Date.now().toString(36)}`;
    const written = join(outside, 'out');
    const iidfile = join(outside, 'iid');
    const tag = `dfs-workspace-settings:${mark}`;
    await setSetting('build.profiles', { repo: { tag, flags: ['--output=type=local,dest=' + written, '--iidfile', iidfile, '--label', `dfs.test=${mark}`] } });
    const document = await openFixture('workspace-settings/Dockerfile', 'FROM local/busybox:latest\nRUN echo built > /made-by-build\n');
    await document.save();
    const window = stubWindow('repo');
    try {
      await vscode.commands.executeCommand('dockerfileStudio.buildImage');
    } finally {
      window.restore();
    }
    assert.deepEqual(window.errors, []);
    assert.deepEqual(window.asked, [`Image tag: ${tag}`]);
    assert.deepEqual(window.warnings, [
      `Dockerfile Studio: Ignored flags of build profile "repo" set in workspace settings: --output=type=local,dest=${written} --iidfile ${iidfile}. ` +
        'Flags that read or write host files, reach the network or push are taken from your user settings only.',
    ]);
    assert.deepEqual([existsSync(written), existsSync(iidfile)], [false, false], 'nothing was written outside the workspace');
    const label = docker('image', 'inspect', '--format', '{{index .Config.Labels "dfs.test"}}', tag);
    assert.equal(label.stdout.trim(), mark, `the image was built with the workspace's --label (${label.stderr.trim()})`);
    docker('image', 'rm', '--force', tag);
  });

  test('a workspace build context outside the workspace folder stops the build with a message', async function () {
    this.timeout(60_000);
    await setSetting('build.context', outside);
    const document = await openFixture('workspace-settings/Dockerfile', 'FROM local/busybox:latest\n');
    await document.save();
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)!.uri.fsPath;
    const window = stubWindow('(no profile)');
    try {
      await vscode.commands.executeCommand('dockerfileStudio.buildImage');
    } finally {
      window.restore();
    }
    assert.deepEqual(window.errors, [
      `Dockerfile Studio: The workspace setting "dockerfileStudio.build.context" ("${outside}") points outside the workspace folder ${folder}: ${outside}. Only your user settings may point outside it.`,
    ]);
    assert.deepEqual(window.warnings, []);
  });
});
