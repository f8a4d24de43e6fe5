// Disk → canvas in the real workbench: the e2e suite's VS Code (code-server) and demo workspace, the
// dashboard of a Lightning run open, rows appended to its metrics.csv; each timed from the append to the
// painted frame of the webview that shows the new point (Date.now() on both sides: one machine clock).
// Needs the VS Code that `npm start`/`npm test` set up once (.vscode-test/web); never sets it up itself.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Frame } from 'playwright-core';
import { makeDemoWorkspace } from '../../test/demo/makeDemoWorkspace';
import { BASE_SETTINGS } from '../../test/e2e/setup';
import { Workbench } from '../../test/e2e/workbench';

interface WebModule {
  startCodeServer(options: {
    workspace: string;
    settings: Record<string, unknown>;
  }): Promise<{ base: string; stop(): Promise<void> }>;
  workbenchUrl(base: string, options: { folder: string; extensionPath: string }): string;
  chromiumArgs: string[];
}

type Charts = Record<string, { total: number; smoothed: number }>;

export interface DiskToCanvas {
  /** ms from appending a row to the frame that shows its point; empty when skipped. */
  latency: number[];
  skipped?: string;
}

export async function diskToCanvas(repoRoot: string, samples: number, periodMs: number): Promise<DiskToCanvas> {
  const versions = (await import(path.join(repoRoot, 'scripts/vscode-web/versions.mjs'))) as {
    stampFile: string;
    chromiumPath: string;
  };
  if (!fs.existsSync(versions.stampFile)) {
    return { latency: [], skipped: 'VS Code web not set up (run `npm start` or `npm test` once)' };
  }
  const web = (await import(path.join(repoRoot, 'scripts/vscode-web/server.mjs'))) as WebModule;
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-bench-ws-'));
  makeDemoWorkspace(workspace);
  let server: { base: string; stop(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  try {
    server = await web.startCodeServer({ workspace, settings: BASE_SETTINGS });
    browser = await chromium.launch({ executablePath: versions.chromiumPath, args: web.chromiumArgs });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const workbench = new Workbench(page);
    await page.goto(web.workbenchUrl(server.base, { folder: workspace, extensionPath: repoRoot }));
    await workbench.waitReady();
    await workbench.openRunboard();
    await workbench.waitForRow('mnist-cnn');
    await workbench.clickRow('version_1');
    const frame = await workbench.webviewFrame('.chart-card');
    let total = await waitForTotal(frame, 'val_loss', 1, 30_000);
    const file = path.join(workspace, 'lightning_logs', 'mnist-cnn', 'version_1', 'metrics.csv');
    const latency: number[] = [];
    for (let i = 0; i < samples; i++) {
      const epoch = 10 + i;
      total += 1;
      await armWaiter(frame, 'val_loss', total);
      const started = Date.now();
      fs.appendFileSync(file, `${epoch},${(epoch + 1) * 50 - 1},,${(0.3 - i * 0.001).toFixed(5)},0.95\n`);
      const shown = await frame.evaluate(() => (window as unknown as { __rbShown: Promise<number> }).__rbShown);
      latency.push(shown - started);
      await new Promise((r) => setTimeout(r, periodMs));
    }
    return { latency };
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/** Polls the dashboard until `name` has at least `min` points; returns how many. */
async function waitForTotal(frame: Frame, name: string, min: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const charts = await frame
      .evaluate(() => (window as unknown as { runboardDebug?: { charts(): Charts } }).runboardDebug?.charts())
      .catch(() => undefined);
    const state = charts?.[name];
    if (state && state.total >= min && state.smoothed > 0) {
      return state.total;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the ${name} chart did not draw within ${timeoutMs} ms`);
}

/** Sets `window.__rbShown`: resolves with Date.now() after the frame painted `name` with `total` points. */
async function armWaiter(frame: Frame, name: string, total: number): Promise<void> {
  await frame.evaluate(
    ([n, t]) => {
      const w = window as unknown as { __rbShown: Promise<number>; runboardDebug: { charts(): Charts } };
      w.__rbShown = new Promise<number>((resolve, reject) => {
        const deadline = Date.now() + 15_000;
        const tick = (): void => {
          if ((w.runboardDebug.charts()[n]?.total ?? 0) >= t) {
            // The point was drawn before this frame's paint: resolve once that frame is done.
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve(Date.now());
            channel.port2.postMessage(0);
          } else if (Date.now() > deadline) {
            reject(new Error(`point ${t} of ${n} never arrived`));
          } else {
            requestAnimationFrame(tick);
          }
        };
        requestAnimationFrame(tick);
      });
    },
    [name, total] as const,
  );
}
