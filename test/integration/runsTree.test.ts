// The Runs view, live, in a real VS Code: runs appear, grow, vanish, and obey the format switches.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { RunsNode } from '../../src/extension/views/runNodes';
import { runboard, waitFor, workspaceDir } from './api';

function writeLightning(dir: string, rows: string[]): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'metrics.csv'), ['epoch,step,train_loss,val_loss', ...rows].join('\n') + '\n');
}

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

describe('Runs view', function () {
  this.timeout(60_000);
  const created: string[] = [];

  after(async () => {
    for (const dir of created) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await vscode.workspace
      .getConfiguration('runboard')
      .update('sources.lightning', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('shows a run folder created while it watches, and measures how soon', async () => {
    const { controller } = await runboard();
    await controller.rescan('runboard.runs');
    const dir = path.join(workspaceDir(), 'it_logs', 'appear', 'version_0');
    created.push(path.join(workspaceDir(), 'it_logs'));
    const started = Date.now();
    writeLightning(dir, ['0,0,1.5,', '0,9,1.2,1.3']);
    const run = await waitFor('the new run in the store', () => controller.store.all().find((r) => r.dir === dir));
    const latency = Date.now() - started;
    console.log(`      run folder → tree: ${latency} ms`);
    await waitFor('its points', () => run.series.get('val_loss')?.length === 1);
  });

  it('updates the run description when rows are appended', async () => {
    const { controller, tree } = await runboard();
    const dir = path.join(workspaceDir(), 'it_logs', 'appear', 'version_0');
    const run = controller.store.all().find((r) => r.dir === dir);
    assert.ok(run, 'run from the previous test');
    // The row VS Code holds: growth refreshes that element alone (a whole-tree refresh makes VS Code
    // forget every row until it asks again; a context-menu command in that gap lost its row).
    const project = tree.getChildren().find((n) => n.kind === 'project' && n.project === run.project);
    assert.ok(project);
    const row = tree.getChildren(project).find((n) => n.kind === 'run' && n.runId === run.id);
    assert.ok(row);
    const events: (RunsNode[] | undefined)[] = [];
    let lastEvent = Date.now();
    const listening = tree.onDidChangeTreeData((e) => {
      events.push(e === undefined ? e : [e].flat());
      lastEvent = Date.now();
    });
    try {
      // The run's first status change may still be on its way (a whole refresh that takes in any growth).
      await waitFor('a quiet tree', () => Date.now() - lastEvent > 1500);
      events.length = 0;
      fs.appendFileSync(path.join(dir, 'metrics.csv'), '1,19,0.9,0.777\n');
      await waitFor('the appended row', () => run.series.get('val_loss')?.length === 2);
      await waitFor('a refresh of the row', () => events.some((e) => e?.includes(row)), 5_000).catch((err: Error) => {
        throw new Error(`${err.message}; refreshes: ${JSON.stringify(events)}; the row: ${JSON.stringify(row)}`);
      });
    } finally {
      listening.dispose();
    }
    const item = tree.getTreeItem(row);
    assert.match(String(item.description), /val_loss 0\.777/);
  });

  it("opens a run's dashboard from its row with the command that keeps the focus in the tree", async () => {
    const api = await runboard();
    const dir = path.join(workspaceDir(), 'it_logs', 'appear', 'version_0');
    const run = api.controller.store.all().find((r) => r.dir === dir);
    assert.ok(run, 'run from the previous test');
    const command = api.tree.getTreeItem({ kind: 'run', runId: run.id }).command;
    assert.ok(command);
    // No arguments (they would die with each redraw of a live row): it opens the selected row.
    assert.deepEqual([command.command, command.arguments], ['runboard.previewRun', undefined]);
    await vscode.commands.executeCommand(command.command, run.id);
    const panel = await waitFor('the dashboard', () => api.panels.run(run.id));
    // Closed once its page is up (the snapshot went out): closing it mid-open upsets the workbench.
    await waitFor('the snapshot posted', () => (panel.posted.get('snapshot') ?? 0) > 0, 20_000);
    panel.dispose();
  });

  it('removes a run whose folder is deleted', async () => {
    const { controller } = await runboard();
    const dir = path.join(workspaceDir(), 'it_logs', 'appear', 'version_0');
    fs.rmSync(dir, { recursive: true, force: true });
    await waitFor('the run to vanish', () => !controller.store.all().some((r) => r.dir === dir));
  });

  it('hides the runs of a format that is switched off, and shows them again', async () => {
    const { controller } = await runboard();
    const dir = path.join(workspaceDir(), 'it_logs', 'toggle', 'version_0');
    writeLightning(dir, ['0,0,1.0,']);
    await waitFor('the lightning run', () => controller.store.all().some((r) => r.dir === dir));
    const config = vscode.workspace.getConfiguration('runboard');
    await config.update('sources.lightning', false, vscode.ConfigurationTarget.Workspace);
    await waitFor('lightning runs hidden', () => !controller.store.all().some((r) => r.format === 'lightning'));
    await config.update('sources.lightning', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor('lightning runs back', () => controller.store.all().some((r) => r.dir === dir));
  });

  it('opens a text file of a run in an editor (what a Files row does)', async () => {
    await runboard();
    const file = path.join(workspaceDir(), 'open_artifact', 'notes.yaml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'lr: 0.1\n');
    created.push(path.dirname(file));
    await vscode.commands.executeCommand('runboard.openArtifact', file);
    await waitFor('the editor of notes.yaml', () => vscode.window.activeTextEditor?.document.uri.fsPath === file);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('puts a pinned run first in its project (newest first otherwise), and back when unpinned', async () => {
    const { controller, tree } = await runboard();
    const base = path.join(workspaceDir(), 'it_logs', 'pin-project');
    created.push(base);
    const ids: string[] = [];
    for (const [i, name] of ['version_0', 'version_1', 'version_2'].entries()) {
      const dir = path.join(base, name);
      writeLightning(dir, [`0,${i},1,1`]);
      ids.push((await waitFor(name, () => controller.store.all().find((r) => r.dir === dir))).id);
      await new Promise((r) => setTimeout(r, 50)); // distinct times: newest first is version_2
    }
    const order = () => {
      const project = tree.getChildren().find((n) => n.kind === 'project' && n.project === 'pin-project');
      return project ? tree.getChildren(project).flatMap((n) => (n.kind === 'run' ? [n.runId] : [])) : [];
    };
    // Each run read (a run not read yet has no time and sorts last whatever its age).
    await waitFor('the three runs, read', () => {
      const shown = order();
      return shown.length === 3 && shown.every((id) => controller.store.get(id)?.firstSeen !== undefined);
    });
    await waitFor('newest first', () => order().join() === [...ids].reverse().join());
    const oldest = order()[2];
    assert.equal(oldest, ids[0]);
    const rowOf = (id: string): RunsNode => ({ kind: 'run', runId: id });
    await vscode.commands.executeCommand('runboard.pinRun', rowOf(oldest), [rowOf(oldest)]);
    await waitFor('the pinned run first', () => order()[0] === oldest);
    assert.equal(tree.getTreeItem(rowOf(oldest)).contextValue?.includes('pinned'), true, 'its menu offers Unpin');
    // The tooltip lists the key metric first, with its best value (lower is better for a loss) and step.
    const tooltip = (tree.getTreeItem(rowOf(oldest)).tooltip as vscode.MarkdownString).value;
    assert.match(
      tooltip,
      /\n`val\\_loss`: last 1, best 1 @ 0 {2}\n`train\\_loss`: last 1, best 1 @ 0 {2}\n`epoch`: last 0\n/,
      tooltip,
    );
    await vscode.commands.executeCommand('runboard.unpinRun', rowOf(oldest), [rowOf(oldest)]);
    await waitFor('back in its place', () => order()[2] === oldest);
  });

  it('shows a hostile folder name as plain text', async () => {
    const { controller, tree } = await runboard();
    const name = '<img src=x onerror=alert(1)> "q" 🚀 a b';
    const file = path.join(workspaceDir(), 'it_logs', name, 'metrics.jsonl');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"step": 1, "loss": 0.5}\n');
    const run = await waitFor('the hostile run', () => controller.store.all().find((r) => r.file === file));
    const runNode: RunsNode = { kind: 'run', runId: run.id };
    const item = tree.getTreeItem(runNode);
    assert.equal(label(item), run.name);
    assert.ok(
      run.name.includes('<img') || run.project.includes('<img'),
      `name "${run.name}", project "${run.project}"`,
    );
    const projectNode = tree.getParent(runNode);
    assert.ok(projectNode && tree.getChildren(projectNode).some((n) => n.kind === 'run' && n.runId === run.id));
    const tooltip = item.tooltip as vscode.MarkdownString;
    assert.equal(tooltip.isTrusted, false);
    assert.ok(!/(^|[^\\])<img/.test(tooltip.value), `markdown tooltip escapes the name: ${tooltip.value}`);
  });
});
