/**
 * Stale-line tracking: instructions follow inserted and removed lines, and only those whose own
 * text an edit touched are marked stale. Each case edits a small Dockerfile with a `<|>` cursor
 * (or a `<[>...<]>` selection) and compares every tracked range, rendered one per line.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Pos, StaleLines, type TextEdit } from '../../../client/src/layers/staleLines';

const BASE = [
  'FROM alpine AS build', // 0
  '# a comment', // 1
  'RUN apk add \\', // 2
  '  curl', // 3
  'COPY . /src', // 4
  '', // 5
  'CMD ["sh"]', // 6
].join('\n');

function posAt(text: string, offset: number): Pos {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The edit that a marked document describes: `<|>` inserts `text` there, `<[>..<]>` replaces that span by it. */
function editFrom(marked: string, text: string): { edit: TextEdit; before: string } {
  const cursor = marked.indexOf('<|>');
  if (cursor >= 0) {
    const before = marked.slice(0, cursor) + marked.slice(cursor + 3);
    return { before, edit: { start: posAt(before, cursor), end: posAt(before, cursor), text } };
  }
  const from = marked.indexOf('<[>');
  const to = marked.indexOf('<]>') - 3;
  const before = marked.replace('<[>', '').replace('<]>', '');
  return { before, edit: { start: posAt(before, from), end: posAt(before, to), text } };
}

/** Tracks each instruction of `doc` (first line of each non-comment, non-blank run), applies the edits, renders the ranges. */
function track(doc: string, edits: TextEdit[]): string {
  const lines = doc.split('\n');
  const tracker = new StaleLines();
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '' || lines[i].startsWith('#') || lines[i].startsWith('  ')) continue;
    let end = i;
    while (lines[end].endsWith('\\')) end++;
    tracker.add(i + 1, i, end, lines[end].length);
  }
  for (const edit of edits) tracker.apply(edit);
  return tracker.all().map((r) => `${r.key}: ${r.start.line}-${r.end.line}:${r.end.character}${r.stale ? ' stale' : ''}`).join('\n');
}

function case_(marked: string, text: string): string {
  const { before, edit } = editFrom(marked, text);
  return track(before, [edit]);
}

const UNCHANGED = ['1: 0-0:20', '3: 2-3:6', '5: 4-4:11', '7: 6-6:10'].join('\n');

test('no edit: every instruction where the build saw it', () => {
  assert.equal(track(BASE, []), UNCHANGED);
});

test('a line inserted between instructions shifts the ones below, marks none', () => {
  assert.equal(case_(BASE.replace('# a comment', '# a comment<|>'), '\nENV X=1'), ['1: 0-0:20', '3: 3-4:6', '5: 5-5:11', '7: 7-7:10'].join('\n'));
});

test('Enter at the start of an instruction moves it down unchanged', () => {
  assert.equal(case_(BASE.replace('COPY', '<|>COPY'), '\n'), ['1: 0-0:20', '3: 2-3:6', '5: 5-5:11', '7: 7-7:10'].join('\n'));
});

test('Enter at the end of an instruction adds a line after it, unchanged', () => {
  assert.equal(case_(BASE.replace('/src', '/src<|>'), '\n'), ['1: 0-0:20', '3: 2-3:6', '5: 4-4:11', '7: 7-7:10'].join('\n'));
});

test('typing inside, at the start or at the end of an instruction marks it stale', () => {
  assert.equal(case_(BASE.replace('COPY . ', 'COPY .<|> '), '/a'), ['1: 0-0:20', '3: 2-3:6', '5: 4-4:13 stale', '7: 6-6:10'].join('\n'));
  assert.equal(case_(BASE.replace('COPY', '<|>COPY'), '#'), ['1: 0-0:20', '3: 2-3:6', '5: 4-4:12 stale', '7: 6-6:10'].join('\n'));
  assert.equal(case_(BASE.replace('/src', '/src<|>'), '/x'), ['1: 0-0:20', '3: 2-3:6', '5: 4-4:11 stale', '7: 6-6:10'].join('\n'));
});

test('a new line inside a continuation grows the instruction and marks it stale', () => {
  assert.equal(case_(BASE.replace('add \\', 'add \\<|>'), '\n  git \\'), ['1: 0-0:20', '3: 2-4:6 stale', '5: 5-5:11', '7: 7-7:10'].join('\n'));
});

test('deleting a whole instruction line marks it stale and pulls the rest up', () => {
  assert.equal(case_(BASE.replace('COPY . /src\n', '<[>COPY . /src\n<]>'), ''), ['1: 0-0:20', '3: 2-3:6', '5: 4-4:0 stale', '7: 5-5:10'].join('\n'));
});

test('deleting the blank line above an instruction moves it up unchanged', () => {
  assert.equal(case_(BASE.replace('\nCMD', '<[>\n<]>CMD'), ''), ['1: 0-0:20', '3: 2-3:6', '5: 4-4:11', '7: 5-5:10'].join('\n'));
});

test('Backspace at the start of an instruction joins it to the line above: both stale', () => {
  assert.equal(case_(BASE.replace('curl\n', 'curl<[>\n<]>'), ''), ['1: 0-0:20', '3: 2-3:6 stale', '5: 3-3:17 stale', '7: 5-5:10'].join('\n'));
});

test('Delete at the end of an instruction joins the next line onto it: stale, even when that line was blank', () => {
  assert.equal(case_(BASE.replace('/src\n', '/src<[>\n<]>'), ''), ['1: 0-0:20', '3: 2-3:6', '5: 4-4:11 stale', '7: 5-5:10'].join('\n'));
});

test('a selection across two instructions replaced by one line marks both stale', () => {
  assert.equal(
    case_(BASE.replace('  curl\nCOPY .', '  cu<[>rl\nCOPY .<]>'), 'rl wget'),
    ['1: 0-0:20', '3: 2-3:11 stale', '5: 3-3:16 stale', '7: 5-5:10'].join('\n'),
  );
});

test('Windows line breaks count as one line each', () => {
  assert.equal(case_(BASE.replace('# a comment', '# a comment<|>'), '\r\nENV X=1\r\n'), ['1: 0-0:20', '3: 4-5:6', '5: 6-6:11', '7: 8-8:10'].join('\n'));
});

test('several edits of one event apply in order, each to the result of the one before', () => {
  // A multi-cursor edit as VS Code reports it: the later position first.
  const edits: TextEdit[] = [
    { start: { line: 6, character: 0 }, end: { line: 6, character: 0 }, text: '\n' },
    { start: { line: 1, character: 0 }, end: { line: 1, character: 0 }, text: '\n' },
  ];
  assert.equal(track(BASE, edits), ['1: 0-0:20', '3: 3-4:6', '5: 5-5:11', '7: 8-8:10'].join('\n'));
});

test('replacing the whole document marks everything stale', () => {
  const end = posAt(BASE, BASE.length);
  assert.equal(
    track(BASE, [{ start: { line: 0, character: 0 }, end, text: 'FROM scratch\n' }]),
    ['1: 0-1:0 stale', '3: 0-1:0 stale', '5: 0-1:0 stale', '7: 0-1:0 stale'].join('\n'),
  );
});

test('marking all stale keeps the places and flags every instruction', () => {
  const tracker = new StaleLines();
  tracker.add(1, 0, 0, 20);
  tracker.add(3, 2, 3, 6);
  tracker.markAllStale();
  assert.deepEqual(tracker.all().map((r) => [r.key, r.start.line, r.end.line, r.stale]), [[1, 0, 0, true], [3, 2, 3, true]]);
});
