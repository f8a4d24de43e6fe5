// The notification shown when a launched run ends (text: core/launch/endNotice), with "Open".
import * as vscode from 'vscode';
import { endNotice } from '../../core/launch/endNotice';
import type { RunState } from '../../core/runs/runState';
import { keyMetricText } from '../views/runItems';
import type { LaunchedRun } from './launchedRun';

export function notifyEnd(launch: LaunchedRun, run: RunState | undefined): void {
  const notice = endNotice({
    phase: launch.phase,
    name: run?.name ?? launch.runName,
    exitCode: launch.exitCode,
    metric: run ? keyMetricText(run) : '',
    ...(run ? {} : { missingUnder: launch.spec.runsDirs }),
  });
  if (!notice) {
    return;
  }
  const shown =
    notice.severity === 'error'
      ? vscode.window.showErrorMessage(notice.text, ...notice.actions)
      : vscode.window.showInformationMessage(notice.text, ...notice.actions);
  void shown.then((choice) => {
    if (choice === 'Open' && run) {
      void vscode.commands.executeCommand('runboard.openRun', run.id);
    }
  });
}
