// The run dashboard's wiring in a real VS Code: one panel per run (opening again reveals it), the
// ready handshake brings the snapshot, appended rows are streamed as appends.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { RunToWebview } from '../../src/shared/runProtocol';
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

describe('Run dashboard: console, histograms, checkpoints', function () {
  this.timeout(60_000);
  let dir: string;
  let log: string;
  let checkpoint: string;
  let runId: string;
  type Snapshot = Extract<RunToWebview, { type: 'snapshot' }>;

  before(async () => {
    const { controller } = await runboard();
    const root = path.join(workspaceDir(), 'panel_extras');
    dir = path.join(root, 'lightning_logs', 'extras', 'version_0');
    checkpoint = path.join(dir, 'checkpoints', 'epoch=0-step=1.ckpt');
    fs.mkdirSync(path.dirname(checkpoint), { recursive: true });
    fs.writeFileSync(checkpoint, 'not a real checkpoint');
    fs.writeFileSync(path.join(dir, 'metrics.csv'), 'epoch,step,train_loss\n0,0,1.0\n0,1,0.9\n');
    // Outside the run folder, as a launched run's task output is.
    log = path.join(root, 'task-output.log');
    fs.writeFileSync(log, '\x1b[32mstarting\x1b[0m\n\r 1/3\r 2/3\r 3/3\n');
    const run = await waitFor('the run and its checkpoint', () =>
      controller.store.all().find((r) => r.dir === dir && r.checkpoints.length > 0),
    );
    runId = run.id;
    // Images: one in the run folder, one reached by `..`, one symlink in the folder pointing out.
    const outside = path.join(root, 'outside.png');
    fs.writeFileSync(outside, 'png');
    fs.writeFileSync(path.join(dir, 'inside.png'), 'png');
    fs.symlinkSync(outside, path.join(dir, 'link.png'));
    const image = (file: string) => ({
      tag: path.basename(file),
      mime: 'image/png',
      source: { kind: 'file' as const, path: file },
    });
    // What a launched run and the TensorBoard reader would add: a log file and histograms.
    controller.store.applyExternal(run.id, { artifacts: { files: [{ path: log, role: 'log' }] } });
    run.apply({
      artifacts: {
        checkpoints: [],
        files: [],
        images: [
          image(path.join(dir, 'inside.png')),
          image(path.join(dir, '..', '..', '..', 'outside.png')),
          image(path.join(dir, 'link.png')),
        ],
      },
    });
    run.apply({
      histograms: new Map([
        [
          'weights/fc',
          [
            { step: 0, wallTime: NaN, buckets: Float64Array.from([-1, 0, 4, 0, 1, 4]) },
            { step: 10, wallTime: NaN, buckets: Float64Array.from([-2, 0, 5, 0, 2, 5]) },
          ],
        ],
      ]),
    });
  });

  after(() => {
    void runboard().then((api) => api.panels.run(runId)?.dispose());
    fs.rmSync(path.join(workspaceDir(), 'panel_extras'), { recursive: true, force: true });
  });

  async function snapshot(): Promise<Snapshot> {
    const api = await runboard();
    await vscode.commands.executeCommand('runboard.openRun', runId);
    const panel = await waitFor('the panel', () => api.panels.run(runId));
    return (await waitFor('a snapshot', () => panel.lastPosted.get('snapshot'))) as Snapshot;
  }

  it('carries the log tail (ANSI stripped, progress collapsed), even from outside the run folder', async () => {
    const snap = await snapshot();
    assert.equal(snap.logFile, log);
    assert.equal(snap.logTail, 'starting\n 3/3');
  });

  it('streams new console output as a log message', async () => {
    const api = await runboard();
    const panel = api.panels.run(runId);
    assert.ok(panel);
    fs.appendFileSync(log, 'epoch 2 done\n');
    // A metrics row makes the run change, which re-reads the log.
    fs.appendFileSync(path.join(dir, 'metrics.csv'), '0,2,0.8\n');
    const message = await waitFor('the log message', () => {
      const m = panel.lastPosted.get('log');
      return m?.type === 'log' && m.logTail.endsWith('epoch 2 done') ? m : undefined;
    });
    assert.equal(message.logTail, 'starting\n 3/3\nepoch 2 done');
  });

  it('carries the histograms the store has, re-binned to 30 bins over one range', async () => {
    const snap = await snapshot();
    assert.equal(snap.histograms.length, 1);
    const h = snap.histograms[0];
    assert.equal(h.tag, 'weights/fc');
    assert.deepEqual(h.steps, [0, 10]);
    assert.deepEqual([h.min, h.max, h.bins], [-2, 2, 30]);
    const total = (row: number) => Array.from(h.counts.subarray(row * 30, row * 30 + 30)).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(total(0) - 8) < 1e-9 && Math.abs(total(1) - 10) < 1e-9);
  });

  it('serves only the images inside the run folder; `..` and a symlink out are refused, said on the image', async () => {
    const snap = await snapshot();
    const byTag = new Map(snap.images.map((i) => [i.tag, i]));
    assert.match(byTag.get('inside.png')?.src ?? '', /inside\.png/);
    for (const tag of ['outside.png', 'link.png']) {
      assert.equal(byTag.get(tag)?.src, undefined, tag);
      assert.match(byTag.get(tag)?.error ?? '', /refused: .* is outside the run folder/, tag);
    }
  });

  it('marks checkpoints with their step in the files list', async () => {
    const snap = await snapshot();
    const entry = snap.files.find((f) => f.path === checkpoint);
    assert.equal(entry?.kind, 'checkpoint');
    assert.equal(entry?.step, 1);
  });

  it("refuses to open a checkpoint that is not one of the run's, and opens one that is", async () => {
    const api = await runboard();
    const panel = api.panels.run(runId);
    assert.ok(panel);
    assert.equal(await panel.openCheckpoint(path.join(dir, 'metrics.csv')), false);
    assert.equal(await panel.openCheckpoint('/etc/passwd'), false);
    assert.equal(await panel.openCheckpoint(checkpoint), true);
    const label = path.basename(checkpoint);
    await waitFor('the inspector tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === label),
    );
  });
});
