// The "Start Training Run" picker: one row per launch configuration (with its remembered overrides and
// an "edit overrides" button), "Run this Python file", and editing/creating the launch file.
import * as vscode from 'vscode';
import type { LaunchConfig } from '../../core/launch/launchConfig';
import { buildLaunchSpec, commandText, parseOverrides } from '../../core/launch/launchSpec';
import type { FolderConfigs } from './launchFiles';
import type { LaunchedRun } from './launchedRun';

export type PickResult =
  | { kind: 'config'; folder: vscode.WorkspaceFolder; config: LaunchConfig; editOverrides: boolean }
  | { kind: 'pythonFile' }
  | { kind: 'editFile'; folder: vscode.WorkspaceFolder };

interface Row extends vscode.QuickPickItem {
  result: PickResult;
}

const EDIT_BUTTON: vscode.QuickInputButton = {
  iconPath: new vscode.ThemeIcon('edit'),
  tooltip: 'Edit overrides (args, NAME=value env), then run',
};

export function pickLaunch(
  files: FolderConfigs[],
  remembered: (config: string) => string,
  pythonFile: string | undefined,
): Promise<PickResult | undefined> {
  const rows: Row[] = [];
  const several = files.length > 1;
  for (const f of files) {
    for (const config of f.configurations ?? []) {
      const overrides = remembered(config.name);
      rows.push({
        label: `$(play) ${config.name}`,
        description: describe(config, f.folder, several),
        detail: overrides ? `Overrides: ${overrides}` : undefined,
        buttons: [EDIT_BUTTON],
        result: { kind: 'config', folder: f.folder, config, editOverrides: false },
      });
    }
  }
  if (pythonFile) {
    rows.push({
      label: '$(file-code) Run this Python file with Runboard',
      description: vscode.workspace.asRelativePath(pythonFile),
      result: { kind: 'pythonFile' },
    });
  }
  for (const f of files) {
    const label = f.configurations ? 'Edit launch configurations' : 'Create launch configurations';
    rows.push({
      label: `$(gear) ${label}`,
      description: several ? `${f.folder.name}/.vscode/runboard.json` : '.vscode/runboard.json',
      result: { kind: 'editFile', folder: f.folder },
    });
  }
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<Row>();
    pick.title = 'Runboard: Start Training Run';
    pick.placeholder = 'Pick a launch configuration (the pencil edits its overrides first)';
    pick.items = rows;
    let done = false;
    const finish = (result: PickResult | undefined) => {
      if (done) {
        return;
      }
      done = true;
      resolve(result);
      pick.dispose();
    };
    pick.onDidAccept(() => finish(pick.selectedItems[0]?.result));
    pick.onDidTriggerItemButton((e) => {
      const r = e.item.result;
      finish(r.kind === 'config' ? { ...r, editOverrides: true } : r);
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}

/** Asks for the overrides (pre-filled with the remembered ones); undefined when cancelled. */
export function askOverrides(config: LaunchConfig, current: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `Runboard: overrides for "${config.name}"`,
    value: current,
    prompt:
      'Extra arguments (e.g. lr=0.001 --epochs 3); NAME=value with an upper-case NAME sets an environment variable',
    placeHolder: 'lr=0.001 --batch-size 64 CUDA_VISIBLE_DEVICES=1',
  });
}

function describe(config: LaunchConfig, folder: vscode.WorkspaceFolder, several: boolean): string {
  const spec = buildLaunchSpec(config, parseOverrides(''), {
    workspaceFolder: folder.uri.fsPath,
    env: process.env,
    runId: '',
    runName: '',
    wandbOffline: false,
  });
  const text = commandText(spec.command);
  return several ? `${folder.name}: ${text}` : text;
}

/**
 * Asks which launched run a command is for (newest first, `preferred` on top). Undefined when the user
 * leaves, or when there is none (said in a message).
 */
export async function pickLaunched(
  launches: readonly LaunchedRun[],
  preferred: LaunchedRun | undefined,
  title: string,
  none: string,
): Promise<LaunchedRun | undefined> {
  if (launches.length === 0) {
    void vscode.window.showInformationMessage(`Runboard: ${none}`);
    return undefined;
  }
  const ordered = [...launches].sort(
    (a, b) => Number(b === preferred) - Number(a === preferred) || b.launchedAt - a.launchedAt,
  );
  const picked = await vscode.window.showQuickPick(
    ordered.map((launch) => ({
      label: launch.runName,
      description: launch.phase,
      detail: commandText(launch.spec.command),
      launch,
    })),
    { title: `Runboard: ${title}`, placeHolder: 'Runs started by Runboard' },
  );
  return picked?.launch;
}
