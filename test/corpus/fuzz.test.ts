/**
 * The quick fuzz: seeded mutants of the shared corpus (fuzzMutants.ts), every language feature
 * at many positions, a few incremental edits. Through the service facade: no exception escapes
 * a feature and no rule crashes. Through the bundled server over stdio: no error response other
 * than a refused rename, nothing logged as failed, and diagnostics published for every version.
 * Behaviour only; test/bench/fuzz.mjs is the long run with figures.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createDockerfileService } from '../../server/src/service';
import { startServer, stopServer } from '../lsp/lspClient';
import { applyEdit, edit, lineStarts, mutate, pick, positionAt, positions, random, tidyEdit } from './fuzzMutants';

const CORPUS = join(process.cwd(), '..', 'shared', 'corpus');
const URI = 'file:///fuzz/Dockerfile';

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

const FILES = ['real-world', 'fixtures', join('buildkit-parser', 'testfiles')].flatMap((dir) => walk(join(CORPUS, dir))).filter((path) => !path.endsWith('/result'));

/** Each mutant as the bench builds them: source file, mutations, text. */
function mutants(seed: number, count: number, heavy: number) {
  const next = random(seed);
  return Array.from({ length: count }, (_, index) => {
    const source = pick(next, FILES);
    return { index, source: source.slice(CORPUS.length + 1), ...mutate(readFileSync(source, 'utf8'), next, { heavy }), next };
  });
}

test('30 seeded mutants through the service: every feature at 20 positions and 3 edits, nothing throws, no rule crashes', { timeout: 300_000 }, () => {
  const service = createDockerfileService();
  const problems: string[] = [];
  for (const mutant of mutants(21, 30, 0.1)) {
    const { next } = mutant;
    const where = `mutant ${mutant.index} of ${mutant.source} [${mutant.steps.join(', ')}]`;
    let text = mutant.text;
    let step = 'model';
    try {
      for (let version = 1; version <= 4; version++) {
        if (version > 1) text = applyEdit(text, tidyEdit(text, edit(text, next)));
        step = `model v${version}`;
        const model = service.model(URI, version, () => text);
        step = 'lint';
        const diagnostics = service.lint(model);
        const crashed = diagnostics.filter((d) => d.code === 'rule-crashed');
        if (crashed.length > 0) problems.push(`${where} v${version}: ${crashed[0].message}`);
        step = 'documentSymbols';
        service.documentSymbols(model);
        for (const position of positions(text, next, version === 1 ? 20 : 3)) {
          step = `features at ${JSON.stringify(position)} v${version}`;
          service.hover(model, position, { format: 'markdown' });
          service.hover(model, position, { format: 'plaintext', details: false });
          service.complete(model, position, { snippets: next() < 0.5 });
          service.definition(model, position, URI);
          service.references(model, position, URI, true);
          service.documentHighlights(model, position);
          service.prepareRename(model, position);
          service.rename(model, position, URI, pick(next, ['renamed', 'a b', '']));
          const touching = diagnostics.filter((d) => d.range.start.line <= position.line && d.range.end.line >= position.line);
          service.codeActions(model, touching, { start: { line: position.line, character: 0 }, end: position }, URI);
        }
      }
    } catch (error) {
      problems.push(`${where}, ${step}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    service.forget(URI);
  }
  assert.deepEqual(problems, []);
});

test('8 seeded mutants through the server: no error response, nothing logged as failed, diagnostics for every version', { timeout: 300_000 }, async () => {
  const server = await startServer(['markdown']);
  const published = new Map<string, { version: number; diagnostics: Diagnostic[] }>();
  const waiters: { uri: string; version: number; resolve: (d: Diagnostic[]) => void }[] = [];
  server.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version: number; diagnostics: Diagnostic[] }) => {
    published.set(params.uri, params);
    for (const waiter of waiters.filter((w) => w.uri === params.uri && params.version >= w.version)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(params.diagnostics);
    }
  });
  const diagnosticsFor = (uri: string, version: number) =>
    new Promise<Diagnostic[]>((resolve) => {
      const last = published.get(uri);
      if (last && last.version >= version) resolve(last.diagnostics);
      else waiters.push({ uri, version, resolve });
    });
  const problems: string[] = [];
  const versions: string[] = [];
  try {
    for (const mutant of mutants(33, 8, 0.3)) {
      const { next } = mutant;
      const uri = `file:///fuzz/${mutant.index}/Dockerfile`;
      const where = `mutant ${mutant.index} of ${mutant.source} [${mutant.steps.join(', ')}]`;
      const textDocument = { uri };
      /** Sends a request; an error other than a refused rename is a problem. */
      const ask = async (method: string, params: object) => {
        try {
          await server.connection.sendRequest(method, params);
        } catch (error) {
          const code = (error as { code?: number }).code;
          if (!(code === -32600 && method.includes('ename'))) problems.push(`${where}: ${method} ${JSON.stringify(params).slice(0, 200)}: ${String(error)}`);
        }
      };
      let text = mutant.text;
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
      let diagnostics = await diagnosticsFor(uri, 1);
      versions.push(`${mutant.index}:1`);
      for (let version = 1; version <= 3; version++) {
        if (version > 1) {
          const change = tidyEdit(text, edit(text, next));
          const starts = lineStarts(text);
          const range = { start: positionAt(starts, change.start), end: positionAt(starts, change.end) };
          text = applyEdit(text, change);
          await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: change.text }] });
          diagnostics = await diagnosticsFor(uri, version);
          versions.push(`${mutant.index}:${published.get(uri)?.version}`);
        }
        await ask('textDocument/documentSymbol', { textDocument });
        for (const position of positions(text, next, version === 1 ? 6 : 2)) {
          await ask('textDocument/hover', { textDocument, position });
          await ask('textDocument/completion', { textDocument, position });
          await ask('textDocument/definition', { textDocument, position });
          await ask('textDocument/references', { textDocument, position, context: { includeDeclaration: true } });
          await ask('textDocument/documentHighlight', { textDocument, position });
          await ask('textDocument/prepareRename', { textDocument, position });
          await ask('textDocument/rename', { textDocument, position, newName: 'renamed' });
          const touching = diagnostics.filter((d) => d.range.start.line <= position.line && d.range.end.line >= position.line);
          await ask('textDocument/codeAction', { textDocument, range: { start: { line: position.line, character: 0 }, end: position }, context: { diagnostics: touching } });
        }
      }
      await server.connection.sendNotification('textDocument/didClose', { textDocument });
    }
  } finally {
    assert.equal(await stopServer(server), 0);
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(
    server.logs.filter((m) => /\bfailed[: ]/.test(m)),
    [],
  );
  // Each edit was waited for, so each version's own publish arrived (none skipped, none stale).
  assert.deepEqual(versions, Array.from({ length: 8 }, (_, i) => [1, 2, 3].map((v) => `${i}:${v}`)).flat());
});
