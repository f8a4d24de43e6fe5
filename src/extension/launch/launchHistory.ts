// Remembers launched runs in the workspace state so they survive a window reload, and finds the task
// and process of one that was still running when the window went away.
import * as vscode from 'vscode';
import { findLaunchRoot } from '../../core/launch/findLaunchProcess';
import { deserializeLaunches, serializeLaunches } from '../../core/launch/launchRecord';
import { LaunchedRun } from './launchedRun';
import { launchIdOf } from './launchTask';

export const LAUNCH_HISTORY_KEY = 'runboard.launch.history';

export class LaunchHistory {
  constructor(private readonly state: vscode.Memento | undefined) {}

  load(): LaunchedRun[] {
    return deserializeLaunches(this.state?.get<unknown>(LAUNCH_HISTORY_KEY)).map((r) => LaunchedRun.fromRecord(r));
  }

  save(launches: readonly LaunchedRun[]): void {
    if (!this.state) {
      return;
    }
    const records = serializeLaunches(launches.map((l) => l.toRecord()));
    this.state.update(LAUNCH_HISTORY_KEY, records).then(undefined, (err: unknown) => {
      console.error('[runboard] could not remember launches:', err);
    });
  }
}

/** The still-running task and process of a restored launch (either may be missing). */
export async function findRunning(launch: LaunchedRun): Promise<{ execution?: vscode.TaskExecution; pid?: number }> {
  const execution = vscode.tasks.taskExecutions.find((e) => launchIdOf(e.task) === launch.launchId);
  const pid = await findLaunchRoot(launch.launchId);
  return { execution, pid };
}
