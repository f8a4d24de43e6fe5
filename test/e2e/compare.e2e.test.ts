// Compare Runs as a person uses it: the palette, three demo runs picked, one line per run on every
// chart, the config differences, a hostile config value shown as text.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame } from 'playwright-core';
import { e2e } from './setup';

type CompareDebug = { charts: Record<string, number>; diffKeys: string[]; runs: string[] };

async function compareState(frame: Frame): Promise<CompareDebug> {
  return frame.evaluate(() =>
    (window as unknown as { runboardDebug: { compare(): CompareDebug } }).runboardDebug.compare(),
  );
}

describe('Compare Runs (e2e)', function () {
  this.timeout(180_000);
  let frame: Frame;

  before(() => {
    // A hostile config value in one of the runs: it must show as text.
    const file = path.join(e2e().workspace, 'lightning_logs', 'mnist-cnn', 'version_2', 'hparams.yaml');
    fs.appendFileSync(file, 'note: "<img src=x onerror=alert(2)>"\n');
  });

  it('picks three runs in the palette and overlays them', async () => {
    const { workbench } = e2e();
    const { page } = workbench;
    let dialog = false;
    page.on('dialog', () => (dialog = true));
    await workbench.openRunboard();
    await workbench.runCommand('Runboard: Compare Runs…');
    await page.locator('.quick-input-widget', { hasText: 'Compare runs' }).waitFor({ timeout: 10_000 });
    const input = page.locator('.quick-input-widget input');
    for (const name of ['version_0', 'version_1', 'version_2']) {
      await input.fill(name);
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
      await row.waitFor({ timeout: 10_000 });
      await row.locator('.monaco-custom-toggle').first().click();
    }
    await input.fill('');
    await page.keyboard.press('Enter');
    frame = await workbench.webviewFrame('.legend-list');
    const deadline = Date.now() + 20_000;
    let state = await compareState(frame);
    while (Date.now() < deadline && (state.charts.val_loss ?? 0) < 3) {
      await page.waitForTimeout(200);
      state = await compareState(frame);
    }
    assert.deepEqual(state.runs.sort(), ['version_0', 'version_1', 'version_2']);
    assert.equal(state.charts.val_loss, 3, 'three datasets on the val_loss chart');
    assert.ok(
      state.diffKeys.includes('lr') && state.diffKeys.includes('batch_size'),
      `diff keys: ${state.diffKeys.join(', ')}`,
    );
    assert.ok(!state.diffKeys.includes('optimizer'), 'equal keys are not shown');
    assert.ok(!state.diffKeys.includes('seed'), 'seeds are ignored');
    const note = await frame.locator('.config-diff td', { hasText: 'onerror=alert(2)' }).count();
    assert.equal(note, 1, 'the hostile value shows as text');
    assert.equal(await frame.$('.config-diff img'), null);
    assert.equal(dialog, false);
    await workbench.screenshot('compare-dark');
  });

  it('hides a run from the legend', async () => {
    await frame.click('.legend-toggle[data-run="version_0"]');
    const state = await compareState(frame);
    assert.equal(state.charts.val_loss, 2);
    await frame.click('.legend-toggle[data-run="version_0"]');
  });

  it('renders in the light theme', async () => {
    const { workbench } = e2e();
    await workbench.setTheme('light');
    await workbench.screenshot('compare-light');
    await workbench.setTheme('dark');
  });

  it('saw no console error or CSP violation in a Runboard webview', () => {
    assert.deepEqual(e2e().workbench.webviewProblems, []);
  });
});
