/**
 * Completion through VS Code's own command (vscode.executeCompletionItemProvider): the items of
 * our language server are exactly the service's for the same text and position, and they list the
 * data module's facts: every instruction keyword on a new line, RUN's flags after `--`, the five
 * mount types after `--mount=type=`. Snippets (from snippets/) and word-based items come from
 * other providers and are left out of the comparison.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { INSTRUCTIONS, MOUNT_TYPES, getInstruction } from '../../../server/src/service/data';
import { openFixture, withCursor } from './helpers';
import { expectedCompletion } from './expected';

/** The items of our server at the marked cursor, as `label kind` lines with LSP's 1-based kinds. */
async function complete(name: string, marked: string): Promise<{ lines: string[]; expected: string[] }> {
  const { text, line, character } = withCursor(marked);
  const document = await openFixture(`completion/${name}.dockerfile`, text);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(line, character));
  const ours = list.items.filter((item) => item.kind !== vscode.CompletionItemKind.Snippet && item.kind !== vscode.CompletionItemKind.Text);
  // vscode.CompletionItemKind is LSP's kind minus one.
  const lines = ours.map((item) => `${typeof item.label === 'string' ? item.label : item.label.label} ${(item.kind ?? 0) + 1}`);
  return { lines, expected: expectedCompletion(text, line, character) };
}

const labels = (lines: string[]) => lines.map((line) => line.split(' ')[0]);

suite('completion', () => {
  test('at the start of a new line after FROM: every instruction keyword of the data module', async () => {
    const { lines, expected } = await complete('keywords', 'FROM local/busybox:1.36\n<|>');
    assert.deepEqual(lines, expected);
    assert.deepEqual(labels(lines).sort(), INSTRUCTIONS.map((i) => i.keyword).sort());
  });

  test('after `RUN --`: RUN\'s flags', async () => {
    const { lines, expected } = await complete('run-flags', 'FROM local/busybox:1.36\nRUN --<|>');
    assert.deepEqual(lines, expected);
    assert.deepEqual(labels(lines).sort(), (getInstruction('RUN')?.flags ?? []).map((f) => `--${f.name}`).sort());
  });

  test('after `--mount=type=`: the five mount types', async () => {
    const { lines, expected } = await complete('mount-types', 'FROM local/busybox:1.36\nRUN --mount=type=<|>');
    assert.deepEqual(lines, expected);
    assert.deepEqual(labels(lines), MOUNT_TYPES.map((m) => m.type));
    assert.equal(lines.length, 5);
  });
});
