/**
 * The static page of the layer panel: a nonce CSP that allows only the extension's own stylesheet
 * and script, and an empty container. It carries no data (the record arrives by postMessage), so
 * nothing from a Dockerfile is ever parsed as markup. Pure, for the host and the browser test.
 */

export interface PanelPage {
  /** `webview.cspSource`: the origin of the extension's local resources. */
  cspSource: string;
  /** A fresh random value per page. */
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

const ATTRIBUTE_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };

/** Escapes a value for a double-quoted HTML attribute. */
export function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (c) => ATTRIBUTE_ESCAPES[c]);
}

/** The Content-Security-Policy of the page: nothing by default, our styles, images and fonts, and scripts with the nonce. */
export function panelCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/** The whole HTML of the panel. */
export function panelHtml(page: PanelPage): string {
  const attr = escapeAttribute;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(panelCsp(page.cspSource, page.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attr(page.styleUri)}">
<title>Layer Cache</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="waiting">Waiting for a build of this Dockerfile.</p></main>
<script nonce="${attr(page.nonce)}" src="${attr(page.scriptUri)}"></script>
</body>
</html>
`;
}
