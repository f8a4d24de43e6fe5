// Compare Runs in a real VS Code: the command opens the panel with the runs given; adding and removing
// runs updates it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { runboard, waitFor, workspaceDir } from './api';

function writeRun(name: string, lr: number): string {
  const dir = path.join(workspaceDir(), 'cmp_logs', name, 'version_0');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'metrics.csv'), 'epoch,step,train_loss\n0,0,1.0\n0,1,0.8\n');
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
  });
});
