// Hostile-input benchmark: the inputs of test/corpus/hostileInputs.ts (megabyte lines, binary
// junk, 10,000 continuation lines, deep nesting ...) opened in our server and in the peer, one
// server at a time, order alternating between rounds. Per input: the ms from didOpen to the
// answer of a hover on the first line (the server parses before it can answer), and to the
// first published diagnostics. An input a server does not answer within the limit is reported
// as "> limit" and that server is restarted for the next input.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { startServer, stats } from './lspDriver.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LIMIT_MS = 120_000;

/** The inputs, from the TypeScript module the robustness test uses (bundled on the fly). */
async function loadInputs() {
  const dir = mkdtempSync(join(tmpdir(), 'dockerfile-bench-hostile-'));
  const outfile = join(dir, 'hostileInputs.mjs');
  await esbuild.build({ entryPoints: [join(root, 'test', 'corpus', 'hostileInputs.ts')], outfile, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
  const { hostileInputs } = await import(pathToFileURL(outfile).href);
  rmSync(dir, { recursive: true, force: true });
  return hostileInputs();
}

const timeout = (promise) =>
  Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(null), LIMIT_MS).unref())]);

/** Opens one input and times the first hover answer and the first diagnostics; null = over the limit. */
async function openAndTime(server, uri, text) {
  const start = performance.now();
  const diagnostics = server.openAndDiagnose(uri, text);
  const hovered = await timeout(server.hover(uri, { line: 0, character: 1 }).then(() => performance.now() - start, () => null));
  const published = await timeout(diagnostics.then(() => performance.now() - start));
  return { hover: hovered, diag: published };
}

/** One round for one server: every input in turn. */
async function session(spec, inputs, samples) {
  let server = await startServer(spec.argv);
  // Inputs with files beside the Dockerfile (a .dockerignore) are opened from a real folder.
  const disk = mkdtempSync(join(tmpdir(), 'dockerfile-bench-files-'));
  for (const [i, input] of inputs.entries()) {
    let uri = `file:///bench-hostile/${i}/Dockerfile`;
    if (input.files) {
      const folder = join(disk, String(i));
      mkdirSync(folder, { recursive: true });
      for (const [name, content] of Object.entries(input.files)) writeFileSync(join(folder, name), content);
      uri = pathToFileURL(join(folder, 'Dockerfile')).href;
    }
    const result = await openAndTime(server, uri, input.text);
    samples[spec.label][input.name].push(result);
    if (result.hover === null || result.diag === null) {
      process.kill(server.pid, 'SIGKILL');
      server = await startServer(spec.argv);
    } else {
      await server.close(uri);
    }
  }
  await server.stop();
  rmSync(disk, { recursive: true, force: true });
}

/** Runs `rounds` interleaved rounds; returns { text, table }. */
export async function hostileBench(servers, rounds) {
  const inputs = await loadInputs();
  const samples = Object.fromEntries(servers.map((s) => [s.label, Object.fromEntries(inputs.map((input) => [input.name, []]))]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? servers : [...servers].reverse();
    const started = Date.now();
    for (const spec of order) await session(spec, inputs, samples);
    console.error(`hostile round ${round + 1}/${rounds} (${order.map((s) => s.label).join(', ')}) ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const median = (list, key) => (list.some((r) => r[key] === null) ? null : stats(list.map((r) => r[key])).median);
  const show = (ms) => (ms === null ? `> ${LIMIT_MS / 1000} s` : ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
  const [a, b] = servers.map((s) => s.label);
  const widths = [40, 11, 11, 11, 11];
  const pad = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  const lines = [
    `hostile inputs: ms from didOpen to the first hover answer and to the first diagnostics, median of ${rounds} rounds`,
    pad(['input', `hover ${a}`, `hover ${b}`, `diag ${a}`, `diag ${b}`]),
  ];
  const table = {};
  for (const input of inputs) {
    const row = Object.fromEntries(servers.flatMap((s) => [[`hover ${s.label}`, median(samples[s.label][input.name], 'hover')], [`diag ${s.label}`, median(samples[s.label][input.name], 'diag')]]));
    table[input.name] = row;
    lines.push(pad([input.name.slice(0, widths[0]), show(row[`hover ${a}`]), show(row[`hover ${b}`]), show(row[`diag ${a}`]), show(row[`diag ${b}`])]));
  }
  const total = (label, key) => inputs.reduce((sum, input) => sum + (table[input.name][`${key} ${label}`] ?? LIMIT_MS), 0);
  lines.push(pad(['sum (an input over the limit counts the limit)', show(total(a, 'hover')), show(total(b, 'hover')), show(total(a, 'diag')), show(total(b, 'diag'))]));
  lines.push(`ratio ${a}/${b} of the sums: hover ${(total(a, 'hover') / total(b, 'hover')).toFixed(3)}, diagnostics ${(total(a, 'diag') / total(b, 'diag')).toFixed(3)}`);
  return { text: lines.join('\n'), table };
}
