// The run side of launches: links each launch to the run folder it produces (from store events), and
// shows on that run its launch status, its console logs and its resource samples.
import { RunLinker } from '../../core/launch/runLinker';
import type { RunStatus } from '../../core/runs/model';
import type { RunState } from '../../core/runs/runState';
import type { RunStore } from '../../core/runs/runStore';
import { Disposable } from '../disposable';
import type { LaunchedRun, LaunchPhase } from './launchedRun';
import { attachLogs } from './launchConsole';
import { flushSamples } from './launchSamples';

export class LaunchLinks extends Disposable {
  private readonly linker = new RunLinker();

  constructor(
    private readonly store: RunStore,
    private readonly launches: () => LaunchedRun[],
    /** A launch was linked to its run. */
    private readonly onLinked: (launch: LaunchedRun) => void,
  ) {
    super();
    this.register(
      store.onDidAddRun((run) => {
        const launchId = this.linker.runAdded(run);
        if (launchId) {
          this.linkTo(run, launchId);
        } else {
          this.showOnRun(run.id);
        }
      }),
    );
    this.register(
      store.onDidChangeRun(({ run, applied }) => {
        if (applied.appended.size === 0 && !applied.reset) {
          return;
        }
        this.linkTo(run, this.linker.runGrew(run, Date.now()));
        const launch = this.byRunId(run.id);
        if (launch?.buffered.length) {
          flushSamples(store, launch);
        }
      }),
    );
    this.register(store.onDidRemoveRun((run) => this.linker.forgetRun(run.id)));
  }

  /** The latest launch linked to this run. */
  byRunId(runId: string): LaunchedRun | undefined {
    return this.launches()
      .reverse()
      .find((l) => l.runId === runId);
  }

  /** Waits for the launch's run; `nameOnly` takes only a run whose path names it (after a reload). */
  expect(launch: LaunchedRun, nameOnly: boolean): void {
    const runs = this.store.all();
    this.linker.expect({
      launchId: launch.launchId,
      runsDirs: launch.spec.runsDirs,
      launchedAt: launch.launchedAt,
      knownRunIds: new Set(runs.map((r) => r.id)),
      liveRunIds: new Set(runs.filter((r) => r.status === 'running').map((r) => r.id)),
      runName: launch.runName,
      runToken: launch.launchId,
      nameOnly,
    });
    if (nameOnly) {
      // After a reload its run is usually in the store already and may not grow again soon.
      for (const run of runs) {
        this.linkTo(run, this.linker.runAdded(run));
      }
    }
  }

  cancel(launchId: string): void {
    this.linker.cancel(launchId);
  }

  isWaiting(launchId: string): boolean {
    return this.linker.waiting.some((p) => p.launchId === launchId);
  }

  /** The launch ended: its run's status, and a later launch may write to that run again. */
  ended(launch: LaunchedRun): void {
    flushSamples(this.store, launch);
    if (launch.runId) {
      this.store.setLaunchStatus(launch.runId, statusOf(launch.phase), launch.exitCode);
      attachLogs(this.store, this.launches(), launch.runId);
      this.linker.forgetRun(launch.runId);
    }
  }

  /** Gives the run the status of its latest launch and the console logs of all its launches. */
  showOnRun(runId: string): void {
    const launch = this.byRunId(runId);
    if (launch) {
      this.store.setLaunchStatus(runId, statusOf(launch.phase), launch.ended ? launch.exitCode : undefined);
      attachLogs(this.store, this.launches(), runId);
    }
  }

  private linkTo(run: RunState, launchId: string | undefined): void {
    const launch = this.launches().find((l) => l.launchId === launchId);
    if (!launch) {
      return;
    }
    launch.runId = run.id;
    launch.runDir = run.dir;
    flushSamples(this.store, launch);
    this.showOnRun(run.id);
    if (launch.ended) {
      this.linker.forgetRun(run.id);
    }
    this.onLinked(launch);
  }
}

export function statusOf(phase: LaunchPhase): RunStatus {
  return phase === 'starting' ? 'running' : phase;
}
