// Activation: wires the run store, the Runs view and the commands. Everything registered here lives
// until deactivation (context.subscriptions).
import * as vscode from 'vscode';
import { openCheckpointPath, registerCheckpointInspector } from './checkpoints/checkpointInspector';
import { registerLaunch } from './launch/registerLaunch';
import { registerCompareCommands } from './commands/compareCommands';
import { registerRunCommands } from './commands/runCommands';
import { ComparePanel } from './panels/comparePanel';
import { RUN_PANEL_VIEW_TYPE, RunPanel } from './panels/runPanel';
import type { RunViewState } from '../shared/runProtocol';
import { registerWorkspaceCommands } from './commands/workspaceCommands';
import { RunsController } from './runsController';
import { LiveStatusBar } from './views/liveStatusBar';
import type { RunsNode } from './views/runNodes';
import { RunsTreeProvider } from './views/runsTree';
import { RunsViewState } from './views/runsViewState';
import { clickedRow, registerRowClicks } from './views/rowClicks';

const RUNS_VIEW = 'runboard.runs';

/** What activate() hands back: the in-VS-Code tests use it to reach the store. */
export interface RunboardApi {
  controller: RunsController;
  tree: RunsTreeProvider;
  /** The open panels (tests reach them here: their own imports would be other module instances). */
  panels: { run(runId: string): RunPanel | undefined; compare(): ComparePanel | undefined };
}

export function activate(context: vscode.ExtensionContext): RunboardApi {
  const controller = new RunsController(RUNS_VIEW);
  const viewState = new RunsViewState(context.workspaceState);
  const tree = new RunsTreeProvider(controller.store, viewState);
  const view = vscode.window.createTreeView(RUNS_VIEW, {
    treeDataProvider: tree,
    showCollapseAll: true,
    canSelectMany: true,
  });
  tree.setVisibility(() => view.visible);
  // The selection as last reported (Stop Run / Re-run offer it first when they come without a row).
  // `view.selection` is resolved when read and can come back empty while a refresh re-resolves rows.
  let selected: readonly RunsNode[] = [];
  context.subscriptions.push(
    view.onDidChangeSelection((e) => (selected = e.selection)),
    controller,
    viewState,
    new LiveStatusBar(controller.store),
    tree,
    view,
    ...registerWorkspaceCommands(controller, RUNS_VIEW),
    ...registerRunCommands(
      controller.store,
      viewState,
      (runId, preserveFocus) => RunPanel.show(context.extensionUri, controller.store, runId, preserveFocus),
      async () => {
        const row = await clickedRow(view, () => selected);
        return row?.kind === 'run' ? row.runId : undefined;
      },
    ),
    registerRowClicks(controller.store, () => clickedRow(view, () => selected), openCheckpointPath),
    ...registerCompareCommands(context, controller.store, () => controller.rescanDone()),
    vscode.window.registerWebviewPanelSerializer(RUN_PANEL_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: RunViewState | undefined) {
        // The run may not be found yet right after a reload: wait for the first scan.
        await controller.rescanDone();
        RunPanel.revive(panel, context.extensionUri, controller.store, state);
      },
    }),
    vscode.commands.registerCommand('runboard.openCheckpoint', (file: string) => openCheckpointPath(file)),
  );
  registerCheckpointInspector(context, controller.store);
  registerLaunch(context, controller, tree, () => selected);
  void controller.rescan(RUNS_VIEW);
  return { controller, tree, panels: { run: (id) => RunPanel.get(id), compare: () => ComparePanel.open } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
