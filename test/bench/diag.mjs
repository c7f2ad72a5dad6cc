// Diagnostics benchmark: "1-character edit -> published diagnostics" for our server and the
// peer, side by side. Per size both servers run at once on the same generated file: open it and
// wait for its first diagnostics, then per round each server (order alternating between rounds)
// gets an insert of one character at the end of a mid-file instruction and then its deletion, each
// timed from sending didChange to receiving publishDiagnostics for that version. The edit is sent
// the way the server's textDocumentSync asks (both take incremental changes today).

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDockerfile } from './generate.mjs';
import { startServer, stats } from './lspDriver.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const { DockerfileParser } = require('dockerfile-ast');

/** The end of the instruction nearest the middle of the file: where the edit goes. */
function editPosition(text) {
  const instructions = DockerfileParser.parse(text).getInstructions();
  const middle = instructions[instructions.length >> 1].getRange();
  return middle.end;
}

/** The text with `insert` at `offset` (or one character removed there when insert is empty). */
function edited(text, offset, insert) {
  return insert ? text.slice(0, offset) + insert + text.slice(offset) : text.slice(0, offset) + text.slice(offset + 1);
}

function offsetOf(text, position) {
  let offset = 0;
  for (let line = 0; line < position.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + position.character;
}

/** Runs the rounds for one size; returns per-server samples (edit ms, first-diagnostics ms). */
async function benchSize(servers, size, rounds, warmup) {
  const text = generateDockerfile(size);
  const at = editPosition(text);
  const offset = offsetOf(text, at);
  const after = { line: at.line, character: at.character + 1 };
  const uri = `file:///bench-diag/${size}/Dockerfile`;
  const samples = {};
  const running = [];
  for (const spec of servers) {
    const server = await startServer(spec.argv);
    running.push({ spec, server });
    samples[spec.label] = { edit: [], first: [], counts: new Set() };
    const first = await server.openAndDiagnose(uri, text);
    samples[spec.label].first.push(first.ms);
  }
  // Untimed edits first, the same for both servers: the timed ones then measure steady typing,
  // not a just-started process compiling its code paths. `--diag-warmup 0` measures cold edits.
  for (let round = -warmup; round < rounds; round++) {
    const order = round % 2 === 0 ? running : [...running].reverse();
    for (const { spec, server } of order) {
      const sample = samples[spec.label];
      if (round < 0) {
        await server.change(uri, { start: at, end: at }, 'x', edited(text, offset, 'x'));
        await server.change(uri, { start: at, end: after }, '', text);
        continue;
      }
      const inserted = await server.change(uri, { start: at, end: at }, 'x', edited(text, offset, 'x'));
      const removed = await server.change(uri, { start: at, end: after }, '', text);
      sample.edit.push(inserted.ms, removed.ms);
      sample.counts.add(`${inserted.diagnostics.length}/${removed.diagnostics.length}`);
    }
  }
  for (const { server } of running) await server.stop();
  return samples;
}

const fmt = (ms) => (Number.isNaN(ms) ? 'n/a' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
const pad = (cells, widths) => cells.map((c, i) => String(c).padStart(widths[i])).join('  ');

/** Measures every size and returns the printed table and its numbers. */
export async function diagnosticsBench(servers, sizes, rounds, warmup = 5) {
  const widths = [12, 10, 10, 10, 10, 8, 11, 11];
  const lines = [
    `edit -> publishDiagnostics in ms, ${rounds} rounds x 2 edits (1-char insert, delete) per server after ${warmup} untimed rounds (1 at 50,000 lines), interleaved; ratio = ours/peer of the medians`,
    pad(['file', 'ours med', 'ours p95', 'peer med', 'peer p95', 'ratio', 'open ours', 'open peer'], widths),
  ];
  const table = {};
  for (const size of sizes) {
    const started = Date.now();
    // The peer needs ~20 s per edit at 50,000 lines: one warm-up round there keeps the run short.
    const samples = await benchSize(servers, size, rounds, size >= 50000 ? Math.min(warmup, 1) : warmup);
    const ours = stats(samples.ours.edit);
    const peer = stats(samples.peer.edit);
    const ratio = ours.median / peer.median;
    table[size] = { ours, peer, ratio, openOurs: samples.ours.first[0], openPeer: samples.peer.first[0] };
    lines.push(pad([`${size} lines`, fmt(ours.median), fmt(ours.p95), fmt(peer.median), fmt(peer.p95), ratio < 1 ? `1/${(1 / ratio).toFixed(1)}` : ratio.toFixed(2), fmt(samples.ours.first[0]), fmt(samples.peer.first[0])], widths));
    console.error(`diag ${size} lines: ${((Date.now() - started) / 1000).toFixed(1)} s; diagnostics after insert/delete ours ${[...samples.ours.counts]}, peer ${[...samples.peer.counts]}`);
  }
  return { text: lines.join('\n'), table };
}
