// Commands of the Runs view title and welcome content.
import * as vscode from 'vscode';
import type { RunsController } from '../runsController';

export function registerWorkspaceCommands(controller: RunsController, viewId: string): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('runboard.refreshRuns', () => controller.rescan(viewId)),
    vscode.commands.registerCommand('runboard.addRunFolder', () => addRunFolder()),
  ];
}

async function addRunFolder(): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: true,
    openLabel: 'Add Run Folder',
    title: 'Folders to scan for runs (e.g. a shared /data/runs)',
  });
  if (!picked?.length) {
    return;
  }
  const config = vscode.workspace.getConfiguration('runboard');
  const roots = new Set(config.get<string[]>('runRoots') ?? []);
  for (const uri of picked) {
    roots.add(uri.fsPath);
  }
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await config.update('runRoots', [...roots], target);
}
