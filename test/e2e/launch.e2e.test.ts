// Launching a training run as a person would: "Runboard: Start Training Run" from the palette in the
// demo workspace, pick the configuration, see the run appear, open it and watch its chart grow.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame } from 'playwright-core';
import { e2e } from './setup';

type ChartState = Record<string, { total: number }>;

/** Writes one JSON line every 0.25 s (standard library only) for ~15 s. */
const TRAIN_PY = `import json, math, os, time
d = os.path.join('experiments', os.environ['RUNBOARD_RUN_NAME'])
os.makedirs(d, exist_ok=True)
with open(os.path.join(d, 'metrics.jsonl'), 'a') as f:
    for step in range(60):
        loss = 2.0 * math.exp(-step / 15) + 0.05 * math.sin(step)
        f.write(json.dumps({'step': step, 'loss': loss, 'accuracy': 1 - loss / 2.2}) + '\\n')
        f.flush()
        end = time.time() + 0.25
        while time.time() < end:
            pass
`;

async function charts(frame: Frame): Promise<ChartState> {
  return frame.evaluate(() =>
    (window as unknown as { runboardDebug: { charts(): ChartState } }).runboardDebug.charts(),
  );
}

async function waitForLoss(frame: Frame, min: number): Promise<number> {
  const deadline = Date.now() + 30_000;
  let total = 0;
  while (Date.now() < deadline) {
    total = (await charts(frame)).loss?.total ?? 0;
    if (total >= min) {
      return total;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the loss chart has ${total} points, waited for ${min}: ${JSON.stringify(await charts(frame))}`);
}

describe('Launch a training run (e2e)', function () {
  this.timeout(180_000);

  before(() => {
    const { workspace } = e2e();
    fs.writeFileSync(path.join(workspace, 'e2e_train.py'), TRAIN_PY);
    fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    const configurations = [{ name: 'demo-train', program: '${workspaceFolder}/e2e_train.py', runsDir: 'experiments' }];
    fs.writeFileSync(path.join(workspace, '.vscode', 'runboard.json'), JSON.stringify({ configurations }, null, 2));
  });

  it('starts a run from the palette and its chart grows live', async () => {
    const { workbench } = e2e();
    const page = workbench.page;
    await workbench.openRunboard();
    await workbench.runCommand('Runboard: Start Training Run');
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'demo-train' });
    await row.first().waitFor({ timeout: 15_000 });
    await row.first().click();
    const runRow = workbench
      .runsPane()
      .locator('.monaco-list-row', { hasText: 'demo-train-' })
      .filter({ hasNotText: 'starting' });
    await runRow.first().waitFor({ timeout: 30_000 });
    await runRow.first().click();
    const frame = await workbench.webviewFrame('.chart-card[data-metric="loss"]');
    const before = await waitForLoss(frame, 1);
    const later = await waitForLoss(frame, before + 8);
    assert.ok(later > before, `the chart grew: ${before} → ${later}`);
    console.log(`      loss chart: ${before} → ${later} points`);
    await workbench.screenshot('launch-dark');
  });

  it('saw no console error or CSP violation in a Runboard webview', () => {
    assert.deepEqual(e2e().workbench.webviewProblems, []);
  });
});
