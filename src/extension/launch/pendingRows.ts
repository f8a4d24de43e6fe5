// The Runs view's "starting…" rows: launched runs whose run folder has not been found yet.
import * as vscode from 'vscode';
import { commandText } from '../../core/launch/launchSpec';
import type { PendingRows } from '../views/runsTree';
import type { LaunchManager } from './launchManager';

export function pendingRows(manager: LaunchManager): PendingRows {
  const changed = new vscode.EventEmitter<void>();
  manager.onDidChange(() => changed.fire());
  const visible = () => manager.all().filter((l) => !l.runId && !l.notified);
  return {
    onDidChange: changed.event,
    ids: () => visible().map((l) => l.launchId),
    item: (id) => {
      const launch = manager.get(id);
      const item = new vscode.TreeItem(launch?.runName ?? id, vscode.TreeItemCollapsibleState.None);
      item.id = `launch:${id}`;
      if (!launch) {
        return item;
      }
      const ended = launch.ended;
      item.description = ended ? `${launch.phase}, waiting for its run folder…` : 'starting…';
      item.iconPath = new vscode.ThemeIcon(ended ? 'watch' : 'loading~spin');
      item.contextValue = ended ? 'launch.ended' : 'launch.pending';
      item.tooltip = `${commandText(launch.spec.command)}\nin ${launch.spec.cwd}\nruns appear under ${launch.spec.runsDirs.join(', ')}`;
      item.accessibilityInformation = { label: `${launch.runName}, ${item.description}` };
      return item;
    },
  };
}
