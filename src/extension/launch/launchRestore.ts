// Brings back the launches remembered before a window reload: each shows with its last status; one
// whose task or process is still there is re-attached (running, Stop works, sampling resumes); one that
// ended while no window watched gets its exit code from its console log when it can.
import type { RunStore } from '../../core/runs/runStore';
import type { LaunchedRun } from './launchedRun';
import { findRunning, type LaunchHistory } from './launchHistory';

/** What the manager lends the restore. */
export interface RestoreHost {
  readonly store: RunStore;
  disposed(): boolean;
  add(launch: LaunchedRun): void;
  /** Puts the launch's status and logs on its run. */
  showOnRun(runId: string): void;
  /** Waits for the launch's run folder, by name only. */
  expectByName(launch: LaunchedRun): void;
  started(launch: LaunchedRun, pid: number | undefined): void;
  /** Ends the launch with the exit code its log holds, if any. */
  endedAway(launch: LaunchedRun): Promise<void>;
  log(message: string): void;
}

/** Adds the remembered launches at once (synchronously), then re-attaches the running ones. */
export function restoreLaunches(history: LaunchHistory, host: RestoreHost): Promise<void> {
  const launches = history.load();
  for (const launch of launches) {
    host.add(launch);
  }
  for (const launch of launches) {
    if (launch.runId && host.store.get(launch.runId)) {
      host.showOnRun(launch.runId);
    }
  }
  return Promise.all(launches.filter((l) => !l.ended).map((l) => reattach(l, host))).then(() => undefined);
}

async function reattach(launch: LaunchedRun, host: RestoreHost): Promise<void> {
  const { execution, pid } = await findRunning(launch);
  if (host.disposed() || launch.ended) {
    return;
  }
  if (!execution && pid === undefined) {
    // Nobody saw it end: no notification now, just its last status.
    launch.notified = true;
    await host.endedAway(launch);
    return;
  }
  launch.reattached = true;
  launch.execution = execution;
  const found = [execution ? 'its task' : '', pid !== undefined ? `its process ${pid}` : ''].filter(Boolean);
  host.log(`Launch ${launch.launchId} (${launch.runName}) is still running: re-attached to ${found.join(' and ')}.`);
  if (!launch.runId) {
    host.expectByName(launch);
  }
  host.started(launch, pid);
}
