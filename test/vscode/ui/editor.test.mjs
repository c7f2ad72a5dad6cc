// What a person sees in a real VS Code (code-server in Chromium, driven by Playwright): the sample
// workspace, the Dockerfile, the hover on FROM, the completion list on a new line, the squiggle and
// Problems entry of a broken line, and the extension's commands in the palette. Each step saves a
// screenshot to $DFS_SCREENSHOTS/NN-step.png.
//
// Run through test/vscode/run.mjs, which sets DFS_WORKSPACE (a copy of sample/),
// DFS_SCREENSHOTS and DFS_DATA_MODULE (the bundled data module).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startCodeServer, waitFor } from '../../../scripts/vscode/codeServer.mjs';
import { launchBrowser, workbenchUrl } from '../../../scripts/vscode/browser.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const workspace = process.env.DFS_WORKSPACE;
const shots = process.env.DFS_SCREENSHOTS || join(root, 'test-output', 'vscode');
const data = createRequire(import.meta.url)(process.env.DFS_DATA_MODULE || join(root, 'out/vscode/data.js'));
if (!workspace) throw new Error('DFS_WORKSPACE is not set: run these through test/vscode/run.mjs');


let server;
let browser;
let page;
let failed = false;
let shotNumber = 0;

async function screenshot(step) {
  shotNumber += 1;
  const file = join(shots, `${String(shotNumber).padStart(2, '0')}-${step}.png`);
  await page.screenshot({ path: file });
  return file;
}

const editor = () => page.locator('.editor-instance .monaco-editor').first();
const hoverWidget = () => page.locator('.monaco-hover-content, .monaco-hover .hover-contents');

/** Markdown as it reads once rendered: no backticks, emphasis markers or link targets. */
function rendered(markdown) {
  return markdown.replace(/`/g, '').replace(/\*\*|__/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\s+/g, ' ').trim();
}

/** The screen point at the middle of characters [from, to) of a rendered editor line. */
async function wordCenter(line, from, to) {
  const content = line.locator(':scope > span').first();
  const box = await content.boundingBox();
  const length = (await content.innerText()).length;
  if (!box || length === 0) throw new Error('the line is not rendered');
  const charWidth = box.width / length;
  return { x: box.x + charWidth * ((from + to) / 2), y: box.y + box.height / 2 };
}

/** The 1-based number of the first line of the workspace's Dockerfile that matches. */
function sampleLine(pattern) {
  const index = readFileSync(join(workspace, 'Dockerfile'), 'utf8').split('\n').findIndex((line) => pattern.test(line));
  if (index < 0) throw new Error(`no line of the sample Dockerfile matches ${pattern}`);
  return index + 1;
}

/**
 * Moves the cursor to a line with Go to Line (Ctrl+G), which also scrolls it into view: code lenses
 * shift the rendered lines, and the editor only renders those in view, so clicking is unreliable.
 */
async function goToLine(number) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+g');
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`:${number}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
  await waitFor(async () => (await page.locator('#status\\.editor\\.selection').innerText()).includes(`Ln ${number},`), { timeoutMs: 10_000, what: `the cursor on line ${number}` });
}

/**
 * Every row of the open suggest list as { label, icon }: the list renders only the rows in view,
 * so this walks it with the Down key the way a person scrolls, reading the rows in view each time.
 * A key press the browser drops, or a list VS Code re-renders (focus back on row 1), only means
 * pressing Down again; the walk ends when every position up to the list's size has been read.
 */
async function allSuggestRows(widget) {
  const seen = new Map();
  let size = Infinity;
  let focused = 0;
  const read = async () => {
    const rows = await widget.locator('.monaco-list-row').evaluateAll((elements) => elements.map((row) => ({
      position: Number(row.getAttribute('aria-posinset')),
      size: Number(row.getAttribute('aria-setsize')),
      focused: row.classList.contains('focused'),
      label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
      icon: [...(row.querySelector('.suggest-icon')?.classList ?? [])].find((c) => c.startsWith('codicon-symbol-')) ?? '',
    })));
    for (const row of rows) {
      size = row.size;
      seen.set(row.position, { label: row.label, icon: row.icon });
    }
    return rows.find((row) => row.focused)?.position ?? 0;
  };
  const deadline = Date.now() + 60_000;
  focused = await read();
  while (seen.size < size) {
    if (Date.now() > deadline || !(await widget.isVisible())) {
      throw new Error(`read ${seen.size} of ${size} suggest rows (focus on row ${focused}; widget ${await widget.isVisible() ? 'open' : 'closed'}): ${JSON.stringify([...seen.entries()])}`);
    }
    const before = focused;
    await page.keyboard.press('ArrowDown');
    await waitFor(async () => (focused = await read()) !== before, { timeoutMs: 2_000, everyMs: 20, what: 'the suggest focus to move' }).catch(() => {});
  }
  return [...seen.entries()].sort((x, y) => x[0] - y[0]).map(([, row]) => row);
}

/** Runs the command palette (F1) with `text` typed and returns the labels it lists. */
async function paletteRows(text) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ timeout: 10_000 });
  await input.fill(text);
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.first().waitFor({ timeout: 10_000 });
  return rows;
}

describe('Dockerfile Studio in a real VS Code', { concurrency: false }, () => {
  before(async () => {
    // The extension is installed the way a person's would be: a folder in the extensions dir
    // (here a link to the working tree, so the freshly built dist/ is what runs).
    server = await startCodeServer({
      linkExtensions: [root],
      settings: { 'workbench.colorTheme': 'Default Dark Modern', 'editor.minimap.enabled': false },
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  });

  after(async () => {
    if (failed && server) console.error(server.logs());
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  const step = (name, fn) =>
    test(name, async (t) => {
      try {
        await fn(t);
      } catch (error) {
        failed = true;
        const slug = name.replace(/\W+/g, '-').toLowerCase().slice(0, 60);
        await screenshot(`${slug}-failed`).catch(() => {});
        throw error;
      }
    });

  step('opens the sample workspace: the explorer lists its Dockerfiles', async () => {
    await page.goto(workbenchUrl(server.base, workspace));
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    const rows = page.locator('.explorer-folders-view .monaco-list-row');
    for (const name of ['Containerfile', 'Dockerfile', 'build.dockerfile', 'README.md']) {
      await rows.filter({ hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }).first().waitFor({ timeout: 60_000 });
    }
    await screenshot('workspace');
  });

  step('opens the Dockerfile in the editor, in the Dockerfile language', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^Dockerfile$/ }).first().click();
    await editor().locator('.view-lines', { hasText: 'FROM' }).waitFor({ timeout: 30_000 });
    const mode = page.locator('#status\\.editor\\.mode');
    await mode.waitFor({ timeout: 30_000 });
    const aliases = manifest.contributes.languages.find((l) => l.id === 'dockerfile').aliases;
    const shown = (await mode.innerText()).trim();
    assert.ok(aliases.includes(shown), `status bar language "${shown}" is one of ${aliases.join(', ')}`);
    await screenshot('dockerfile-open');
  });

  step('hovering FROM shows the FROM documentation', async () => {
    const line = editor().locator('.view-line', { hasText: /^FROM\sgolang/ }).first();
    const summary = rendered(data.getInstruction('FROM').summary);
    const want = hoverWidget().filter({ hasText: summary }).first();
    // Point at the middle of the word, measured on the rendered line (tokens may or may not be
    // split into spans, depending on the grammar). A hover asked before the language server is
    // up stays empty: move away and hover again.
    await line.waitFor({ timeout: 30_000 });
    let lastError;
    await waitFor(async () => {
      try {
        const { x, y } = await wordCenter(line, 0, 4);
        await page.mouse.move(5, 5);
        await page.mouse.move(x, y);
        await want.waitFor({ timeout: 3_000 });
        return true;
      } catch (error) {
        lastError = error;
        return false;
      }
    }, { timeoutMs: 60_000, everyMs: 200, what: 'the FROM hover with its summary' }).catch((error) => {
      throw new Error(`${error.message}; last attempt: ${lastError?.message}`);
    });
    const text = rendered(await want.innerText());
    assert.ok(text.startsWith('FROM'), `the hover starts with its title FROM: ${text.slice(0, 200)}`);
    assert.ok(text.includes(summary), `the hover reads the summary "${summary}"`);
    await screenshot('hover-from');
  });

  step('Ctrl+Space on a new line lists every Dockerfile instruction in the completion list', async () => {
    await page.keyboard.press('Escape');
    await goToLine(sampleLine(/^EXPOSE\s8080$/));
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Space');
    try {
      const widget = page.locator('.editor-widget.suggest-widget.visible');
      await widget.locator('.monaco-list-row').first().waitFor({ timeout: 20_000 });
      await screenshot('completion');
      const rows = await allSuggestRows(widget);
      // Our server's items carry the keyword icon; snippets/ adds a snippet row per keyword too.
      const keywords = rows.filter((r) => r.icon === 'codicon-symbol-keyword').map((r) => r.label).sort();
      const want = data.INSTRUCTIONS.map((i) => i.keyword).sort();
      assert.deepEqual(keywords, want, `the keyword rows of the list (all rows: ${JSON.stringify(rows.map((r) => `${r.label} ${r.icon}`))})`);
    } finally {
      // Leave the document as it was: close the list and delete the new line.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Shift+K');
    }
  });

  step('a broken line gets a squiggle and an entry in Problems', async () => {
    await page.keyboard.press('Escape');
    await goToLine(sampleLine(/^CMD\s/));
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('FROMM alpine:3.20');
    await editor().locator('.view-line', { hasText: /^FROMM\salpine:3\.20$/ }).waitFor({ timeout: 20_000 });
    const cursor = (await page.locator('#status\\.editor\\.selection').innerText()).trim(); // "Ln 45, Col 18"
    const line = /Ln (\d+)/.exec(cursor)?.[1];
    const squiggle = editor().locator('.squiggly-error');
    await squiggle.first().waitFor({ state: 'attached', timeout: 20_000 }).catch(() => {});
    await screenshot('broken-line');
    const squiggles = await squiggle.count();
    await paletteRows('>View: Focus Problems');
    await page.keyboard.press('Enter');
    await page.locator('.markers-panel-container').first().waitFor({ timeout: 10_000 });
    const entry = page.locator('.markers-panel .monaco-list-row', { hasText: 'FROMM' }).first();
    await entry.waitFor({ timeout: 10_000 }).catch(() => {});
    await screenshot('problems');
    assert.equal(squiggles, 1, 'one error squiggle: under the broken line (the rest of the sample is valid)');
    assert.ok(await entry.isVisible(), 'the Problems panel has an entry naming FROMM');
    const entryText = (await entry.innerText()).replace(/\s+/g, ' ');
    assert.ok(/dockerfile-studio\W+unknown-instruction/.test(entryText), `the entry is our unknown-instruction finding: ${entryText}`);
    assert.ok(entryText.includes(`[Ln ${line}, Col 1]`), `the entry points at line ${line}, column 1: ${entryText}`);
  });

  step('the command palette lists the extension\'s commands', async () => {
    const rows = await paletteRows(`>${manifest.displayName}`);
    const want = manifest.contributes.commands.map((c) => (c.category ? `${c.category}: ${c.title}` : c.title)).sort();
    const labels = (await rows.locator('.label-name').allInnerTexts()).map((l) => l.trim()).sort();
    await screenshot('command-palette');
    await page.keyboard.press('Escape');
    assert.deepEqual(labels, want);
  });
});
