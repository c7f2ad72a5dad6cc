#!/usr/bin/env node
// Soak: one server (dist/server.js over LSP stdio), one real-world Dockerfile, 10,000 seeded
// single-character edits typed at a moving cursor (letters and spaces mostly; `\`, quotes,
// backticks, `$`, braces, brackets, `#`, newlines, NUL and lone surrogates too; a third are
// deletes), a hover or a completion every few edits as an editor asks while the user types.
//
//   node test/bench/soak.mjs [--seed 1] [--edits 10000] [--every 1000] [--ask 5] [--pace 0]
//   npm run bench -- --metric soak [--seed 1] [--edits 10000]
//
// Every `--every` edits it prints the server's resident memory (VmRSS from /proc), the version
// of the last diagnostics published against the last edit's (did the lint keep up while the
// edits came?), and how long the publish for the last edit then took. At the end: errors,
// swallowed exceptions (the server's "failed" logs) and rule-crashed diagnostics seen.
// `--pace` waits that many ms between edits (0: as fast as the server takes them).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { importTs } from './fuzz.mjs';
import { rssMiB } from './lspDriver.mjs';
import { numericOptions, startSession } from './lspSession.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FILE = join(root, '..', 'shared', 'corpus', 'real-world', 'devcontainers', 'images', 'src', 'python', '.devcontainer', 'Dockerfile');
const URI = 'file:///soak/Dockerfile';
const ORDINARY = 'abcdefghijklmnopqrstuvwxyz      ABCXYZ-_./:=0123456789';
const NASTY = ['\\', '\\', '"', "'", '`', '$', '{', '}', '[', ']', '(', ')', '#', '\n', '\n', '<', '\0', '\ud800', '\t', '\r'];
const LIMIT_MS = 30_000;

/** Runs the soak; returns { text, table }. */
export async function soakBench(options) {
  const { random, pick, lineStarts, positionAt } = await importTs(join(root, 'test', 'corpus', 'fuzzMutants.ts'));
  const next = random(options.seed);
  const session = await startSession([process.execPath, join(root, 'dist', 'server.js'), '--stdio']);
  let text = readFileSync(FILE, 'utf8');
  let version = 1;
  void session.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'dockerfile', version, text } });
  await session.waitDiagnostics(URI, version, LIMIT_MS);
  const rows = [{ edits: 0, rss: rssMiB(session.pid), published: version, caughtUpMs: 0 }];
  const lines = [`soak, seed ${options.seed}: ${options.edits} single-character edits of ${FILE.slice(FILE.indexOf('real-world'))} (${text.length} chars), a hover or completion every ${options.ask} edits`, 'edits     RSS MiB   last publish / last edit   publish for the last edit after'];
  const show = (row) => `${String(row.edits).padStart(5)}  ${row.rss === null ? '     n/a' : row.rss.toFixed(1).padStart(10)}   ${`v${row.published} / v${row.version ?? version}`.padStart(24)}   ${row.caughtUpMs === null ? 'none within the limit' : `${row.caughtUpMs.toFixed(1)} ms`}`;
  lines.push(show({ ...rows[0], version: 1 }));
  console.error(lines.join('\n'));
  const counts = { errors: 0, timeouts: 0, requests: 0, slow: 0 };
  let slowest = 0;
  let cursor = Math.floor(next() * text.length);
  for (let n = 1; n <= options.edits; n++) {
    // Mostly typing on at the cursor; sometimes the cursor jumps, as the user clicks elsewhere.
    if (next() < 0.05) cursor = Math.floor(next() * (text.length + 1));
    cursor = Math.min(cursor, text.length);
    const starts = lineStarts(text);
    let change;
    if (next() < 0.33 && cursor > 0) {
      // Backspace: one UTF-16 unit, never the half of a CRLF pair.
      const from = text[cursor - 1] === '\n' && text[cursor - 2] === '\r' ? cursor - 2 : cursor - 1;
      change = { range: { start: positionAt(starts, from), end: positionAt(starts, cursor) }, text: '' };
      text = text.slice(0, from) + text.slice(cursor);
      cursor = from;
    } else {
      const piece = next() < 0.8 ? ORDINARY[Math.floor(next() * ORDINARY.length)] : pick(next, NASTY);
      const at = text[cursor - 1] === '\r' && text[cursor] === '\n' ? cursor + 1 : cursor;
      const position = positionAt(starts, at);
      change = { range: { start: position, end: position }, text: piece };
      text = text.slice(0, at) + piece + text.slice(at);
      cursor = at + 1;
    }
    version++;
    void session.notify('textDocument/didChange', { textDocument: { uri: URI, version }, contentChanges: [change] });
    if (n % options.ask === 0) {
      const position = positionAt(lineStarts(text), cursor);
      const method = (n / options.ask) % 2 === 0 ? 'textDocument/hover' : 'textDocument/completion';
      const answer = await session.request(method, { textDocument: { uri: URI }, position }, LIMIT_MS);
      counts.requests++;
      slowest = Math.max(slowest, answer.ms);
      if (answer.ms > 1000) counts.slow++;
      if (answer.error || answer.closed) counts.errors++;
      if (answer.timedOut) counts.timeouts++;
    }
    if (options.pace > 0) await new Promise((resolve) => setTimeout(resolve, options.pace));
    if (n % options.every === 0 || n === options.edits) {
      const published = session.published(URI)?.version ?? 0;
      const start = performance.now();
      const caughtUp = await session.waitDiagnostics(URI, version, LIMIT_MS);
      const row = { edits: n, rss: rssMiB(session.pid), published, version, caughtUpMs: caughtUp === null ? null : performance.now() - start };
      rows.push(row);
      lines.push(show(row));
      console.error(show(row));
    }
    if (session.state.exitCode !== undefined) break;
  }
  const failedLogs = session.state.logs.filter((m) => /\bfailed[: ]/.test(m));
  const last = session.published(URI);
  const ruleCrashed = last?.diagnostics.filter((d) => d.code === 'rule-crashed').length ?? 0;
  const exitCode = session.state.exitCode;
  await session.stop();
  lines.push(
    `requests: ${counts.requests}, error responses ${counts.errors}, over 1 s ${counts.slow}, unanswered ${counts.timeouts}, slowest ${slowest.toFixed(1)} ms`,
    `server exited during the run: ${exitCode === undefined ? 'no' : `yes (${exitCode})`}; swallowed exceptions logged: ${failedLogs.length}${failedLogs.length ? ` (first: ${failedLogs[0].slice(0, 300)})` : ''}; rule-crashed in the last publish: ${ruleCrashed}`,
    `document at the end: ${text.length} chars`,
  );
  return { text: lines.join('\n'), table: { options, rows, counts, slowest, failedLogs: failedLogs.length, exitCode: exitCode ?? null } };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  soakBench(numericOptions(process.argv.slice(2), { seed: 1, edits: 10_000, every: 1000, ask: 5, pace: 0 }, 'test/bench/soak.mjs')).then(
    (result) => console.log(result.text),
    (error) => {
      console.error(error);
      process.exit(2);
    },
  );
}
