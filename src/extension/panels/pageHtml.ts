// The HTML and CSP of a webview page, as a pure function of its URLs, nonce and CSP source: default-src
// 'none', scripts only by nonce, styles/images/fonts only from `cspSource`. No `vscode` import, so the
// bench page (bench/browser/server.ts) serves exactly the extension's page (webviewHtml.ts) with its own URLs.

export interface PageHtmlOptions {
  /** Allows the page's one <script>; fresh per page. */
  nonce: string;
  /** The origin styles, images and fonts may come from (VS Code's `webview.cspSource`). */
  cspSource: string;
  /** The app bundle (dist/webview/<app>.js). */
  scriptUri: string;
  /** The codicons stylesheet (dist/webview/codicon.css), linked with the id vscode-elements looks for. */
  codiconsUri: string;
  /** The page's own stylesheets, in order, after codicons (media/webview.css, then media/<app>.css). */
  styleUris: string[];
  title: string;
  /** data-* attributes of <body> (e.g. the run id), read by the app at start; keys keep only [a-z0-9-]. */
  data?: Record<string, string>;
  /**
   * Stylesheets linked before all others, standing in for what the host itself puts on the page (the bench's
   * THEME variables, which VS Code sets on <html>). They must be served from `cspSource`: the CSP is the
   * same with or without them. The extension passes none.
   */
  hostStyleUris?: string[];
}

export function pageHtml(page: PageHtmlOptions): string {
  const { nonce, cspSource } = page;
  const data = Object.entries(page.data ?? {})
    .map(([k, v]) => ` data-${k.replace(/[^a-z0-9-]/gi, '')}="${escapeHtml(v)}"`)
    .join('');
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
  ].join('; ');
  const hostStyles = (page.hostStyleUris ?? []).map((uri) => `<link rel="stylesheet" href="${uri}">\n`).join('');
  const styles = page.styleUris.map((uri) => `<link rel="stylesheet" href="${uri}">\n`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${hostStyles}<link rel="stylesheet" href="${page.codiconsUri}" id="vscode-codicon-stylesheet">
${styles}<title>${escapeHtml(page.title)}</title>
</head>
<body${data}>
<div id="app" role="main"></div>
<script nonce="${nonce}" src="${page.scriptUri}"></script>
</body>
</html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
