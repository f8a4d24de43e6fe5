// Compare Runs in a real VS Code: the command opens the panel with the runs given; adding and removing
// runs updates it; a zoomed chart's range request is answered with every point of each run in the window;
// same-named runs get distinct labels.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { bucketsFor } from '../../src/shared/compareProtocol';
import { runboard, waitFor, workspaceDir } from './api';

function writeRun(name: string, lr: number, points = 2): string {
  const dir = path.join(workspaceDir(), 'cmp_logs', name, 'version_0');
  fs.mkdirSync(dir, { recursive: true });
  const rows = ['epoch,step,train_loss'];
  for (let i = 0; i < points; i++) {
    rows.push(`0,${i},${(1 / (1 + i / 100) + lr * Math.sin(i)).toFixed(6)}`);
  }
  fs.writeFileSync(path.join(dir, 'metrics.csv'), rows.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'hparams.yaml'), `lr: ${lr}\n`);
  return dir;
}

describe('Compare Runs', function () {
  this.timeout(60_000);
  const ids: string[] = [];

  before(async () => {
    const { controller } = await runboard();
    for (const [name, lr] of [
      ['a', 0.1],
      ['b', 0.2],
      ['c', 0.3],
    ] as const) {
      const dir = writeRun(name, lr);
      const run = await waitFor(`run ${name}`, () => controller.store.all().find((r) => r.dir === dir));
      ids.push(run.id);
    }
  });

  after(() => {
    void runboard().then((api) => api.panels.compare()?.dispose());
    fs.rmSync(path.join(workspaceDir(), 'cmp_logs'), { recursive: true, force: true });
  });

  it('opens the panel with the runs passed to the command', async () => {
    await vscode.commands.executeCommand('runboard.compareRuns', ids.slice(0, 2));
    const api = await runboard();
    const panel = await waitFor('the compare panel', () => api.panels.compare());
    assert.deepEqual([...panel.runs], ids.slice(0, 2));
    await waitFor('the webview ready handshake', () => panel.isReady);
  });

  it('adds a run with "Add to Comparison" and removes one when its folder goes', async () => {
    await vscode.commands.executeCommand('runboard.addToComparison', ids[2]);
    const panel = (await runboard()).panels.compare();
    assert.ok(panel);
    assert.deepEqual([...panel.runs], ids);
    fs.rmSync(path.join(workspaceDir(), 'cmp_logs', 'a'), { recursive: true, force: true });
    await waitFor('run a to leave the comparison', () => !panel.runs.includes(ids[0]));
    assert.equal(panel.panel.title, 'Compare 2 Runs');
    assert.deepEqual([...panel.labels().values()], ['version_0 (b)', 'version_0 (c)']);
  });

  it('compares the rows selected in the tree, and adds a row to the open panel (a new snapshot is posted)', async () => {
    const { tree } = await runboard();
    const rowOf = (id: string) => {
      for (const project of tree.getChildren().filter((n) => n.kind === 'project')) {
        const row = tree.getChildren(project).find((n) => n.kind === 'run' && n.runId === id);
        if (row) {
          return row;
        }
      }
      return undefined;
    };
    const [b, c] = [ids[1], ids[2]];
    const rowB = await waitFor('the row of b', () => rowOf(b));
    const rowC = await waitFor('the row of c', () => rowOf(c));
    // As VS Code calls a context-menu command on a multi-selection: the clicked row, then all selected.
    await vscode.commands.executeCommand('runboard.compareSelected', rowC, [rowB, rowC]);
    const api = await runboard();
    const panel = await waitFor('a panel with b and c', () => {
      const p = api.panels.compare();
      return p && p.runs.length === 2 && p.runs.includes(b) && p.runs.includes(c) ? p : undefined;
    });
    await waitFor('the webview ready handshake', () => panel.isReady);
    const snapshots = panel.posted.get('snapshot') ?? 0;
    const d = writeRun('d', 0.4);
    const run = await waitFor('run d', () => api.controller.store.all().find((r) => r.dir === d));
    const rowD = await waitFor('the row of d', () => rowOf(run.id));
    await vscode.commands.executeCommand('runboard.addToComparison', rowD, [rowD]);
    await waitFor('d in the panel', () => panel.runs.includes(run.id));
    await waitFor('a new snapshot for the webview', () => (panel.posted.get('snapshot') ?? 0) > snapshots);
    assert.equal(panel.runs.length, 3);
  });

  it('answers a range request with every point of both runs inside the window', async () => {
    const api = await runboard();
    const { controller } = api;
    const big: string[] = [];
    for (const name of ['big1', 'big2']) {
      const dir = writeRun(name, 0.1, 12_000);
      const run = await waitFor(
        `run ${name} read in full`,
        () => controller.store.all().find((r) => r.dir === dir && r.series.get('train_loss')?.length === 12_000),
        30_000,
      );
      big.push(run.id);
    }
    await vscode.commands.executeCommand('runboard.compareRuns', big);
    const panel = await waitFor('the compare panel with the big runs', () => {
      const p = api.panels.compare();
      return p && p.runs.length === 2 && p.runs.every((id) => big.includes(id)) ? p : undefined;
    });
    await waitFor('the webview ready handshake', () => panel.isReady);
    const data = panel.range({
      type: 'requestRange',
      requestId: 1,
      metric: 'train_loss',
      runIds: big,
      xAxis: 'step',
      xMin: 5000,
      xMax: 6999,
      buckets: bucketsFor(2),
    });
    assert.deepEqual(
      data.map((d) => d.runId),
      big,
    );
    for (const d of data) {
      assert.equal(d.full, true, 'every point in the window');
      // 2000 steps in the window, plus one point either side so the line reaches the edges.
      assert.equal(d.steps.length, 2002);
      assert.deepEqual([d.steps[1], d.steps[2000]], [5000, 6999]);
    }
    // Outside a zoom the same two runs are decimated: 12k points do not fit 1000 buckets.
    const whole = panel.range({
      type: 'requestRange',
      requestId: 2,
      metric: 'train_loss',
      runIds: big,
      xAxis: 'step',
      xMin: -Infinity,
      xMax: Infinity,
      buckets: bucketsFor(2),
    });
    assert.ok(whole.every((d) => !d.full && d.steps.length <= 4000));
    assert.deepEqual([...panel.labels().values()], ['version_0 (big1)', 'version_0 (big2)']);
  });

  it('sends points appended to a compared run, batched into append messages', async () => {
    const panel = (await runboard()).panels.compare();
    assert.ok(panel);
    const before = panel.posted.get('append') ?? 0;
    const file = path.join(workspaceDir(), 'cmp_logs', 'big1', 'version_0', 'metrics.csv');
    fs.appendFileSync(file, '0,12000,0.5\n0,12001,0.4\n');
    await waitFor('an append message', () => (panel.posted.get('append') ?? 0) > before, 20_000);
    const big1 = (await runboard()).controller.store.all().find((r) => r.dir === path.dirname(file));
    assert.equal(big1?.series.get('train_loss')?.length, 12_002);
  });
});
