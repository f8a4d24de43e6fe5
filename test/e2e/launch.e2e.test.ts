// Launching a training run as a person would: "Runboard: Start Training Run" from the palette in the
// demo workspace, pick the configuration, see the run appear, open it and watch its chart grow; then a
// run that outlives a window reload: still running after it, and Stop (from the tree) ends it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { e2e } from './setup';
import type { Workbench } from './workbench';

type ChartState = Record<string, { total: number }>;

/** Writes one JSON line every 0.25 s (standard library only), 60 of them (~15 s) unless told. */
const TRAIN_PY = `import json, math, os, sys, time
steps = int(sys.argv[1]) if len(sys.argv) > 1 else 60
d = os.path.join('experiments', os.environ['RUNBOARD_RUN_NAME'])
os.makedirs(d, exist_ok=True)
with open(os.path.join(d, 'metrics.jsonl'), 'a') as f:
    for step in range(steps):
        print('step %d' % step)
        loss = 2.0 * math.exp(-step / 15) + 0.05 * math.sin(step)
        f.write(json.dumps({'step': step, 'loss': loss, 'accuracy': 1 - loss / 2.2}) + '\\n')
        f.flush()
        end = time.time() + 0.25
        while time.time() < end:
            pass
`;

/** Live pids whose command line holds `text` (Linux /proc: code-server runs on this machine). */
function trainingProcesses(text: string): number[] {
  const pids: number[] = [];
  for (const name of fs.existsSync('/proc') ? fs.readdirSync('/proc') : []) {
    try {
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ');
      const state = fs.readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]?.[0];
      if (/^\d+$/.test(name) && cmd.includes(text) && state !== 'Z') {
        pids.push(Number(name));
      }
    } catch {
      // not a process, or gone meanwhile
    }
  }
  return pids;
}

/** Waits until a tree row's accessible label (name, status, metric) matches. */
async function waitForLabel(
  row: Locator,
  wanted: RegExp | ((label: string) => boolean),
  timeout = 30_000,
): Promise<string> {
  const matches = typeof wanted === 'function' ? wanted : (label: string) => wanted.test(label);
  const deadline = Date.now() + timeout;
  let label = '';
  while (Date.now() < deadline) {
    label = (await row.getAttribute('aria-label').catch(() => null)) ?? '';
    if (matches(label)) {
      return label;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the row says "${label}", waited for ${String(wanted)}`);
}

/**
 * Expands the run's Metrics group and waits for its loss row to change: a growing run refreshes its
 * own rows (not the whole tree), children included.
 */
async function expectLiveLeaf(workbench: Workbench, runRow: Locator): Promise<void> {
  const pane = workbench.runsPane();
  const at = Number(await runRow.getAttribute('data-index'));
  await runRow.locator('.monaco-tl-twistie').click();
  const metrics = pane.locator(`.monaco-list-row[data-index="${at + 1}"]`);
  await waitForLabel(metrics, /^Metrics/);
  await metrics.locator('.monaco-tl-twistie').click();
  const loss = pane.locator(`.monaco-list-row[data-index="${at + 2}"]`);
  const first = await waitForLabel(loss, /^loss\b/);
  const later = await waitForLabel(loss, (label) => /^loss\b/.test(label) && label !== first);
  console.log(`      tree leaf: "${first}" → "${later}"`);
  await workbench.screenshot('launch-tree-live');
}

/** The lines of Runboard's "Runboard Launch" output channel, from every extension host so far. */
function launchLogLines(): string[] {
  const logs = path.join(e2e().userDataDir, 'logs');
  const lines: string[] = [];
  for (const session of fs.existsSync(logs) ? fs.readdirSync(logs) : []) {
    for (const host of fs.readdirSync(path.join(logs, session)).filter((n) => n.startsWith('exthost'))) {
      const file = path.join(logs, session, host, 'runboard.runboard', 'Runboard Launch.log');
      if (fs.existsSync(file)) {
        lines.push(
          ...fs
            .readFileSync(file, 'utf8')
            .split('\n')
            .map((l) => `${host}: ${l}`),
        );
      }
    }
  }
  return lines;
}

async function waitForLaunchLog(pattern: RegExp, timeout: number): Promise<string> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const line = launchLogLines().find((l) => pattern.test(l));
    if (line) {
      return line;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no ${pattern} in the launch log:\n${launchLogLines().join('\n')}`);
}

/**
 * Shows the Runboard side bar after a reload. The restored side bar can hold a hidden Runboard title
 * (which `openRunboard` takes as open), so click the icon until the title is visible.
 */
async function showRunboard(page: Page): Promise<void> {
  const icon = page
    .locator('.activitybar .action-item a[aria-label^="Runboard"], .activitybar .action-item[aria-label^="Runboard"]')
    .first();
  const title = page.locator('.part.sidebar .composite.title', { hasText: 'Runboard' }).first();
  await icon.waitFor({ timeout: 60_000 });
  for (let i = 0; i < 5 && !(await title.isVisible()); i++) {
    await icon.click();
    await title.waitFor({ timeout: 5_000 }).catch(() => undefined);
  }
  await title.waitFor({ timeout: 30_000 });
}

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

/** Launches demo-long, reloads the window, checks it is still running and stops it from the tree. */
async function reloadAndStop(workbench: Workbench, mine: () => number[]): Promise<void> {
  const page = workbench.page;
  await workbench.openRunboard();
  await workbench.runCommand('Runboard: Start Training Run');
  const pick = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'demo-long' });
  await pick.first().waitFor({ timeout: 15_000 });
  await pick.first().click();
  const runRow = workbench
    .runsPane()
    .locator('.monaco-list-row', { hasText: 'demo-long-' })
    .filter({ hasNotText: 'starting' });
  await runRow.first().waitFor({ timeout: 30_000 });
  await waitForLabel(runRow.first(), /, running,/);
  assert.ok(mine().length > 0, 'the run is training');

  await page.reload();
  await workbench.waitReady();
  await showRunboard(page);
  await runRow.first().waitFor({ timeout: 60_000 });
  await waitForLabel(runRow.first(), /, running,/);
  assert.ok(mine().length > 0, 'the reload did not stop the run');

  const restored = await waitForLaunchLog(/demo-long.*re-attached/, 30_000).catch((err: Error) => err.message);
  console.log(`      after the reload: ${restored}`);
  await workbench.screenshot('launch-after-reload');
  // Stop Run from the row's context menu (the row selected first, as a person does); again if a
  // loaded machine lost the click (the launch log says "stopping" when the command ran).
  for (let attempt = 0; attempt < 3; attempt++) {
    await runRow.first().click();
    await runRow.first().click({ button: 'right' });
    const stop = page.locator('.monaco-menu .action-item', { hasText: 'Stop Run' });
    if (
      !(await stop
        .first()
        .waitFor({ timeout: 10_000 })
        .then(
          () => true,
          () => false,
        ))
    ) {
      console.log('      the context menu did not show; again');
      await page.keyboard.press('Escape');
      continue;
    }
    await stop.first().click();
    // When VS Code lost the row in a refresh, the command asks which run (it never guesses).
    const asked = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'demo-long' });
    const stopped = waitForLaunchLog(/: stopping/, 10_000).then(
      () => true,
      () => false,
    );
    if (
      await asked
        .first()
        .waitFor({ timeout: 3_000 })
        .then(
          () => true,
          () => false,
        )
    ) {
      console.log('      Stop Run asked which run');
      await asked.first().click();
    }
    if (await stopped) {
      break;
    }
  }
  await waitForLabel(runRow.first(), /, stopped,/).catch(async (err: Error) => {
    const toasts = await page.locator('.notification-toast').allTextContents();
    throw new Error(`${err.message}\nnotifications: ${toasts.join(' | ')}\n${launchLogLines().join('\n')}`);
  });
  const deadline = Date.now() + 20_000;
  while (mine().length > 0 && Date.now() < deadline) {
    await page.waitForTimeout(100);
  }
  assert.deepEqual(mine(), [], 'Stop ended the whole process tree');
}

describe('Launch a training run (e2e)', function () {
  this.timeout(180_000);

  before(() => {
    const { workspace } = e2e();
    fs.writeFileSync(path.join(workspace, 'e2e_train.py'), TRAIN_PY);
    fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    const program = '${workspaceFolder}/e2e_train.py';
    const configurations = [
      // ~60 s: long enough to open its dashboard and see it grow on a busy machine (the first
      // chart has taken 20-30 s to show there).
      { name: 'demo-train', program, args: ['240'], runsDir: 'experiments' },
      { name: 'demo-long', program, args: ['400'], runsDir: 'experiments' },
    ];
    fs.writeFileSync(path.join(workspace, '.vscode', 'runboard.json'), JSON.stringify({ configurations }, null, 2));
  });

  after(() => {
    // The demo runs may outlive the suite (code-server leaves task processes behind): end ours.
    for (const pid of trainingProcesses(path.join(e2e().workspace, 'e2e_train.py'))) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  });

  it('starts a run from the palette and its chart grows live', async () => {
    const { workbench } = e2e();
    const page = workbench.page;
    await workbench.openRunboard();
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'demo-train' });
    await workbench.inQuickPick(
      async () => {
        await workbench.runCommand('Runboard: Start Training Run');
        await row.first().waitFor({ timeout: 15_000 });
      },
      () => row.first().click({ timeout: 5_000 }),
    );
    const runRow = workbench
      .runsPane()
      .locator('.monaco-list-row', { hasText: 'demo-train-' })
      .filter({ hasNotText: 'starting' });
    await runRow.first().waitFor({ timeout: 30_000 });
    await runRow.first().click();
    const frame = await workbench
      .webviewFrame('body:has(.run-header h1[title*="/demo-train-"]) .chart-card[data-metric="loss"]')
      .catch(async (err: Error) => {
        await workbench.screenshot('launch-no-chart');
        throw err;
      });
    const before = await waitForLoss(frame, 1);
    const later = await waitForLoss(frame, before + 8);
    assert.ok(later > before, `the chart grew: ${before} → ${later}`);
    console.log(`      loss chart: ${before} → ${later} points`);
    await workbench.screenshot('launch-dark');
    await expectLiveLeaf(workbench, runRow.first());
  });

  it('keeps a launched run running through a window reload; Stop in the tree still ends it', async () => {
    const { workbench, workspace } = e2e();
    // This run's processes (the workspace is a fresh folder): the wrapper shells, script and python.
    const mine = () => trainingProcesses(`${path.join(workspace, 'e2e_train.py')} 400`);
    try {
      await reloadAndStop(workbench, mine);
    } finally {
      // Whatever failed, leave no process of this test behind.
      for (const pid of mine()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    }
  });

  it('saw no console error or CSP violation in a Runboard webview', () => {
    assert.deepEqual(e2e().workbench.webviewProblems, []);
  });
});
