// Compare Runs as a person uses it: the palette, three demo runs picked, one line per run on every
// chart, the config differences, a hostile config value shown as text; then two same-named runs added
// (distinct labels) and a chart zoomed with the keyboard until it shows every point in the window.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Frame } from 'playwright-core';
import { e2e } from './setup';
import { RESULTS_DIR } from './workbench';

type ChartDebug = {
  window?: { xMin: number; xMax: number };
  inView: Record<string, number>;
  overviewInView: Record<string, number>;
  full: Record<string, boolean>;
};
type CompareDebug = {
  charts: Record<string, number>;
  hover: Record<string, { x: number; points: { label: string; y: number }[] } | undefined>;
  scales: Record<string, { x: string; y: string }>;
  diffKeys: string[];
  runs: string[];
  zoom: Record<string, ChartDebug>;
};

async function compareState(frame: Frame): Promise<CompareDebug> {
  return frame.evaluate(() =>
    (window as unknown as { runboardDebug: { compare(): CompareDebug } }).runboardDebug.compare(),
  );
}

async function waitFor(what: string, ok: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!ok()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitForState(frame: Frame, what: string, ok: (s: CompareDebug) => boolean): Promise<CompareDebug> {
  const deadline = Date.now() + 20_000;
  let state = await compareState(frame);
  while (!ok(state)) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(state)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
    state = await compareState(frame);
  }
  return state;
}

const ZOOM_POINTS = 10_000;
const LABELS = ['version_7 (zoom-a)', 'version_7 (zoom-b)'];

/** Two Lightning runs of the same name in two projects, 10k points each (more than an overview keeps). */
function writeSameNamedRuns(workspace: string): void {
  for (const [i, project] of ['zoom-a', 'zoom-b'].entries()) {
    const dir = path.join(workspace, 'lightning_logs', project, 'version_7');
    fs.mkdirSync(dir, { recursive: true });
    const rows = ['epoch,step,zoom_loss'];
    for (let step = 0; step < ZOOM_POINTS; step++) {
      const noise = Math.sin(step * 12.9898 + i) * 0.05;
      rows.push(
        `${Math.floor(step / 1000)},${step},${(2 * Math.exp(-step / (2500 + 500 * i)) + 0.1 + noise).toFixed(5)}`,
      );
    }
    fs.writeFileSync(path.join(dir, 'metrics.csv'), rows.join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'hparams.yaml'), `lr: 0.00${i + 1}\n`);
  }
}

describe('Compare Runs (e2e)', function () {
  this.timeout(180_000);
  let frame: Frame;

  after(async () => {
    // Leave the shared demo workspace as the other suites expect it, and wait until the Runs tree has
    // dropped the rows (a later suite clicking a row while they go would hit the wrong one).
    const { workbench, workspace } = e2e();
    for (const project of ['zoom-a', 'zoom-b']) {
      fs.rmSync(path.join(workspace, 'lightning_logs', project), { recursive: true, force: true });
    }
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && (await workbench.runsTreeRows()).some((row) => row.includes('zoom-'))) {
      await workbench.page.waitForTimeout(200);
    }
    await workbench.page.waitForTimeout(500);
  });

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
    // Discovery must have found the demo runs (this suite may run first).
    await workbench.waitForRow('mnist-cnn');
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

  it('puts the x and y axes on log scales, and back', async () => {
    const { workbench } = e2e();
    /** Ticks both Log boxes, then waits until the val_loss chart's axes are of `type`. */
    const toggleBoth = async (type: string) => {
      await frame.click('#log-x');
      await frame.click('#log-y');
      return waitForState(frame, `${type} axes`, (s) => s.scales.val_loss?.x === type && s.scales.val_loss?.y === type);
    };
    await toggleBoth('logarithmic');
    await frame.locator('.chart-card[data-metric="val_loss"]').scrollIntoViewIfNeeded();
    await workbench.screenshot('compare-log-axes');
    const back = await toggleBoth('linear');
    assert.deepEqual(back.scales.val_loss, { x: 'linear', y: 'linear' });
  });

  it("hovers a chart: a crosshair, and each run's value at that step beside the pointer", async () => {
    const { workbench } = e2e();
    const canvas = frame.locator('.chart-card[data-metric="val_loss"] canvas[role="img"]');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    assert.ok(box, 'the val_loss chart is laid out');
    await canvas.hover({ position: { x: box.width * 0.55, y: box.height / 2 } });
    const state = await waitForState(frame, 'the hover', (s) => (s.hover.val_loss?.points.length ?? 0) === 3);
    const hover = state.hover.val_loss!;
    assert.deepEqual(hover.points.map((p) => p.label).sort(), ['version_0', 'version_1', 'version_2']);
    assert.ok(hover.points.every((p) => Number.isFinite(p.y)));
    const tip = frame.locator('.chart-card[data-metric="val_loss"] .hover-tip');
    await tip.waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await tip.locator('.hover-row').count(), 3);
    assert.match((await tip.locator('.hover-title').textContent()) ?? '', /^step \d/);
    await workbench.screenshot('compare-hover');
    await workbench.page.mouse.move(0, 0);
    await tip.waitFor({ state: 'hidden', timeout: 5_000 });
  });

  it('adds two same-named runs: distinct labels in the legend, summary and config diff', async () => {
    const { workbench, workspace } = e2e();
    const { page } = workbench;
    writeSameNamedRuns(workspace);
    const input = page.locator('.quick-input-widget input');
    const rows = page.locator('.quick-input-list .monaco-list-row', { hasText: 'version_7' });
    // The runs appear once discovery saw the new folders: reopen the pick until both are listed.
    const deadline = Date.now() + 30_000;
    for (;;) {
      await frame.click('vscode-button[data-action="add-runs"]');
      await page.locator('.quick-input-widget', { hasText: 'Add runs' }).waitFor({ timeout: 10_000 });
      await input.fill('version_7');
      await page.waitForTimeout(300);
      if ((await rows.count()) === 2 || Date.now() > deadline) {
        break;
      }
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1000);
    }
    assert.equal(await rows.count(), 2, 'both version_7 runs are offered');
    for (let i = 0; i < 2; i++) {
      await rows.nth(i).locator('.monaco-custom-toggle').first().click();
    }
    await input.fill('');
    await page.keyboard.press('Enter');
    const state = await waitForState(frame, 'the two added runs', (s) => s.runs.length === 5);
    assert.deepEqual(state.runs.filter((r) => r.startsWith('version_7')).sort(), LABELS);
    for (const label of LABELS) {
      assert.equal(await frame.locator(`.legend-toggle[data-run="${label}"]`).count(), 1, `legend entry ${label}`);
      assert.equal(await frame.locator('.data-table tbody th', { hasText: label }).count(), 1, `summary row ${label}`);
      assert.equal(await frame.locator('.config-diff thead th', { hasText: label }).count(), 1, `diff column ${label}`);
    }
    await frame.locator('.legend-list').scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0);
    await workbench.screenshot('compare-same-names');
  });

  it('zooms a chart with the keyboard and then draws every point of both runs in the window', async () => {
    const { workbench } = e2e();
    const card = frame.locator('.chart-card[data-metric="zoom_loss"]');
    await card.scrollIntoViewIfNeeded();
    const before = await waitForState(frame, 'the zoom_loss chart', (s) => (s.charts.zoom_loss ?? 0) === 2);
    for (const label of LABELS) {
      assert.equal(before.zoom.zoom_loss.full[label], false, 'the overview is decimated');
      assert.ok(before.zoom.zoom_loss.inView[label] < ZOOM_POINTS);
    }
    const canvas = '.chart-card[data-metric="zoom_loss"] canvas[role="img"]';
    await frame.focus(canvas);
    for (let i = 0; i < 6; i++) {
      await frame.press(canvas, '+');
    }
    const zoomed = await waitForState(
      frame,
      'the zoom window at full resolution',
      (s) => !!s.zoom.zoom_loss?.window && LABELS.every((l) => s.zoom.zoom_loss.full[l]),
    );
    const z = zoomed.zoom.zoom_loss;
    const window = z.window ?? { xMin: 0, xMax: 0 };
    const expected = Math.floor(window.xMax) - Math.ceil(window.xMin) + 1;
    console.log(
      `      window ${window.xMin.toFixed(0)}–${window.xMax.toFixed(0)}: ${JSON.stringify(z.inView)} vs overview ${JSON.stringify(z.overviewInView)}`,
    );
    for (const label of LABELS) {
      assert.equal(z.inView[label], expected, `${label}: every step in the window`);
      assert.ok(z.inView[label] > z.overviewInView[label], `${label}: more points than the overview had there`);
    }
    await workbench.screenshot('compare-zoomed');
    await frame.press(canvas, '0');
    const reset = await waitForState(frame, 'the zoom reset', (s) => !s.zoom.zoom_loss.window);
    assert.equal(reset.zoom.zoom_loss.full[LABELS[0]], false, 'back to the overview');
  });

  it('zooms by dragging across a chart, then double-click resets', async () => {
    const { page } = e2e().workbench;
    const canvas = frame.locator('.chart-card[data-metric="zoom_loss"] canvas[role="img"]');
    const box = await canvas.boundingBox();
    assert.ok(box, 'the canvas is on screen');
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.5, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, y, { steps: 5 });
    await page.mouse.up();
    const zoomed = await waitForState(
      frame,
      'the dragged window at full resolution',
      (s) => !!s.zoom.zoom_loss?.window && LABELS.every((l) => s.zoom.zoom_loss.full[l]),
    );
    const { window, inView } = zoomed.zoom.zoom_loss;
    assert.ok(window && window.xMax - window.xMin < ZOOM_POINTS / 5, `a narrow window: ${JSON.stringify(window)}`);
    assert.equal(inView[LABELS[1]], Math.floor(window.xMax) - Math.ceil(window.xMin) + 1);
    await canvas.dblclick({ position: { x: box.width / 2, y: box.height / 2 } });
    await waitForState(frame, 'the zoom reset', (s) => !s.zoom.zoom_loss.window);
  });

  it("removes a run with its × in the legend; the palette's pick then starts from the panel's runs", async () => {
    const { workbench } = e2e();
    const { page } = workbench;
    const before = await compareState(frame);
    await frame.click('.legend-list button[aria-label="Remove version_0"]');
    const after = await waitForState(frame, 'version_0 removed', (s) => s.runs.length === before.runs.length - 1);
    assert.ok(!after.runs.includes('version_0'));
    const pick = page.locator('.quick-input-widget', { hasText: 'Compare runs' });
    const count = pick.locator('.quick-input-count');
    let counted = '';
    await workbench.inQuickPick(
      async () => {
        await workbench.runCommand('Runboard: Compare Runs…');
        await pick.waitFor({ timeout: 10_000 });
      },
      async () => {
        // The pick's own count of checked rows ("4 Selected"), and the removed run unchecked.
        await page.waitForTimeout(300);
        counted = (await count.textContent()) ?? '';
        await page.locator('.quick-input-widget input').fill('version_0', { timeout: 5_000 });
      },
    );
    const removed = pick.locator('.quick-input-list .monaco-list-row[aria-checked="true"]', { hasText: 'version_0' });
    await page.waitForTimeout(300);
    const stillPicked = await removed.count();
    await page.keyboard.press('Escape');
    assert.match(counted, new RegExp(`\\b${after.runs.length}\\b`), `the pick says "${counted}"`);
    assert.equal(stillPicked, 0, 'the removed run is not picked');
  });

  it('renders in the light theme', async () => {
    const { workbench } = e2e();
    await workbench.setTheme('light');
    await workbench.screenshot('compare-light');
    await workbench.setTheme('dark');
  });

  it("exports the summary as CSV and a Markdown report with every chart, through VS Code's own dialogs", async () => {
    const { workbench } = e2e();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-e2e-export-'));
    try {
      const answerDialog = (target: string) => workbench.answerFileDialog(target);
      const csvFile = path.join(out, 'summary.csv');
      await frame.click('vscode-button[data-action="export-csv"]');
      await answerDialog(csvFile);
      const runs = (await compareState(frame)).runs;
      // Written whole (created first, then filled): wait for every line, not just the file.
      const csvLines = () => (fs.existsSync(csvFile) ? fs.readFileSync(csvFile, 'utf8').split('\n').length - 1 : 0);
      await waitFor('the summary CSV', () => csvLines() >= runs.length + 1);
      const csv = fs.readFileSync(csvFile, 'utf8').trim().split('\n');
      assert.equal(csv.length, runs.length + 1, `a header and one row per run:\n${csv.join('\n')}`);
      assert.match(csv[0], /^run,/);

      // Charts are made as they scroll near; the report must have them all, seen or not.
      const metrics = await frame.locator('.chart-card').count();
      assert.ok(metrics > 4, `${metrics} charts, more than one screen`);
      await frame.click('vscode-button[data-action="export-report"]');
      await answerDialog(out + path.sep);
      const report = path.join(out, 'report.md');
      // report.md is written after the PNGs, and ends with a newline once whole.
      await waitFor('report.md', () => fs.existsSync(report) && fs.readFileSync(report, 'utf8').endsWith('\n'));
      const pngs = fs.readdirSync(out).filter((f) => f.endsWith('.png'));
      assert.equal(pngs.length, metrics, `one PNG per chart: ${pngs.join(', ')}`);
      const first = fs.readFileSync(path.join(out, 'chart-1.png'));
      // Every chart drawn: a blank chart of the same size compresses to far fewer bytes than one with
      // axes, ticks and lines (a drawn chart here is ~20 KB; an empty canvas ~1–3 KB).
      const smallest = Math.min(...pngs.map((png) => fs.statSync(path.join(out, png)).size));
      assert.ok(smallest > 8_000, `the smallest chart PNG is ${smallest} bytes`);
      for (const png of pngs) {
        const bytes = fs.readFileSync(path.join(out, png));
        assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], png);
        // IHDR width/height: a chart made off screen for the report is as big as one in view.
        assert.deepEqual(
          [bytes.readUInt32BE(16), bytes.readUInt32BE(20)],
          [first.readUInt32BE(16), first.readUInt32BE(20)],
          png,
        );
        assert.ok(fs.readFileSync(report, 'utf8').includes(`](${png})`), `report.md shows ${png}`);
      }
      await workbench.screenshot('compare-report');
      // The last chart of the report: never scrolled into view, drawn for the export.
      fs.copyFileSync(path.join(out, `chart-${metrics}.png`), path.join(RESULTS_DIR, 'compare-report-last-chart.png'));
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('saw no console error or CSP violation in a Runboard webview', () => {
    assert.deepEqual(e2e().workbench.webviewProblems, []);
  });
});
