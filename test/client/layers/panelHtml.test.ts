/**
 * The panel's static page: the whole HTML for known inputs (a CSP that allows only our origin and
 * the nonce, no data in the page), and attribute values that cannot break out of their quotes.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeAttribute, panelCsp, panelHtml } from '../../../client/src/layers/panelHtml';

test('the whole page: CSP, stylesheet, empty container, the script with the nonce', () => {
  const html = panelHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'abc123+/=',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/layers.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/layers.css',
  });
  assert.equal(html, `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src https://file+.vscode-resource.vscode-cdn.net; img-src https://file+.vscode-resource.vscode-cdn.net; font-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-abc123+/='">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="https://file+.vscode-resource.vscode-cdn.net/ext/media/layers.css">
<title>Layer Cache</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="waiting">Waiting for a build of this Dockerfile.</p></main>
<script nonce="abc123+/=" src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/layers.js"></script>
</body>
</html>
`);
});

test('no inline script or style is allowed, and attribute values are escaped', () => {
  assert.equal(panelCsp('vscode-resource:', 'n'), "default-src 'none'; style-src vscode-resource:; img-src vscode-resource:; font-src vscode-resource:; script-src 'nonce-n'");
  assert.equal(escapeAttribute(`a"b'c<d>e&f`), `a&quot;b'c&lt;d&gt;e&amp;f`);
  const html = panelHtml({ cspSource: 's', nonce: 'n', scriptUri: 'x" onload="alert(1)', styleUri: 'y' });
  assert.equal(html.includes('src="x&quot; onload=&quot;alert(1)"'), true);
  assert.equal(html.includes('onload="'), false);
});
