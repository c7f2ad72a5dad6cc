// Debian's Chromium driven by playwright-core (no browser download), headless, offline-friendly.
import { chromium } from 'playwright-core';
import { toolPaths } from './codeServer.mjs';

/** Launches headless Chromium with a fresh temporary profile. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: toolPaths().chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** The workbench URL for a folder; `payload` carries development options (extension under development, tests). */
export function workbenchUrl(base, folder, payload) {
  let url = `${base}/?folder=${encodeURIComponent(folder)}`;
  if (payload && payload.length > 0) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** The `vscode-remote://` form code-server's workbench expects for a path on the server. */
export function remoteUri(base, path) {
  return `vscode-remote://${new URL(base).host}${path}`;
}
