// Runs launch configurations as VS Code tasks and follows them: links each to the run folder it
// produces, captures its console, samples its resources into `system/*` series, sets its status from
// the exit code, stops (the whole process tree) and re-runs it. Launches are remembered in the
// workspace state: after a window reload they show with their last status, and one still running is
// re-attached.
import * as vscode from 'vscode';
import { readExitCodeFromLog } from '../../core/launch/consoleCapture';
import { killProcessTree } from '../../core/launch/killTree';
import type { LaunchConfig } from '../../core/launch/launchConfig';
import { commandText, makeRunName } from '../../core/launch/launchSpec';
import type { RunStore } from '../../core/runs/runStore';
import { Disposable } from '../disposable';
import type { LaunchedRun, LaunchPhase } from './launchedRun';
import { createLaunch, type LaunchSettings } from './launchCreate';
import { LaunchHistory } from './launchHistory';
import { LaunchLinks } from './launchLinks';
import { notifyEnd } from './launchNotify';
import { restoreLaunches } from './launchRestore';
import { startSampling } from './launchSamples';
import { launchIdOf, makeLaunchTask } from './launchTask';

export type { LaunchSettings } from './launchCreate';

export interface LaunchManagerOptions {
  store: RunStore;
  settings: () => LaunchSettings;
  /** Where launches are remembered across window reloads (the workspace state). */
  state?: vscode.Memento;
  /** Folder for console logs (in the extension's storage); without one the console is not captured. */
  logDir?: string;
  /** Diagnostics for the user (an output channel). */
  log?: (message: string) => void;
}

/** How long an ended launch still waits for its run folder to show up. */
const LINK_GRACE_MS = 15_000;
/** Lets the watcher read the last rows before the end is announced. */
const SETTLE_MS = 400;
/** A re-attached launch whose processes are gone waits this long for the task's end event. */
const END_EVENT_GRACE_MS = 1_000;

export class LaunchManager extends Disposable {
  private readonly launches = new Map<string, LaunchedRun>();
  private readonly changed = new vscode.EventEmitter<LaunchedRun>();
  private readonly store: RunStore;
  private readonly history: LaunchHistory;
  private readonly links: LaunchLinks;
  private counter = 0;
  /** Run names given out (two launches in one second get different names). */
  private readonly names = new Set<string>();
  /** A launch changed phase or was linked to its run. */
  readonly onDidChange = this.changed.event;
  /** Resolves once the launches remembered from before a reload are restored (and re-attached). */
  readonly restored: Promise<void>;

  constructor(private readonly options: LaunchManagerOptions) {
    super();
    this.store = options.store;
    this.history = new LaunchHistory(options.state);
    this.register(this.changed);
    this.links = this.register(
      new LaunchLinks(
        this.store,
        () => this.all(),
        (launch) => {
          this.emit(launch);
          void this.announce(launch);
        },
      ),
    );
    this.register(vscode.tasks.onDidStartTaskProcess((e) => this.onProcessStarted(e)));
    this.register(vscode.tasks.onDidEndTaskProcess((e) => void this.onProcessEnded(e)));
    this.register(vscode.tasks.onDidEndTask((e) => this.onTaskEnded(e.execution)));
    // Disposing (a reload, a test) leaves the tasks running: only the sampling stops.
    this.register({ dispose: () => this.all().forEach((l) => void l.sampler?.stop()) });
    this.restored = restoreLaunches(this.history, {
      store: this.store,
      disposed: () => this.isDisposed,
      add: (launch) => this.launches.set(launch.launchId, launch),
      showOnRun: (runId) => this.links.showOnRun(runId),
      expectByName: (launch) => this.links.expect(launch, true),
      started: (launch, pid) => this.started(launch, pid),
      endedAway: (launch) => this.endedAway(launch),
      log: this.say,
    });
  }

  all(): LaunchedRun[] {
    return [...this.launches.values()];
  }

  get(launchId: string): LaunchedRun | undefined {
    return this.launches.get(launchId);
  }

  /** The latest launch linked to this run. */
  byRunId(runId: string): LaunchedRun | undefined {
    return this.links.byRunId(runId);
  }

  /** Starts the task; the run shows as "starting…" until its folder is found. */
  async launch(
    config: LaunchConfig,
    folder: vscode.WorkspaceFolder | undefined,
    overrides: string,
  ): Promise<LaunchedRun> {
    const now = new Date();
    const launchId = `${now.getTime().toString(36)}-${++this.counter}`;
    const base = makeRunName(config.name, now);
    const taken = this.names.has(base) || this.all().some((l) => l.runName === base);
    const runName = taken ? `${base}-${this.counter}` : base;
    this.names.add(runName);
    const { launch, capture } = await createLaunch({
      config,
      folder,
      overrides,
      launchId,
      runName,
      launchedAt: now.getTime(),
      settings: this.options.settings(),
      logDir: this.options.logDir,
      liveLogs: new Set(this.all().flatMap((l) => (!l.ended && l.logPath ? [l.logPath] : []))),
      log: this.say,
    });
    const where = capture ? `console log ${capture.logPath}` : 'console not captured';
    this.say(`Launch ${launchId} (${runName}): ${commandText(launch.spec.command)} in ${launch.spec.cwd}; ${where}.`);
    this.launches.set(launchId, launch);
    this.links.expect(launch, false);
    this.emit(launch);
    try {
      const task = makeLaunchTask(launch.spec, launchId, runName, folder, capture);
      launch.execution = await vscode.tasks.executeTask(task);
    } catch (err) {
      this.links.cancel(launchId);
      this.finish(launch, 'failed', undefined);
      throw err;
    }
    return launch;
  }

  /** Launches again with the same configuration and overrides. */
  rerun(launch: LaunchedRun): Promise<LaunchedRun> {
    return this.launch(launch.config, launch.folder, launch.overrides);
  }

  /** Stops the whole process tree (SIGTERM, then SIGKILL after a grace period). */
  async stop(launch: LaunchedRun): Promise<void> {
    if (launch.ended) {
      return;
    }
    launch.stopRequested = true;
    this.say(
      `Launch ${launch.launchId}: stopping${launch.pid === undefined ? '' : ` the process tree of ${launch.pid}`}.`,
    );
    this.emit(launch);
    if (launch.pid !== undefined) {
      await killProcessTree(launch.pid);
    }
    launch.execution?.terminate();
  }

  private readonly say = (message: string): void => this.options.log?.(message);

  private onProcessStarted(e: vscode.TaskProcessStartEvent): void {
    const launch = this.launchOf(e.execution);
    if (launch) {
      launch.execution = e.execution;
      this.started(launch, e.processId);
    }
  }

  private started(launch: LaunchedRun, pid: number | undefined): void {
    launch.pid = pid;
    if (launch.phase === 'starting') {
      launch.phase = 'running';
    }
    if (launch.stopRequested) {
      void this.stop(launch);
    }
    // A reconnected task may report its process again after a re-attach: one sampler only.
    void launch.sampler?.stop();
    if (pid !== undefined) {
      startSampling(this.store, launch, pid, this.options.settings().sampleIntervalMs, () => {
        // Task events may not come for a task that was running before a reload.
        if (launch.reattached) {
          setTimeout(() => void this.endedAway(launch), END_EVENT_GRACE_MS);
        }
      });
    }
    if (launch.runId) {
      this.store.setLaunchStatus(launch.runId, 'running');
    }
    this.emit(launch);
  }

  private async onProcessEnded(e: vscode.TaskProcessEndEvent): Promise<void> {
    const launch = this.launchOf(e.execution);
    if (launch && !launch.ended) {
      await this.ended(launch, e.exitCode);
    }
  }

  /** The task ended without a process end event (a re-attached task): the log may hold the code. */
  private onTaskEnded(execution: vscode.TaskExecution): void {
    const launch = this.launchOf(execution);
    if (launch?.reattached) {
      setTimeout(() => void this.endedAway(launch), END_EVENT_GRACE_MS);
    }
  }

  /** Ends a launch whose end nobody reported, with the exit code `script` wrote to its log if any. */
  private async endedAway(launch: LaunchedRun): Promise<void> {
    if (launch.ended || this.isDisposed) {
      return;
    }
    const code = launch.logPath ? await readExitCodeFromLog(launch.logPath) : undefined;
    if (!launch.ended) {
      await this.ended(launch, code);
    }
  }

  private async ended(launch: LaunchedRun, code: number | undefined): Promise<void> {
    await launch.sampler?.stop();
    // Two reports of one end (a re-attached launch's sampler and its task) may overlap: finish once.
    if (launch.ended) {
      return;
    }
    // No exit code: the task was terminated, or the window was closed under it.
    const phase = launch.stopRequested || code === undefined ? 'stopped' : code === 0 ? 'finished' : 'failed';
    this.finish(launch, phase, code);
    this.say(`Launch ${launch.launchId}: ${phase}${code === undefined ? '' : ` (exit code ${code})`}.`);
    if (!launch.runId) {
      setTimeout(() => {
        if (!this.isDisposed) {
          this.links.cancel(launch.launchId);
          this.emit(launch);
          void this.announce(launch);
        }
      }, LINK_GRACE_MS);
    }
    await this.announce(launch);
  }

  private finish(launch: LaunchedRun, phase: LaunchPhase, code: number | undefined): void {
    launch.phase = phase;
    launch.exitCode = code;
    launch.endedAt = Date.now();
    this.links.ended(launch);
    this.emit(launch);
  }

  /** Shows the end notification once: when linked, or when the folder never came. */
  private async announce(launch: LaunchedRun): Promise<void> {
    if (!launch.ended || launch.notified || (!launch.runId && this.links.isWaiting(launch.launchId))) {
      return;
    }
    launch.notified = true;
    this.emit(launch);
    if (launch.runId) {
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      await this.store.poll(launch.runId);
    }
    notifyEnd(launch, launch.runId ? this.store.get(launch.runId) : undefined);
  }

  /** Tells listeners and remembers the launches (for a reload). */
  private emit(launch: LaunchedRun): void {
    if (!this.isDisposed) {
      this.history.save(this.all());
      this.changed.fire(launch);
    }
  }

  private launchOf(execution: vscode.TaskExecution): LaunchedRun | undefined {
    const id = launchIdOf(execution.task);
    return id ? this.launches.get(id) : undefined;
  }
}
