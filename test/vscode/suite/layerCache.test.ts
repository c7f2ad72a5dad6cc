/**
 * The layer-cache views after a real build (code-server's extension host, the real engine): Build
 * and Run of a two-stage file records the build in the store of the extension's storage, with the
 * image's id and size the engine reports; every instruction line of the stages built is decorated;
 * Show Layer Cache opens the panel on it; a second build after a source change is compared with
 * the first as the service computes it; Export Layer Report writes the service's JSON and Markdown.
 *
 * Needs the docker CLI and engine (scripts/engine/setup.sh); skipped without them, failed with CI=true.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LayerViews } from '../../../client/src/layers/views';
import { LayerPanel } from '../../../client/src/layers/panel';
import { RecordStore } from '../../../client/src/layers/records';
import { containerNameFor, defaultTag } from '../../../client/src/docker/options';
import type { BuildRecord } from '../../../server/src/protocol';
import { explainRebuilds, formatReport } from '../../../server/src/service';
import { EXTENSION_ID, docker, openFixture, waitFor, workspaceFolder } from './helpers';

interface StudioApi {
  layers: LayerViews;
}

/** A two-stage file: the first stage's COPY reads the context, the final stage takes its output. */
export const LAYERED = [
  'FROM local/busybox:latest AS build', // 1
  'WORKDIR /src', // 2
  'COPY app.txt .', // 3
  'RUN cat app.txt > out.txt \\', // 4
  '  && echo built >> out.txt', // 5
  '', // 6
  'FROM local/busybox:latest AS final', // 7
  'ENV MODE=test', // 8
  'COPY --from=build /src/out.txt /srv/out.txt', // 9
  'RUN head -c 20000 /dev/zero > /srv/pad', // 10
  'CMD ["cat", "/srv/out.txt"]', // 11
  '',
].join('\n');

/** Answers the build's questions: the tag with its default, the target with the one offered as picked. */
function answerQuestions(): () => void {
  const input = vscode.window.showInputBox;
  const pick = vscode.window.showQuickPick;
  vscode.window.showInputBox = (options?: vscode.InputBoxOptions) => Promise.resolve(options?.value);
  vscode.window.showQuickPick = ((items: readonly vscode.QuickPickItem[]) => Promise.resolve(items.find((item) => item.picked))) as unknown as typeof vscode.window.showQuickPick;
  return () => {
    vscode.window.showInputBox = input;
    vscode.window.showQuickPick = pick;
  };
}

const layerTab = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(LayerPanel.viewType));

suite('layer cache after a real build', () => {
  test('Build and Run records the build, decorates its lines, and Show Layer Cache, compare and export use the record', async function () {
    this.timeout(240_000);
    const engine = await docker('version', '--format', '{{.Server.Version}}');
    if (engine.code !== 0) {
      if (process.env.CI === 'true') assert.fail(`CI=true: no usable docker CLI and engine (${engine.stderr.trim()})`);
      this.skip();
    }
    const extension = vscode.extensions.getExtension<StudioApi>(EXTENSION_ID);
    assert.ok(extension?.isActive, 'the extension is active');
    const layers = extension.exports.layers;
    const folder = vscode.Uri.joinPath(workspaceFolder().uri, 'layer-cache');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'app.txt'), new TextEncoder().encode(`first ${Date.now()}\n`));
    const document = await openFixture('layer-cache/Dockerfile', LAYERED);
    await document.save();
    const store = new RecordStore(layers.store.dir);
    const tag = defaultTag('layer-cache', 'Dockerfile');
    const restore = answerQuestions();
    try {
      assert.equal(await vscode.commands.executeCommand('dockerfileStudio.showLayerCache'), false, 'nothing to show before a build');
      await vscode.commands.executeCommand('dockerfileStudio.buildAndRun');
      const first = (await store.list(document.uri.fsPath, null)).records;
      assert.equal(first.length, 1, 'one record in the store');
      const record = first[0];
      const inspect = await docker('image', 'inspect', '--format', '{{.Id}} {{.Size}}', tag);
      assert.deepEqual([record.image.id, record.image.sizeBytes].join(' '), inspect.stdout.trim(), 'the image id and size the engine reports');
      assert.equal(record.succeeded, true);
      assert.deepEqual(record.steps.map((s) => `${s.line}-${s.endLine} ${s.keyword} ${s.cached === null ? '-' : 'ran'}`), [
        '1-1 FROM ran', '2-2 WORKDIR ran', '3-3 COPY ran', '4-5 RUN ran', '7-7 FROM ran', '8-8 ENV -', '9-9 COPY ran', '10-10 RUN ran', '11-11 CMD -',
      ]);
      // The history went in: a layer's size is the engine's for the command that made it.
      const history = await docker('history', '--no-trunc', '--human=false', '--format', '{{.Size}}\t{{.CreatedBy}}', tag);
      const padRow = history.stdout.split('\n').find((row) => row.includes('head -c 20000'));
      assert.ok(padRow, history.stdout);
      assert.equal(record.steps.find((s) => s.line === 10)?.sizeBytes, Number(padRow.split('\t')[0]));
      const missed = record.steps.filter((s) => s.cached === false);
      assert.ok(missed.length > 0 && missed.every((s) => s.cause?.kind === 'first-build'), 'a first build, compared with nothing');
      // Every instruction line the build saw is decorated, none edited since.
      assert.deepEqual(layers.decorations.tracked(document.uri).map((t) => `${t.line}: ${t.range.start.line}-${t.range.end.line}${t.stale ? ' stale' : ''}`), [
        '1: 0-0', '2: 1-1', '3: 2-2', '4: 3-4', '7: 6-6', '8: 7-7', '9: 8-8', '10: 9-9', '11: 10-10',
      ]);

      assert.equal(await vscode.commands.executeCommand('dockerfileStudio.showLayerCache', document.uri), true);
      await waitFor(() => layerTab() !== undefined, 'the layer panel tab');
      assert.equal(layerTab()!.label, 'Layer Cache: Dockerfile');
      assert.equal(layers.panel.record?.id, record.id);

      // A changed source file, built again (no run): the open panel shows the new record.
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'app.txt'), new TextEncoder().encode(`second ${Date.now()}\n`));
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('dockerfileStudio.buildImage', document.uri);
      const both = (await store.list(document.uri.fsPath, null)).records;
      assert.deepEqual(both.map((r) => r.id).slice(1), [record.id], 'the new record first, the first build after it');
      const second = both[0];
      assert.equal(layers.panel.record?.id, second.id, 'the open panel shows the newest build');
      assert.deepEqual(second.steps.filter((s) => s.cached === true).map((s) => s.line), [1, 2, 7], 'the FROMs and WORKDIR came from the cache');

      // The previous record and the hashed sources went in: the changed file is named, the rest follows from it.
      const cause = (line: number) => second.steps.find((s) => s.line === line)?.cause;
      assert.deepEqual([cause(3)?.kind, cause(3)?.files, cause(4)?.kind, cause(4)?.causeLine], ['files-changed', ['app.txt'], 'parent-rebuilt', 3]);

      // The panel's compare: the second build's causes against the first, as the service computes them.
      (layers.panel as unknown as { receive(message: unknown): void }).receive({ type: 'compare', currentId: second.id, baselineId: record.id });
      const want = explainRebuilds(record, second.steps, { noCache: false });
      await waitFor(() => JSON.stringify(layers.panel.record?.steps.map((s) => s.cause)) === JSON.stringify(want), 'the compared causes in the panel');
      assert.deepEqual(want.map((c, i) => (c === null ? null : second.steps[i].line)).filter((l) => l !== null), [3, 4, 9, 10], 'every step that rebuilt has a cause');

      // Export: the JSON where the user says, the Markdown beside it, both as the service formats them.
      const save = vscode.window.showSaveDialog;
      const chosen = vscode.Uri.joinPath(folder, 'report.json');
      vscode.window.showSaveDialog = () => Promise.resolve(chosen);
      let written: vscode.Uri[];
      try {
        written = await vscode.commands.executeCommand<vscode.Uri[]>('dockerfileStudio.exportLayerReport', document.uri);
      } finally {
        vscode.window.showSaveDialog = save;
      }
      const shown = layers.panel.record as BuildRecord;
      assert.deepEqual(written.map((u) => u.path.slice(folder.path.length)), ['/report.json', '/report.md']);
      const text = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.equal(await text(written[0]), formatReport(shown, 'json'));
      assert.equal(await text(written[1]), formatReport(shown, 'markdown'));
    } finally {
      restore();
      await vscode.commands.executeCommand('dockerfileStudio.stopContainer', document.uri);
      // Only this test's tabs: another test's unsaved editor would ask to be saved.
      const mine = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t === layerTab() || (t.input instanceof vscode.TabInputText && t.input.uri.toString() === document.uri.toString()));
      await vscode.window.tabGroups.close(mine);
    }
    const name = containerNameFor(tag);
    await waitFor(async () => (await docker('ps', '--all', '--filter', `name=^${name}$`, '--format', '{{.Names}}')).stdout.trim() === '', 'no container left', 30_000);
  });
});
