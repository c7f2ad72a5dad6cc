/**
 * The diagnostics publisher with a host of our own (the server's is the LSP connection): a lint
 * of a large file lets waiting work in between its slices, and a lint whose document changed
 * while it paused is dropped instead of publishing stale results.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticsPublisher, type PublisherHost } from '../../server/src/diagnosticsPublisher';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { createDockerfileService } from '../../server/src/service';

const URI = 'untitled:big-Dockerfile';

/** A file whose full lint takes far longer than one slice on any machine (~6,000 instructions). */
function bigDockerfile(): string {
  const lines = ['FROM debian:12 AS build'];
  for (let i = 0; i < 3000; i++) lines.push(`RUN apt-get install pkg${i} && echo $HOME`, `ENV V${i} ${i}`);
  return lines.join('\n');
}

interface Harness {
  publisher: DiagnosticsPublisher;
  events: string[];
  sent: Promise<void>;
  document: TextDocument;
}

/** A publisher over one document; `onModel` runs when the lint asks for the model, `onDocumentRead` on every read of the document. */
function harness(onModel: () => void, onDocumentRead: (document: TextDocument) => void = () => undefined): Harness {
  const events: string[] = [];
  const document = TextDocument.create(URI, 'dockerfile', 1, bigDockerfile());
  let sentResolve: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => (sentResolve = resolve));
  const service = createDockerfileService();
  const host: PublisherHost = {
    document: () => {
      onDocumentRead(document);
      return document;
    },
    model: (doc) => {
      onModel();
      return service.parse(doc.getText());
    },
    lintSteps: service.lintSteps,
    settings: () => Promise.resolve(DEFAULT_SETTINGS),
    workspaceFolders: () => [],
    send: (_uri: string, version: number, diagnostics: Diagnostic[]) => {
      events.push(`diagnostics v${version} (${diagnostics.length})`);
      sentResolve();
    },
    log: (message) => events.push(`log ${message}`),
  };
  return { publisher: new DiagnosticsPublisher(host), events, sent, document };
}

test('work that arrives while a large file is linted runs before the lint ends', { timeout: 60_000 }, async () => {
  const h = harness(() => setImmediate(() => h.events.push('request')));
  h.publisher.publishNow(URI);
  await h.sent;
  assert.equal(h.events[0], 'request');
  assert.match(h.events[1], /^diagnostics v1 \(\d+\)$/);
  assert.equal(h.events.length, 2, h.events.join('\n'));
});

test('a lint whose document changed while it paused publishes nothing; the new version is linted', { timeout: 60_000 }, async () => {
  let linting = false;
  let edited = false;
  // The first read of the document after the model was built is the lint's first pause.
  const h = harness(() => (linting = true), (document) => {
    if (linting && !edited) {
      edited = true;
      TextDocument.update(document, [{ text: `${document.getText()}\nUSER app` }], 2);
    }
  });
  h.publisher.publishNow(URI);
  // Let the first lint run to its first pause (or, wrongly, to its end), then lint the edit.
  await Promise.race([
    h.sent,
    new Promise<void>((resolve) => {
      const poll = () => (edited ? resolve() : setImmediate(poll));
      poll();
    }),
  ]);
  h.publisher.schedule(URI);
  await h.sent;
  assert.equal(h.events.length, 1, h.events.join('\n'));
  assert.match(h.events[0], /^diagnostics v2 \(\d+\)$/);
});
