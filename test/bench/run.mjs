#!/usr/bin/env node
// Benchmark: our bundled server (dist/server.js) next to the peer, docker-langserver
// (dockerfile-language-server-nodejs), in one run with interleaved rounds (A,B then B,A).
//
//   npm run bench -- [--metric hover|diag|hostile|all] [--rounds 5] [--sizes 50,500,5000,50000]
//                    [--diag-sizes 500,5000,50000] [--diag-warmup 5] [--hovers 20] [--rw-hovers 3]
//                    [--no-real-world] [--json out.json]
//
// --metric diag (see diag.mjs): 1-character edit -> published diagnostics per size, median and
// p95 per server and the ratio ours/peer. --sizes given with --metric diag sets its sizes.
//
// --metric hostile (see hostile.mjs): megabyte lines, binary junk, deep nesting ... per input,
// didOpen -> first hover answer and -> first diagnostics, for both servers.
//
// --metric fuzz [--seed 1] [--mutants 200] (see fuzz.mjs): seeded corpus mutants, every feature
// at many positions, in our server only: crashes, error responses, slow requests, the slowest input.
// --metric soak [--seed 1] [--edits 10000] (see soak.mjs): one document, 10,000 typed edits,
// our server's memory and diagnostics lag every 1,000 edits. Neither is part of `all`.
//
// --metric hover:
// Per synthetic size and for the real-world corpus: hover latency median and p95 for each
// server (after the file's first diagnostics) and the ratio ours/peer; "first hover after open"
// separately (sent right after didOpen, it pays for the parse); the resident memory
// after opening (and hovering) the whole real-world corpus; and the size on disk of each side.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnosticsBench } from './diag.mjs';
import { generateDockerfile } from './generate.mjs';
import { fuzzBench } from './fuzz.mjs';
import { hostileBench } from './hostile.mjs';
import { rssMiB, startServer, stats } from './lspDriver.mjs';
import { soakBench } from './soak.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const { DockerfileParser } = require('dockerfile-ast');

function parseArgs(argv) {
  const o = { metric: 'hover', seed: 1, mutants: 200, edits: 10_000, rounds: 5, sizes: [50, 500, 5000, 50000], diagSizes: [500, 5000, 50000], diagWarmup: 5, hovers: 20, rwHovers: 3, realWorld: true, json: null };
  let sizesGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rounds') o.rounds = Number(argv[++i]);
    else if (a === '--metric') o.metric = argv[++i];
    else if (a === '--sizes') (o.sizes = argv[++i].split(',').filter(Boolean).map(Number)), (sizesGiven = true);
    else if (a === '--diag-sizes') o.diagSizes = argv[++i].split(',').filter(Boolean).map(Number);
    else if (a === '--diag-warmup') o.diagWarmup = Number(argv[++i]);
    else if (a === '--hovers') o.hovers = Number(argv[++i]);
    else if (a === '--rw-hovers') o.rwHovers = Number(argv[++i]);
    else if (a === '--no-real-world') o.realWorld = false;
    else if (a === '--json') o.json = argv[++i];
    else if (a === '--seed') o.seed = Number(argv[++i]);
    else if (a === '--mutants') o.mutants = Number(argv[++i]);
    else if (a === '--edits') o.edits = Number(argv[++i]);
    else throw new Error(`unknown option ${a} (see the header of test/bench/run.mjs)`);
  }
  if (!['hover', 'diag', 'hostile', 'fuzz', 'soak', 'all'].includes(o.metric)) throw new Error(`--metric is hover, diag, hostile, fuzz, soak or all, not ${o.metric}`);
  if (o.metric === 'diag' && sizesGiven) o.diagSizes = o.sizes;
  return o;
}

const SERVERS = [
  { label: 'ours', argv: [process.execPath, join(root, 'dist', 'server.js'), '--stdio'] },
  { label: 'peer', argv: [process.execPath, require.resolve('dockerfile-language-server-nodejs/bin/docker-langserver'), '--stdio'] },
];

/** The middle of `count` instruction keywords, sampled evenly over the file. */
function keywordPositions(text, count) {
  const ranges = DockerfileParser.parse(text).getInstructions().map((i) => i.getInstructionRange());
  const step = Math.max(1, ranges.length / count);
  const picked = [];
  for (let i = 0; i < ranges.length && picked.length < count; i += step) picked.push(ranges[Math.floor(i)]);
  return picked.map((r) => ({ line: r.start.line, character: (r.start.character + r.end.character) >> 1 }));
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/**
 * Opens one file and hovers its keywords. The first hover, sent right after opening, is kept
 * apart (it pays for the parse); the others are timed once the server has published the file's
 * first diagnostics, so they measure a hover, not a hover queued behind the first lint.
 */
async function hoverFile(server, uri, text, positions, sample) {
  const diagnosed = server.openAndDiagnose(uri, text);
  sample.first.push(await server.hover(uri, positions[0]));
  await diagnosed;
  for (const position of positions.slice(1)) sample.hover.push(await server.hover(uri, position));
}

async function syntheticSession(spec, files, samples) {
  const server = await startServer(spec.argv);
  for (const file of files) {
    const sample = samples[spec.label][file.name];
    await hoverFile(server, `file:///bench/${file.name}/Dockerfile`, file.text, file.positions, sample);
    await server.close(`file:///bench/${file.name}/Dockerfile`);
  }
  await server.stop();
}

/** Opens the whole corpus (kept open), hovers each file, then reads the server's memory. */
async function realWorldSession(spec, corpus, samples, rss) {
  const server = await startServer(spec.argv);
  const sample = samples[spec.label]['real-world'];
  for (const [i, file] of corpus.entries()) await server.open(`file:///rw/${i}/Dockerfile`, file.text);
  for (const [i, file] of corpus.entries()) {
    for (const [k, position] of file.positions.entries()) (k === 0 ? sample.first : sample.hover).push(await server.hover(`file:///rw/${i}/Dockerfile`, position));
  }
  rss[spec.label].push(rssMiB(server.pid));
  await server.stop();
}

/** Bytes on disk of a package and, recursively, of the packages it depends on. */
function packageBytes(name, from, seen = new Set()) {
  let dir;
  try {
    dir = dirname(createRequire(join(from, 'package.json')).resolve(`${name}/package.json`));
  } catch {
    return 0;
  }
  if (seen.has(dir)) return 0;
  seen.add(dir);
  const own = walk(dir)
    .filter((p) => !p.slice(dir.length).includes('/node_modules/'))
    .reduce((sum, p) => sum + statSync(p).size, 0);
  const deps = Object.keys(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies ?? {});
  return own + deps.reduce((sum, dep) => sum + packageBytes(dep, dir, seen), 0);
}

const fmt = (ms) => (Number.isNaN(ms) ? 'n/a' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
const pad = (cells, widths) => cells.map((c, i) => String(c).padStart(widths[i])).join('  ');

function report(options, samples, rss, sizes) {
  const groups = [...options.sizes.map((s) => `${s} lines`), ...(options.realWorld ? ['real-world'] : [])];
  const widths = [12, 10, 10, 10, 10, 11, 12, 12];
  const lines = [
    `hover latency in ms over ${options.rounds} rounds (interleaved), keyword positions; ratio = ours/peer of the medians`,
    pad(['file', 'ours med', 'ours p95', 'peer med', 'peer p95', 'ratio', 'first ours', 'first peer'], widths),
  ];
  const table = {};
  for (const group of groups) {
    const key = group === 'real-world' ? group : `synthetic-${group.split(' ')[0]}`;
    const ours = stats(samples.ours[key].hover);
    const peer = stats(samples.peer[key].hover);
    const firstOurs = stats(samples.ours[key].first);
    const firstPeer = stats(samples.peer[key].first);
    table[group] = { ours, peer, ratio: ours.median / peer.median, firstOurs, firstPeer };
    const ratio = ours.median / peer.median;
    lines.push(pad([group, fmt(ours.median), fmt(ours.p95), fmt(peer.median), fmt(peer.p95), ratio < 0.01 ? `1/${Math.round(1 / ratio)}` : ratio.toFixed(3), fmt(firstOurs.median), fmt(firstPeer.median)], widths));
  }
  lines.push('');
  if (options.realWorld) {
    const mem = (label) => stats(rss[label].filter((v) => v !== null)).median.toFixed(1);
    lines.push(`RSS after opening and hovering the real-world corpus (MiB, median): ours ${mem('ours')}, peer ${mem('peer')}`);
  }
  const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
  lines.push(`size on disk: dist/extension.js ${kb(sizes.extension)}, dist/server.js ${kb(sizes.server)}; peer package with its dependencies ${kb(sizes.peer)}`);
  return { text: lines.join('\n'), table };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.metric === 'fuzz' || options.metric === 'soak') {
    const result =
      options.metric === 'fuzz'
        ? await fuzzBench({ seed: options.seed, mutants: options.mutants, positions: 20, edits: 3, limit: 30_000 })
        : await soakBench({ seed: options.seed, edits: options.edits, every: 1000, ask: 5, pace: 0 });
    console.log(result.text);
    if (options.json) writeFileSync(options.json, JSON.stringify({ options, [options.metric]: result.table }, null, 1));
    return;
  }
  let hostile = null;
  if (options.metric === 'hostile' || options.metric === 'all') {
    hostile = await hostileBench(SERVERS, options.rounds);
    console.log(hostile.text);
    if (options.metric === 'hostile') {
      if (options.json) writeFileSync(options.json, JSON.stringify({ options, hostile: hostile.table }, null, 1));
      return;
    }
    console.log('');
  }
  let diag = null;
  if (options.metric === 'diag' || options.metric === 'all') {
    diag = await diagnosticsBench(SERVERS, options.diagSizes, options.rounds, options.diagWarmup);
    console.log(diag.text);
    if (options.metric === 'diag') {
      if (options.json) writeFileSync(options.json, JSON.stringify({ options, diag: diag.table }, null, 1));
      return;
    }
    console.log('');
  }
  const dir = mkdtempSync(join(tmpdir(), 'dockerfile-bench-'));
  const files = options.sizes.map((size) => {
    const text = generateDockerfile(size);
    writeFileSync(join(dir, `synthetic-${size}.Dockerfile`), text);
    return { name: `synthetic-${size}`, text, positions: keywordPositions(text, options.hovers) };
  });
  const corpusDir = join(root, '..', 'shared', 'corpus', 'real-world');
  const corpus = options.realWorld
    ? walk(corpusDir).map((path) => {
        const text = readFileSync(path, 'utf8');
        return { text, positions: keywordPositions(text, options.rwHovers) };
      })
    : [];
  const keys = [...files.map((f) => f.name), 'real-world'];
  const samples = Object.fromEntries(SERVERS.map((s) => [s.label, Object.fromEntries(keys.map((k) => [k, { hover: [], first: [] }]))]));
  const rss = { ours: [], peer: [] };
  console.error(`${files.length} synthetic files in ${dir}, ${corpus.length} real-world files; ${options.rounds} rounds`);
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? SERVERS : [...SERVERS].reverse();
    const started = Date.now();
    for (const spec of order) await syntheticSession(spec, files, samples);
    if (options.realWorld) for (const spec of order) await realWorldSession(spec, corpus, samples, rss);
    console.error(`round ${round + 1}/${options.rounds} (${order.map((s) => s.label).join(', ')}) ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  rmSync(dir, { recursive: true, force: true });
  const sizes = {
    extension: statSync(join(root, 'dist', 'extension.js')).size,
    server: statSync(join(root, 'dist', 'server.js')).size,
    peer: packageBytes('dockerfile-language-server-nodejs', root),
  };
  const { text, table } = report(options, samples, rss, sizes);
  console.log(text);
  if (options.json) writeFileSync(options.json, JSON.stringify({ options, table, samples, rss, sizes, diag: diag?.table, hostile: hostile?.table }, null, 1));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
