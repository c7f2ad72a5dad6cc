// The layer panel's webview script (dist/webview/layers.js) in Debian's Chromium, without VS Code:
// a plain page made by the host's own panelHtml() (the same nonce CSP), acquireVsCodeApi stubbed,
// a build record posted the way the host posts it. Reads the rows, causes and labels from the DOM,
// checks that a Dockerfile line holding <script> and onerror= shows as text and runs nothing, and
// drives it by keyboard and mouse, reading what the page posts back. Screenshot: layers-panel.png
// in $DFS_SCREENSHOTS.
//
// Runs with the UI tests (test/vscode/run.mjs, after `node esbuild.mjs`); alone:
//   node esbuild.mjs && node --test test/vscode/ui/layersPanel.test.mjs
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { launchBrowser } from '../../../scripts/vscode/browser.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
const shots = process.env.DFS_SCREENSHOTS || join(root, 'test-output', 'vscode');
const script = join(root, 'dist/webview/layers.js');
// A made-up origin stands in for webview.cspSource; Playwright serves it from the working tree.
const ORIGIN = 'https://webview.invalid';
const NONCE = 'bm9uY2UtZm9yLXRoZS10ZXN0';

/** Loads TypeScript modules of the project (fixtures, the page builder) through esbuild, in memory. */
async function importTs(entry) {
  const out = await esbuild.build({ entryPoints: [join(root, entry)], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'warning' });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

const { panelHtml } = await importTs('client/src/layers/panelHtml.ts');
const { XSS, FAILURE, failedRecord, sampleHistory, sampleRecord } = await importTs('test/client/layers/records.ts');

let browser;
let page;
const dialogs = [];

/** Stubs VS Code's webview API before any page script runs; a `saved` state is what getState returns. */
function stubScript(saved) {
  return `
    window.__posted = [];
    window.__state = ${JSON.stringify(saved ?? null)};
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => window.__state,
      setState: (s) => { window.__state = s; },
    });`;
}

async function openPanel(saved) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 }, timezoneId: 'UTC', colorScheme: 'dark' });
  await context.addInitScript(stubScript(saved));
  const html = panelHtml({ cspSource: ORIGIN, nonce: NONCE, scriptUri: `${ORIGIN}/dist/webview/layers.js`, styleUri: `${ORIGIN}/media/layers.css` });
  await context.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/index.html') return route.fulfill({ contentType: 'text/html', body: html });
    // Only the two resource roots of the real panel are served.
    if (path.startsWith('/media/') || path.startsWith('/dist/webview/')) {
      const file = join(root, path);
      if (existsSync(file)) return route.fulfill({ contentType: path.endsWith('.css') ? 'text/css' : path.endsWith('.svg') ? 'image/svg+xml' : 'text/javascript', body: readFileSync(file) });
    }
    return route.fulfill({ status: 404, body: '' });
  });
  page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
}

/** Posts a `show` message as the host does, and waits for the step rows. */
async function show(record, history, baselineId) {
  const paint = await page.evaluate(async (message) => {
    const t0 = performance.now();
    window.postMessage(message, '*');
    await new Promise((done) => {
      const check = () => (document.querySelector(`tr.step[data-line]`) && document.querySelector('main:not([aria-busy])') ? done() : requestAnimationFrame(check));
      check();
    });
    return performance.now() - t0;
  }, { type: 'show', record, history, baselineId });
  return paint;
}

const posted = () => page.evaluate(() => window.__posted);
const activeLine = () => page.evaluate(() => document.activeElement?.closest('tr.step')?.dataset.line ?? null);

/** Every step row as its cells read: line | instruction | cache | time | size | cause. */
function readRows() {
  return page.locator('tr.step').evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell, i) => {
    if (i === 1) return cell.querySelector('code').textContent;
    return cell.innerText.replace(/\s+/g, ' ').trim();
  }).join(' | ')));
}

describe('the layer panel in Chromium', { concurrency: false }, () => {
  before(async () => {
    assert.ok(existsSync(script), `${script} is missing: run node esbuild.mjs first`);
    mkdirSync(shots, { recursive: true });
    browser = await launchBrowser();
    await openPanel();
  });

  after(async () => {
    await browser?.close().catch(() => {});
  });

  test('the page says ready, then renders a posted record: rows by stage, causes, no-layer labels', async () => {
    assert.deepEqual(await posted(), [{ type: 'ready' }]);
    const paintMs = await show(sampleRecord(), sampleHistory(), '2026-12-07T23:10:44.812Z-9f8e');
    console.log(`# layer panel: rows rendered ${paintMs.toFixed(1)} ms after the message`);
    assert.deepEqual(await page.locator('tr.stage-row').allTextContents(), ['Stage tools · not in the image, adds no layer', 'Stage app']);
    assert.deepEqual(await readRows(), [
      '2 | FROM ${NODE} AS tools | cached | 0 ms | stage not in the image, adds no layer | ',
      '3 | ENV CI=1 | metadata only |  | metadata only, adds no layer | ',
      '4 | WORKDIR /tools | cached | 12 ms | stage not in the image, adds no layer | ',
      `5 | ${XSS} | rebuilt | 2.1 s | stage not in the image, adds no layer | first cause instruction changed The instruction changed; it was: RUN echo "<b>hi</b>" > banner.html`,
      '6 | RUN npm install --global pnpm@9 | rebuilt | 4.2 s | stage not in the image, adds no layer | an earlier step rebuilt (line 5) An earlier step (line 5) rebuilt.',
      '8 | FROM ${NODE} AS app | cached | 0 ms | 41.2 MB | ',
      '9 | ARG VERSION=1.0 | metadata only |  | metadata only, adds no layer | ',
      '10 | WORKDIR /app | cached | 31 ms | 0 B | ',
      '11 | COPY package.json pnpm-lock.yaml ./ | rebuilt | 120 ms | 212 kB | files changed 1 file changed: pnpm-lock.yaml pnpm-lock.yaml',
      '12-13 | RUN corepack enable   && pnpm install --frozen-lockfile | rebuilt | 14 s | 48.2 MB | an earlier step rebuilt (line 11) An earlier step (line 11) rebuilt.',
      '14 | COPY --from=tools /tools/banner.html ./public/ | rebuilt | 40 ms | 61 B | an earlier step rebuilt (line 11) An earlier step (line 11) rebuilt.',
      '15 | RUN pnpm build | rebuilt | 6.0 s | 113 MB | an earlier step rebuilt (line 11) An earlier step (line 11) rebuilt.',
      '17 | EXPOSE 3000 | metadata only |  | metadata only, adds no layer | ',
      '18 | CMD ["node", "dist/server.js"] | metadata only |  | metadata only, adds no layer | ',
    ]);
    assert.deepEqual(await page.locator('tr.step.first-cause').evaluateAll((rows) => rows.map((r) => r.dataset.line)), ['5']);
    assert.equal((await page.locator('.first-cause-summary').textContent()).replace(/\s+/g, ' '),
      'Why it rebuilt: line 5, instruction changed. The instruction changed; it was: RUN echo "<b>hi</b>" > banner.html Go to line 5');
    assert.deepEqual(await page.locator('.facts .fact').allTextContents(), [
      'Imageapp:dev', 'Image size203 MB', 'Cache hits25% (2 of 8 steps)', 'Build time27 s', 'Started2026-12-08 00:41:07',
    ]);
    await page.screenshot({ path: join(shots, 'layers-panel.png'), fullPage: true });
  });

  test('the HTML payload of a Dockerfile line shows as text: no script ran, no img element, no CSP violation', async () => {
    const code = page.locator('tr.step[data-line="5"] td.instruction code');
    assert.equal(await code.textContent(), XSS);
    assert.equal(await code.evaluate((node) => node.childElementCount), 0);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('script').count(), 1);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
  });

  test('the CSP is in force: an injected inline handler is blocked (a control for the test above)', async () => {
    await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.id = 'csp-probe';
      probe.innerHTML = '<img src="https://elsewhere.invalid/x.png" onerror="window.__ran = true">';
      document.body.append(probe);
    });
    await page.waitForFunction(() => window.__violations.length >= 1);
    assert.equal(await page.evaluate(() => window.__ran ?? false), false);
    assert.ok((await page.evaluate(() => window.__violations)).some((v) => v.startsWith('img-src')));
    await page.evaluate(() => {
      document.getElementById('csp-probe').remove();
      window.__violations = [];
    });
  });

  test('a screen reader finds a labelled table, column headers, and bars that say their numbers', async () => {
    const table = page.getByRole('table', { name: 'Steps' });
    assert.equal(await table.count(), 1);
    assert.deepEqual(await table.getByRole('columnheader').allTextContents(), ['Line', 'Instruction', 'Cache', 'Time', 'Size', 'Cause']);
    assert.deepEqual(await table.getByRole('rowheader').allTextContents(), ['Stage tools · not in the image, adds no layer', 'Stage app']);
    assert.equal(await page.getByRole('img', { name: '14 s, 100% of the longest step' }).count(), 1);
    assert.equal(await page.getByRole('img', { name: '113 MB, 100% of the largest layer' }).count(), 2);
    assert.equal(await page.getByRole('img', { name: 'Cache hits: 25%' }).count(), 1);
    assert.deepEqual(await page.locator('.largest li').evaluateAll((items) => items.map((li) => li.textContent.replace(/\s+/g, ' ').trim())), [
      'line 15 RUN pnpm build113 MB', 'line 12 RUN corepack enable && pnpm install --frozen-lockfile48.2 MB',
      'line 8 FROM ${NODE} AS app41.2 MB', 'line 11 COPY package.json pnpm-lock.yaml ./212 kB', 'line 14 COPY --from=tools /tools/banner.html ./public/61 B',
    ]);
  });

  test('keyboard: Tab reaches the rows at the first cause, arrows move across stages, Enter and Space open the line', async () => {
    await page.evaluate(() => {
      window.__posted = [];
      document.activeElement?.blur();
    });
    for (let i = 0; i < 10 && (await activeLine()) === null; i++) await page.keyboard.press('Tab');
    assert.equal(await activeLine(), '5');
    await page.keyboard.press('ArrowDown');
    assert.equal(await activeLine(), '6');
    await page.keyboard.press('ArrowDown');
    assert.equal(await activeLine(), '8');
    await page.keyboard.press('ArrowUp');
    assert.equal(await activeLine(), '6');
    await page.keyboard.press('End');
    assert.equal(await activeLine(), '18');
    await page.keyboard.press('Home');
    assert.equal(await activeLine(), '2');
    await page.keyboard.press('PageDown');
    assert.equal(await activeLine(), '14');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press(' ');
    assert.deepEqual(await posted(), [{ type: 'reveal', line: 14 }, { type: 'reveal', line: 12 }]);
    assert.deepEqual(await page.locator('tr.step[tabindex="0"]').evaluateAll((rows) => rows.map((r) => r.dataset.line)), ['12']);
  });

  test('a click on a row, on a largest layer or on the first cause opens that line', async () => {
    await page.evaluate(() => { window.__posted = []; });
    await page.locator('tr.step[data-line="11"] td.instruction').click();
    await page.locator('.largest button', { hasText: 'RUN pnpm build' }).click();
    await page.getByRole('button', { name: 'Go to line 5' }).click();
    assert.deepEqual(await posted(), [{ type: 'reveal', line: 11 }, { type: 'reveal', line: 15 }, { type: 'reveal', line: 5 }]);
    assert.equal(await activeLine(), null);
  });

  test('the last builds are listed, and any two can be picked to compare', async () => {
    await page.evaluate(() => { window.__posted = []; });
    assert.deepEqual(await page.locator('table.builds tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent).join(' | '))), [
      '2026-12-08 00:41:07 | 25% | 27 s | shown',
      '2026-12-07 23:10:44 | 100% | 1.2 s | compared with',
      '2026-12-07 22:58:02 | n/a | 1 min 2 s | ',
    ]);
    const current = page.getByLabel('Build', { exact: true });
    const baseline = page.getByLabel('compared with');
    assert.equal(await current.inputValue(), '2026-12-08T00:41:07.120Z-a1b2');
    assert.equal(await baseline.inputValue(), '2026-12-07T23:10:44.812Z-9f8e');
    const compare = page.getByRole('button', { name: 'Compare' });
    await baseline.selectOption('2026-12-08T00:41:07.120Z-a1b2');
    assert.equal(await compare.isDisabled(), true);
    await baseline.selectOption('2026-12-07T22:58:02.377Z-7d6c');
    await current.selectOption('2026-12-07T23:10:44.812Z-9f8e');
    await compare.click();
    assert.deepEqual(await posted(), [{ type: 'compare', currentId: '2026-12-07T23:10:44.812Z-9f8e', baselineId: '2026-12-07T22:58:02.377Z-7d6c' }]);
  });

  test('the next record replaces the view and keeps keyboard focus on the same line; a failure is announced', async () => {
    await page.locator('tr.step[data-line="15"]').focus();
    await show(failedRecord(), sampleHistory(), null);
    assert.equal(await activeLine(), '15');
    assert.equal((await page.getByRole('alert').textContent()).replace(/\s+/g, ' '), `Build failed at line 15: ${FAILURE} Go to line`);
    assert.equal((await page.locator('tr.step[data-line="15"]').textContent()).includes(FAILURE), true);
    assert.equal(await page.locator('tr.step[data-line="15"] .state-badge').textContent(), 'failed');
  });

  test('a reloaded page (a panel shown again) renders from its saved state before the host sends anything', async () => {
    const saved = await page.evaluate(() => window.__state);
    assert.equal(saved.record.id, '2026-12-08T00:45:51.004Z-c3d4');
    await page.context().close();
    await openPanel(saved);
    assert.equal(await page.locator('tr.step').count(), 14);
    assert.equal(await page.locator('tr.step[data-line="15"] .state-badge').textContent(), 'failed');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
  });
});
