// Compare Runs: from the palette (a multi-select pick that remembers the last selection), from the
// tree's selection, and "Add to Comparison" on any run.
import * as vscode from 'vscode';
import type { RunStore } from '../../core/runs/runStore';
import type { CompareViewState } from '../../shared/compareProtocol';
import { COMPARE_VIEW_TYPE, ComparePanel } from '../panels/comparePanel';
import { pickRuns } from './pickRuns';
import { runsFromArgs } from './runTargets';

const LAST_SELECTION = 'runboard.compare.lastSelection';

export function registerCompareCommands(
  context: vscode.ExtensionContext,
  store: RunStore,
  whenReady: () => Promise<void>,
): vscode.Disposable[] {
  ComparePanel.remember = (runIds) => void context.workspaceState.update(LAST_SELECTION, runIds);
  const open = (runIds: string[], replace = true) => ComparePanel.show(context.extensionUri, store, runIds, replace);
  return [
    vscode.commands.registerCommand('runboard.compareRuns', async (preselected?: string[]) => {
      if (Array.isArray(preselected) && preselected.length > 0) {
        return open(preselected);
      }
      const last = context.workspaceState.get<string[]>(LAST_SELECTION, []);
      const picked = await pickRuns(store, 'Compare runs', last);
      if (picked && picked.length > 0) {
        open(picked);
      }
      return undefined;
    }),
    vscode.commands.registerCommand('runboard.compareSelected', (clicked: unknown, selected: unknown) => {
      const runs = runsFromArgs(store, clicked, selected);
      if (runs.length > 0) {
        open(runs.map((r) => r.id));
      }
    }),
    vscode.commands.registerCommand('runboard.addToComparison', (clicked: unknown, selected: unknown) => {
      const runs = runsFromArgs(store, clicked, selected);
      if (runs.length > 0) {
        open(
          runs.map((r) => r.id),
          false,
        );
      }
    }),
    vscode.window.registerWebviewPanelSerializer(COMPARE_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: CompareViewState | undefined) {
        await whenReady();
        ComparePanel.revive(panel, context.extensionUri, store, state);
      },
    }),
  ];
}
