// A tiny local web server for the bench page: the dashboard's real bundle, its CSS and codicons, and
// the extension's own HTML and CSP (pageHtml, src/extension/panels/pageHtml.ts, as webviewHtml.ts calls it)
// with this server's URLs and origin, on 127.0.0.1 at a random port. Only the listed files are served.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pageHtml } from '../../src/extension/panels/pageHtml';

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

const FILES: Record<string, string> = {
  '/dist/webview/run.js': 'text/javascript',
  '/dist/webview/codicon.css': 'text/css',
  '/dist/webview/codicon.ttf': 'font/ttf',
  '/media/webview.css': 'text/css',
  '/media/run.css': 'text/css',
  '/dist/webview/compare.js': 'text/javascript',
  '/media/compare.css': 'text/css',
};

/** A page of the bench server: the webview app and the data-* attributes of its <body>. */
export interface BenchApp {
  app: 'run' | 'compare';
  data: Record<string, string>;
}

const RUN_APP: BenchApp = { app: 'run', data: { 'run-id': 'tensorboard:/tmp/runboard-bench/run' } };

/** Query ?app=compare&runIds=<json>: the Compare Runs page (data-run-ids as the panel sets it). */
function appOf(url: URL): BenchApp {
  if (url.searchParams.get('app') !== 'compare') {
    return RUN_APP;
  }
  return { app: 'compare', data: { 'run-ids': url.searchParams.get('runIds') ?? '[]' } };
}

// VS Code sets these on the webview's <html> (Dark Modern); the charts and CSS read them.
const THEME = `html {
  --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px;
  --vscode-editor-font-family: monospace; --vscode-editor-font-size: 14px;
  --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d; --vscode-editor-background: #1f1f1f;
  --vscode-panel-border: #2b2b2b; --vscode-editorWidget-border: #454545; --vscode-editorWidget-background: #202020;
  --vscode-focusBorder: #0078d4; --vscode-errorForeground: #f85149; --vscode-charts-blue: #3794ff;
  --vscode-charts-red: #f14c4c; --vscode-charts-green: #89d185; --vscode-charts-yellow: #cca700;
  --vscode-charts-purple: #b180d7; --vscode-charts-orange: #d18616; --vscode-badge-background: #616161;
  --vscode-badge-foreground: #f8f8f8; --vscode-input-background: #313131; --vscode-input-foreground: #cccccc;
  --vscode-input-border: #3c3c3c;
}
body { background: var(--vscode-editor-background); color: var(--vscode-foreground); margin: 0; padding: 0 20px; }
`;

/**
 * The extension's page for `page.app`, with this server's URLs and `origin` as the CSP source. On top:
 * /bench/theme.css (THEME) linked first, from `origin` so the CSP is unchanged. The bench hooks
 * (pageScript.ts) need nothing here: Playwright's addInitScript runs them outside the page's CSP.
 */
function html(origin: string, page: BenchApp): string {
  return pageHtml({
    nonce: crypto.randomBytes(18).toString('base64'),
    cspSource: origin,
    scriptUri: `/dist/webview/${page.app}.js`,
    codiconsUri: '/dist/webview/codicon.css',
    styleUris: ['/media/webview.css', `/media/${page.app}.css`],
    title: 'Runboard bench',
    data: page.data,
    hostStyleUris: ['/bench/theme.css'],
  });
}

export async function startPageServer(repoRoot: string): Promise<PageServer> {
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const send = (status: number, type: string, body: string | Buffer): void => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/') {
      return send(200, 'text/html; charset=utf-8', html(origin, appOf(url)));
    }
    if (url.pathname === '/bench/theme.css') {
      return send(200, 'text/css', THEME);
    }
    const type = FILES[url.pathname];
    if (!type) {
      return send(404, 'text/plain', 'not found');
    }
    fs.readFile(path.join(repoRoot, url.pathname), (err, body) =>
      err ? send(404, 'text/plain', String(err)) : send(200, type, body),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
