// The run dashboard as a person uses it: open a demo run from the tree, see its charts, watch a live
// point arrive, zoom to full resolution, toggle smoothing and log axes, in dark and light themes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame } from 'playwright-core';
import { e2e } from './setup';

type ChartState = Record<
  string,
  { raw: number; smoothed: number; markers: number; zoomed: boolean; total: number; logY: boolean }
>;

async function charts(frame: Frame): Promise<ChartState> {
  return frame.evaluate(() =>
    (window as unknown as { runboardDebug: { charts(): ChartState } }).runboardDebug.charts(),
  );
}

async function waitForCharts(frame: Frame, predicate: (c: ChartState) => boolean, what: string): Promise<ChartState> {
  const deadline = Date.now() + 20_000;
  let last: ChartState = {};
  while (Date.now() < deadline) {
    last = await charts(frame);
    if (predicate(last)) {
      return last;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
}

describe('Run dashboard (e2e)', function () {
  this.timeout(180_000);
  let frame: Frame;

  it('opens a demo run from the tree and draws its metrics', async () => {
    const { workbench } = e2e();
    await workbench.openRunboard();
    await workbench.waitForRow('mnist-cnn');
    await workbench.clickRow('version_1');
    frame = await workbench.webviewFrame('.chart-card');
    const state = await waitForCharts(frame, (c) => (c.val_loss?.smoothed ?? 0) > 0, 'the val_loss chart');
    assert.equal(state.val_loss.total, 10, 'one val_loss point per epoch');
    assert.ok(state.train_loss.smoothed > 0);
    const title = await frame.textContent('.run-header h1');
    assert.equal(title, 'version_1');
    await workbench.screenshot('dashboard-dark');
  });

  it('shows a point appended to the file', async () => {
    const { workspace } = e2e();
    const before = (await charts(frame)).val_loss.total;
    const file = path.join(workspace, 'lightning_logs', 'mnist-cnn', 'version_1', 'metrics.csv');
    const started = Date.now();
    fs.appendFileSync(file, '10,549,,0.123,0.99\n');
    await waitForCharts(frame, (c) => c.val_loss.total === before + 1, 'the appended point');
    console.log(`      disk → chart: ${Date.now() - started} ms`);
  });

  it('toggles smoothing and the log y axis', async () => {
    await frame.evaluate(() => {
      const slider = document.getElementById('smoothing') as HTMLInputElement;
      slider.value = '0';
      slider.dispatchEvent(new Event('input'));
    });
    await frame.click('#log-y');
    const state = await waitForCharts(frame, (c) => c.val_loss.logY, 'log y');
    assert.ok(state.val_loss.raw > 0);
  });

  it('zooms with the keyboard and gets full-resolution points', async () => {
    await frame.focus('.chart-card[data-metric="train_loss"] canvas');
    await frame.press('.chart-card[data-metric="train_loss"] canvas', '+');
    await waitForCharts(frame, (c) => c.train_loss.zoomed, 'a zoomed train_loss');
    await frame.press('.chart-card[data-metric="train_loss"] canvas', '0');
    await waitForCharts(frame, (c) => !c.train_loss.zoomed, 'zoom reset');
  });

  it('renders in the light theme', async () => {
    const { workbench } = e2e();
    await workbench.setTheme('light');
    await workbench.screenshot('dashboard-light');
    await workbench.setTheme('dark');
  });

  it('shows a hostile run name as text and runs nothing', async () => {
    const { workbench } = e2e();
    let dialog = false;
    workbench.page.on('dialog', () => (dialog = true));
    await workbench.waitForRow('onerror');
    await workbench.clickRow('onerror');
    const hostile = await workbench.webviewFrame('.run-header h1[title*="onerror"]');
    const text = await hostile.textContent('.run-header h1');
    assert.ok(text?.includes('<img src=x onerror=alert(1)>'), `title shows the raw name: ${text}`);
    assert.equal(await hostile.$('.run-header img'), null, 'no <img> element was created');
    assert.equal(dialog, false);
  });

  it('saw no console error or CSP violation in a Runboard webview', () => {
    assert.deepEqual(e2e().workbench.webviewProblems, []);
  });
});
