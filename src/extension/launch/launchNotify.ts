// The notification shown when a launched run ends: its status, exit code and key metric, and "Open".
import * as vscode from 'vscode';
import type { RunState } from '../../core/runs/runState';
import { keyMetricText } from '../views/runItems';
import type { LaunchedRun } from './launchedRun';

export function notifyEnd(launch: LaunchedRun, run: RunState | undefined): void {
  if (launch.phase === 'stopped') {
    return;
  } // the user asked for it
  const name = run?.name ?? launch.runName;
  const metric = run ? keyMetricText(run) : '';
  const tail = metric ? ` — ${metric}` : '';
  const where = run ? '' : ` No run folder appeared under ${launch.spec.runsDirs.join(', ')}.`;
  const open = run ? ['Open'] : [];
  const show =
    launch.phase === 'failed'
      ? vscode.window.showErrorMessage(
          `Runboard: run "${name}" failed (exit code ${launch.exitCode ?? 'unknown'})${tail}.${where}`,
          ...open,
        )
      : vscode.window.showInformationMessage(`Runboard: run "${name}" finished${tail}.${where}`, ...open);
  void show.then((choice) => {
    if (choice === 'Open' && run) {
      void vscode.commands.executeCommand('runboard.openRun', run.id);
    }
  });
}
