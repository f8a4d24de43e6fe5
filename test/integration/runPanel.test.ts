// The run dashboard's wiring in a real VS Code: one panel per run (opening again reveals it), the
// ready handshake brings the snapshot, appended rows are streamed as appends.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { runboard, waitFor, workspaceDir } from './api';

describe('Run dashboard', function () {
  this.timeout(60_000);
  let dir: string;
  let runId: string;

  before(async () => {
    const { controller } = await runboard();
    dir = path.join(workspaceDir(), 'panel_logs', 'dash', 'version_0');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'metrics.csv'), 'epoch,step,train_loss\n0,0,1.0\n0,1,0.9\n');
    runId = (await waitFor('the run', () => controller.store.all().find((r) => r.dir === dir))).id;
  });

  after(() => {
    void runboard().then((api) => api.panels.run(runId)?.dispose());
    fs.rmSync(path.join(workspaceDir(), 'panel_logs'), { recursive: true, force: true });
  });

  it('opens one panel per run, and opening again reveals it', async () => {
    const api = await runboard();
    await vscode.commands.executeCommand('runboard.openRun', runId);
    const panel = await waitFor('the panel', () => api.panels.run(runId));
    await vscode.commands.executeCommand('runboard.openRun', runId);
    assert.equal(api.panels.run(runId), panel);
    const dashboards = () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('runboard.runDashboard'));
    await waitFor('the dashboard tab', () => dashboards().length > 0);
    assert.equal(
      dashboards().length,
      1,
      dashboards()
        .map((t) => t.label)
        .join(', '),
    );
  });

  it('answers the ready handshake with a snapshot', async () => {
    const api = await runboard();
    const panel = await waitFor('the panel', () => api.panels.run(runId));
    await waitFor('ready', () => panel.isReady);
    await waitFor('a snapshot', () => (panel.posted.get('snapshot') ?? 0) >= 1);
  });

  it('streams appended rows as appends, not snapshots', async () => {
    const api = await runboard();
    const panel = api.panels.run(runId);
    assert.ok(panel);
    const snapshots = panel.posted.get('snapshot') ?? 0;
    const appends = panel.posted.get('append') ?? 0;
    fs.appendFileSync(path.join(dir, 'metrics.csv'), '0,2,0.8\n');
    await waitFor('an append', () => (panel.posted.get('append') ?? 0) > appends);
    assert.equal(panel.posted.get('snapshot') ?? 0, snapshots);
  });
});
