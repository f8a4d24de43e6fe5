// Commands on runs from the tree's context menu and inline actions.
import * as vscode from 'vscode';
import type { RunStore } from '../../core/runs/runStore';
import type { RunState } from '../../core/runs/runState';
import { OPEN_ARTIFACT_COMMAND, openArtifact } from '../openArtifact';
import type { RunsViewState, RunSort } from '../views/runsViewState';
import { PREVIEW_RUN_COMMAND } from './internalCommands';
import { runsFromArgs } from './runTargets';
import { deleteRefusal } from '../../core/runs/deleteGuard';

export function registerRunCommands(
  store: RunStore,
  viewState: RunsViewState,
  openDashboard: (runId: string, preserveFocus: boolean) => unknown,
  /** The run row a click selected in the Runs view, if exactly one. */
  selectedRun: () => Promise<string | undefined>,
): vscode.Disposable[] {
  const onRuns = (fn: (runs: RunState[]) => unknown) => (clicked: unknown, selected: unknown) => {
    const runs = runsFromArgs(store, clicked, selected);
    if (runs.length === 0) {
      void vscode.window.showInformationMessage('Runboard: select a run in the Runs view first.');
      return;
    }
    return fn(runs);
  };
  return [
    // Internal (not in the palette): what a Files row of the tree does when clicked.
    vscode.commands.registerCommand(OPEN_ARTIFACT_COMMAND, (file: unknown) =>
      typeof file === 'string' ? openArtifact(file) : undefined,
    ),
    // A row's click (no arguments: see runItems.ts) opens the row it selected; a caller may name the run.
    vscode.commands.registerCommand(PREVIEW_RUN_COMMAND, async (runId: unknown) => {
      const id = typeof runId === 'string' ? runId : await selectedRun();
      return id ? openDashboard(id, true) : undefined;
    }),
    vscode.commands.registerCommand(
      'runboard.openRun',
      onRuns((runs) => runs.forEach((r) => openDashboard(r.id, false))),
    ),
    vscode.commands.registerCommand(
      'runboard.revealRun',
      onRuns((runs) => openRunFolder(runs[0])),
    ),
    vscode.commands.registerCommand(
      'runboard.copyRunPath',
      onRuns((runs) => vscode.env.clipboard.writeText(runs.map((r) => r.file ?? r.dir).join('\n'))),
    ),
    vscode.commands.registerCommand(
      'runboard.openRunInTerminal',
      onRuns((runs) => vscode.window.createTerminal({ name: `Run: ${runs[0].name}`, cwd: runs[0].dir }).show()),
    ),
    vscode.commands.registerCommand(
      'runboard.pinRun',
      onRuns((runs) => Promise.all(runs.map((r) => viewState.setPinned(r.id, true)))),
    ),
    vscode.commands.registerCommand(
      'runboard.unpinRun',
      onRuns((runs) => Promise.all(runs.map((r) => viewState.setPinned(r.id, false)))),
    ),
    vscode.commands.registerCommand(
      'runboard.deleteRun',
      onRuns((runs) => deleteRuns(store, runs)),
    ),
    vscode.commands.registerCommand('runboard.sortRuns', () => pickSort(viewState)),
    vscode.commands.registerCommand('runboard.filterRuns', () => askFilter(viewState)),
    vscode.commands.registerCommand('runboard.clearFilter', () => viewState.setFilter('')),
  ];
}

async function openRunFolder(run: RunState): Promise<void> {
  const uri = vscode.Uri.file(run.file ?? run.dir);
  if (vscode.workspace.getWorkspaceFolder(uri)) {
    await vscode.commands.executeCommand('revealInExplorer', uri);
  } else if (run.file) {
    await vscode.commands.executeCommand('vscode.open', uri);
  } else {
    await vscode.commands.executeCommand('revealFileInOS', uri);
  }
}

async function deleteRuns(store: RunStore, picked: RunState[]): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const all = store.all();
  const refused = picked.flatMap((run) => {
    const reason = deleteRefusal(run, all, folders);
    return reason ? [`"${run.name}" (${reason})`] : [];
  });
  if (refused.length > 0) {
    void vscode.window.showErrorMessage(
      `Runboard: not moved to the trash: ${refused.join('; ')}. Use the Explorer if you mean it.`,
    );
  }
  const runs = picked.filter((run) => !deleteRefusal(run, all, folders));
  if (runs.length === 0) {
    return;
  }
  const what = runs.length === 1 ? `the run "${runs[0].name}"` : `${runs.length} runs`;
  const paths = runs.map((r) => r.file ?? r.dir).join('\n');
  const choice = await vscode.window.showWarningMessage(
    `Move ${what} to the trash?`,
    { modal: true, detail: `These are moved to the trash (they can be restored from there):\n${paths}` },
    'Move to Trash',
  );
  if (choice !== 'Move to Trash') {
    return;
  }
  for (const run of runs) {
    try {
      await vscode.workspace.fs.delete(vscode.Uri.file(run.file ?? run.dir), { recursive: true, useTrash: true });
      store.remove(run.id);
    } catch (err) {
      void vscode.window.showErrorMessage(
        `Runboard: could not move ${run.file ?? run.dir} to the trash: ${String(err)}`,
      );
    }
  }
}

async function pickSort(viewState: RunsViewState): Promise<void> {
  const items: (vscode.QuickPickItem & { sort: RunSort })[] = [
    { label: 'Newest first', sort: 'newest' },
    { label: 'Name', sort: 'name' },
    { label: 'Key metric', description: 'best first', sort: 'keyMetric' },
  ];
  for (const item of items) {
    if (item.sort === viewState.sort) {
      item.detail = 'current';
    }
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Sort runs by' });
  if (picked) {
    await viewState.setSort(picked.sort);
  }
}

async function askFilter(viewState: RunsViewState): Promise<void> {
  const value = await vscode.window.showInputBox({
    title: 'Filter runs',
    prompt: 'Text in name, project or folder; also format:<name> and status:<running|finished|failed>',
    value: viewState.filter,
  });
  if (value !== undefined) {
    await viewState.setFilter(value);
  }
}
