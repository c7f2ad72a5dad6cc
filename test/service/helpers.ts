/**
 * Test helpers: the `<|>` cursor marker (it cannot occur in a Dockerfile) and golden files
 * that `UPDATE_GOLDEN=1` rewrites.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Position } from 'vscode-languageserver-types';

export const CURSOR = '<|>';

/** Removes the cursor marker and returns the text and the marker's position. */
export function withCursor(marked: string): { text: string; position: Position } {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0) throw new Error(`test text has no ${CURSOR} marker`);
  const text = marked.slice(0, offset) + marked.slice(offset + CURSOR.length);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  return { text, position: { line, character } };
}

/** The source folder of the tests (they run transpiled from out/run-<pid>/test). */
export const TEST_ROOT = join(__dirname, '..', '..', '..', '..', 'test');

/** Compares with test/<folder>/golden/<name>, or writes it when UPDATE_GOLDEN=1. */
export function assertGolden(folder: string, name: string, actual: string): void {
  const file = join(TEST_ROOT, folder, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `missing golden file ${file}; run with UPDATE_GOLDEN=1 to create it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `golden ${name} differs (UPDATE_GOLDEN=1 rewrites it)`);
}
