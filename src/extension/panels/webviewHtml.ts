// The VS Code side of every webview page: its options (scripts on, local roots), its asWebviewUri URLs and
// a fresh crypto nonce, handed to pageHtml (./pageHtml.ts), the one place the HTML and CSP are built.
import crypto from 'node:crypto';
import * as vscode from 'vscode';
import { pageHtml } from './pageHtml';

export interface WebviewPage {
  /** Bundle name under dist/webview (e.g. "run"). */
  app: string;
  title: string;
  /** data-* attributes of <body> (e.g. the run id), read by the app at start. */
  data?: Record<string, string>;
}

export function webviewOptions(extensionUri: vscode.Uri, extraRoots: vscode.Uri[] = []): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
      vscode.Uri.joinPath(extensionUri, 'media'),
      ...extraRoots,
    ],
  };
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const uri = (...segments: string[]): string =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...segments)).toString();
  return pageHtml({
    nonce: crypto.randomBytes(18).toString('base64'),
    cspSource: webview.cspSource,
    scriptUri: uri('dist', 'webview', `${page.app}.js`),
    codiconsUri: uri('dist', 'webview', 'codicon.css'),
    styleUris: [uri('media', 'webview.css'), uri('media', `${page.app}.css`)],
    title: page.title,
    data: page.data,
  });
}
