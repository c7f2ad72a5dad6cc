#!/usr/bin/env node
// Fuzz benchmark: seeded mutants of the shared corpus (../shared/corpus: real-world/, fixtures/,
// buildkit-parser/testfiles/) opened in our bundled server (dist/server.js) over LSP stdio. The
// mutations are test/corpus/fuzzMutants.ts's (bundled on the fly): lines deleted and duplicated,
// quotes, `\`, backticks, `<<EOF`, `${`, brackets, NUL and broken encodings inserted, 10k flags,
// 1 MB lines, 10k-deep nesting, every escape character and line ending.
//
//   node test/bench/fuzz.mjs [--seed 1] [--mutants 200] [--positions 20] [--edits 3] [--limit 30000]
//   npm run bench -- --metric fuzz [--seed 1] [--mutants 200]
//
// Per mutant: didOpen, wait for its diagnostics, then every feature the server offers (hover,
// completion, definition, references, documentHighlight, prepareRename, rename, codeAction with
// the published diagnostics; documentSymbol once) at `--positions` positions, then `--edits`
// incremental edits, each followed by its diagnostics and a few requests at the edit.
// Reported: crashes (the process exits, or the server's guard logs "<feature> failed:", or the
// publisher logs "diagnostics failed"), error responses (any JSON-RPC error except the
// InvalidRequest that answers a refused rename), requests over 1 s, requests past `--limit`
// (the server is then restarted), and the slowest request with its input. The slowest mutant
// and every failing one are written to test-output/fuzz/ to replay.
// Open documents sit in a temporary folder with a .dockerignore (hostile patterns included),
// so the ignore-file code runs too.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { rssMiB } from './lspDriver.mjs';
import { numericOptions, startSession } from './lspSession.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORPUS = join(root, '..', 'shared', 'corpus');
const SERVER = [process.execPath, join(root, 'dist', 'server.js'), '--stdio'];
const OUTPUT = join(root, 'test-output', 'fuzz');
const INVALID_REQUEST = -32600;
const SLOW_MS = 1000;
const DOCKERIGNORE = ['*.md', '**/node_modules', '!README.md', 'src/*a*a*a*a*a*a*b', '**/**/**/**/x', '[a-', '\\', '*', '!*.Dockerfile', ''].join('\n');

/** Bundles a TypeScript module of the tests and imports it (the benchmarks run without a build step for tests). */
export async function importTs(path) {
  const dir = mkdtempSync(join(tmpdir(), 'dockerfile-bench-ts-'));
  const outfile = join(dir, 'module.mjs');
  await esbuild.build({ entryPoints: [path], outfile, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning' });
  const module = await import(pathToFileURL(outfile).href);
  rmSync(dir, { recursive: true, force: true });
  return module;
}

function walk(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

/** The corpus files a mutant may start from: every Dockerfile and Containerfile, in a stable order. */
export function corpusFiles() {
  return ['real-world', 'fixtures', join('buildkit-parser', 'testfiles')]
    .flatMap((dir) => walk(join(CORPUS, dir)))
    .filter((path) => /dockerfile|containerfile/i.test(path.slice(path.lastIndexOf('/') + 1)) || path.includes('testfiles'))
    .filter((path) => !path.endsWith('/result'));
}

/** Every request a position gets; `diagnostics` are the ones published for the version. */
function requestsAt(uri, position, diagnostics, next, pick) {
  const textDocument = { uri };
  const line = position.line;
  const touching = diagnostics.filter((d) => d.range.start.line <= line && d.range.end.line >= line);
  const newName = pick(next, ['renamed', 'NEW_ARG', 'build-2', 'a b', '${x}', '', 'x'.repeat(5000), '\0']);
  return [
    ['textDocument/hover', { textDocument, position }],
    ['textDocument/completion', { textDocument, position, context: { triggerKind: 1 } }],
    ['textDocument/definition', { textDocument, position }],
    ['textDocument/references', { textDocument, position, context: { includeDeclaration: next() < 0.5 } }],
    ['textDocument/documentHighlight', { textDocument, position }],
    ['textDocument/prepareRename', { textDocument, position }],
    ['textDocument/rename', { textDocument, position, newName }],
    ['textDocument/codeAction', { textDocument, range: { start: { line, character: 0 }, end: position }, context: { diagnostics: touching, only: next() < 0.2 ? ['quickfix'] : undefined } }],
  ];
}

/** Runs the fuzz benchmark; returns { text, table }. */
export async function fuzzBench(options) {
  const { random, pick, mutate, positions, edit, tidyEdit, applyEdit, lineStarts, positionAt } = await importTs(join(root, 'test', 'corpus', 'fuzzMutants.ts'));
  const files = corpusFiles();
  const next = random(options.seed);
  const folder = mkdtempSync(join(tmpdir(), 'dockerfile-fuzz-'));
  writeFileSync(join(folder, '.dockerignore'), DOCKERIGNORE);
  rmSync(OUTPUT, { recursive: true, force: true });
  mkdirSync(OUTPUT, { recursive: true });
  const totals = { mutants: 0, requests: 0, crashes: 0, exits: 0, guardLogs: 0, errors: 0, refusedRenames: 0, slow: 0, timeouts: 0, missingDiagnostics: 0, ruleCrashed: 0, parserFault: 0, edits: 0 };
  const failures = [];
  let slowest = { ms: -1 };
  let slowestDiagnostics = { ms: -1 };
  let session = await startSession(SERVER, { rootUri: pathToFileURL(folder).href });
  let logsSeen = 0;
  const started = Date.now();

  for (let index = 0; index < options.mutants; index++) {
    const source = pick(next, files);
    const mutant = mutate(readFileSync(source, 'utf8'), next);
    let text = mutant.text;
    const uri = pathToFileURL(join(folder, `m${index}.Dockerfile`)).href;
    const input = { index, source: relative(CORPUS, source), steps: mutant.steps };
    const problems = [];
    let restart = false;
    totals.mutants++;

    /** Sends one request and books its outcome. */
    const send = async (method, params) => {
      const answer = await session.request(method, params, options.limit);
      totals.requests++;
      const at = { method, position: params.position ?? params.range?.end, version };
      if (answer.ms > slowest.ms) slowest = { ms: answer.ms, ...at, input, text };
      if (answer.ms > SLOW_MS) totals.slow++;
      if (answer.timedOut) {
        totals.timeouts++;
        problems.push({ kind: `no answer within ${options.limit} ms`, ...at });
        restart = true;
      } else if (answer.closed) {
        problems.push({ kind: 'connection closed', ...at, message: answer.message });
        restart = true;
      } else if (answer.error) {
        const refused = answer.error.code === INVALID_REQUEST && (method === 'textDocument/rename' || method === 'textDocument/prepareRename');
        if (refused) totals.refusedRenames++;
        else {
          totals.errors++;
          problems.push({ kind: 'error response', ...at, error: answer.error });
        }
      }
      return answer;
    };
    /** Waits for the diagnostics of `v` and books a missing publish. */
    const diagnose = async (v, sentAt) => {
      const diagnostics = await session.waitDiagnostics(uri, v, options.limit);
      const ms = performance.now() - sentAt;
      if (ms > slowestDiagnostics.ms) slowestDiagnostics = { ms, version: v, input };
      if (diagnostics === null) {
        totals.missingDiagnostics++;
        problems.push({ kind: 'no diagnostics', version: v });
        restart = true;
        return [];
      }
      totals.ruleCrashed += diagnostics.filter((d) => d.code === 'rule-crashed').length;
      totals.parserFault += diagnostics.filter((d) => d.code === 'parser-fault').length;
      return diagnostics;
    };

    let version = 1;
    let sentAt = performance.now();
    void session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version, text } });
    let diagnostics = await diagnose(version, sentAt);
    if (!restart) await send('textDocument/documentSymbol', { textDocument: { uri } });
    for (const position of restart ? [] : positions(text, next, options.positions)) {
      for (const [method, params] of requestsAt(uri, position, diagnostics, next, pick)) {
        await send(method, params);
        if (restart) break;
      }
      if (restart) break;
    }
    if (!restart) await send('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: positionAt(lineStarts(text), text.length) }, context: { diagnostics } });
    for (let e = 0; e < options.edits && !restart; e++) {
      const change = tidyEdit(text, edit(text, next));
      const starts = lineStarts(text);
      const range = { start: positionAt(starts, change.start), end: positionAt(starts, change.end) };
      text = applyEdit(text, change);
      version++;
      totals.edits++;
      sentAt = performance.now();
      void session.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: change.text }] });
      const position = positionAt(lineStarts(text), change.start + change.text.length);
      // Asked before the lint is done, as an editor asks while the user types.
      await send('textDocument/hover', { textDocument: { uri }, position });
      await send('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 1 } });
      diagnostics = await diagnose(version, sentAt);
      if (!restart) await send('textDocument/documentSymbol', { textDocument: { uri } });
      if (!restart) await send('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: position.line, character: 0 }, end: position }, context: { diagnostics } });
    }
    void session.notify('textDocument/didClose', { textDocument: { uri } });

    // Exceptions the server swallowed: its guard logs "<name> failed:", the publisher "diagnostics failed".
    const logs = session.state.logs.slice(logsSeen);
    logsSeen = session.state.logs.length;
    for (const message of logs.filter((m) => /\bfailed[: ]/.test(m))) {
      totals.guardLogs++;
      problems.push({ kind: 'swallowed exception', log: message.slice(0, 2000) });
    }
    if (session.state.exitCode !== undefined) {
      totals.exits++;
      problems.push({ kind: 'server exited', code: session.state.exitCode, stderr: session.state.stderr.slice(-4000) });
      restart = true;
    }
    if (problems.length > 0) {
      totals.crashes += problems.some((p) => p.kind === 'swallowed exception' || p.kind === 'server exited' || p.kind === 'connection closed') ? 1 : 0;
      failures.push({ ...input, problems });
      writeFileSync(join(OUTPUT, `failing-${index}.Dockerfile`), mutant.text);
      writeFileSync(join(OUTPUT, `failing-${index}.json`), JSON.stringify({ ...input, problems }, null, 1));
    }
    if (restart) {
      await session.kill();
      session = await startSession(SERVER, { rootUri: pathToFileURL(folder).href });
      logsSeen = 0;
    }
    if ((index + 1) % 50 === 0) console.error(`fuzz: ${index + 1}/${options.mutants} mutants, ${totals.requests} requests, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const rss = rssMiB(session.pid);
  await session.stop();
  rmSync(folder, { recursive: true, force: true });

  const { text: slowText, ...slowInfo } = slowest;
  writeFileSync(join(OUTPUT, 'slowest.Dockerfile'), slowText ?? '');
  writeFileSync(join(OUTPUT, 'slowest.json'), JSON.stringify(slowInfo, null, 1));
  const describe = (input) => `mutant ${input.index} of ${input.source} [${input.steps.join(', ')}]`;
  const lines = [
    `fuzz, seed ${options.seed}: ${totals.mutants} mutants of ${files.length} corpus files, ${totals.edits} incremental edits, ${totals.requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `crashes: ${totals.crashes} mutants (server exits ${totals.exits}, swallowed exceptions logged ${totals.guardLogs})`,
    `error responses: ${totals.errors} (besides ${totals.refusedRenames} refused renames, answered InvalidRequest as intended)`,
    `requests over 1 s: ${totals.slow}; without an answer within ${options.limit} ms: ${totals.timeouts}; versions without published diagnostics: ${totals.missingDiagnostics}`,
    `rule-crashed diagnostics: ${totals.ruleCrashed}; parser-fault notices: ${totals.parserFault}`,
    `slowest request: ${slowInfo.method} at ${JSON.stringify(slowInfo.position)} (version ${slowInfo.version}) ${slowInfo.ms.toFixed(1)} ms on ${describe(slowInfo.input)}, ${(slowText ?? '').length} chars, saved as test-output/fuzz/slowest.Dockerfile`,
    `slowest diagnostics: ${slowestDiagnostics.ms.toFixed(1)} ms (version ${slowestDiagnostics.version}) on ${describe(slowestDiagnostics.input)}`,
    `server RSS at the end: ${rss === null ? 'n/a' : `${rss.toFixed(1)} MiB`}`,
  ];
  for (const failure of failures.slice(0, 10)) {
    const kinds = new Map();
    for (const p of failure.problems) {
      const kind = p.kind + (p.method ? ` (${p.method})` : '');
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    lines.push(`  failing ${describe(failure)}: ${[...kinds].map(([kind, n]) => `${n} x ${kind}`).join('; ')} -> test-output/fuzz/failing-${failure.index}.*`);
  }
  return { text: lines.join('\n'), table: { options, totals, slowest: slowInfo, slowestDiagnostics, failures } };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  fuzzBench(numericOptions(process.argv.slice(2), { seed: 1, mutants: 200, positions: 20, edits: 3, limit: 30_000 }, 'test/bench/fuzz.mjs')).then(
    (result) => {
      console.log(result.text);
      process.exit(result.table.totals.crashes + result.table.totals.errors + result.table.totals.timeouts > 0 ? 1 : 0);
    },
    (error) => {
      console.error(error);
      process.exit(2);
    },
  );
}
