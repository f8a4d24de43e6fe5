// Runs launch configurations as VS Code tasks and follows them: links each to the run folder it
// produces, samples its resources into `system/*` series, sets its status from the exit code, stops
// (the whole process tree) and re-runs it.
import * as vscode from 'vscode';
import { killProcessTree } from '../../core/launch/killTree';
import type { LaunchConfig } from '../../core/launch/launchConfig';
import { buildLaunchSpec, makeRunName, parseOverrides } from '../../core/launch/launchSpec';
import { ResourceSampler } from '../../core/launch/resourceSampler';
import { RunLinker } from '../../core/launch/runLinker';
import type { PointBatch, RunStatus } from '../../core/runs/model';
import type { RunState } from '../../core/runs/runState';
import type { RunStore } from '../../core/runs/runStore';
import { Disposable } from '../disposable';
import { LaunchedRun, type LaunchPhase } from './launchedRun';
import { notifyEnd } from './launchNotify';
import { launchIdOf, makeLaunchTask } from './launchTask';

export interface LaunchSettings {
  wandbOffline: boolean;
  sampleIntervalMs: number;
}

/** How long an ended launch still waits for its run folder to show up. */
const LINK_GRACE_MS = 15_000;
/** Lets the watcher read the last rows before the end is announced. */
const SETTLE_MS = 400;

export class LaunchManager extends Disposable {
  private readonly launches = new Map<string, LaunchedRun>();
  private readonly linker = new RunLinker();
  private readonly changed = new vscode.EventEmitter<LaunchedRun>();
  private counter = 0;
  /** A launch changed phase or was linked to its run. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly store: RunStore,
    private readonly settings: () => LaunchSettings,
  ) {
    super();
    this.register(this.changed);
    this.register(store.onDidAddRun((run) => this.linkTo(run, this.linker.runAdded(run))));
    this.register(
      store.onDidChangeRun(({ run, applied }) => {
        if (applied.appended.size === 0 && !applied.reset) {
          return;
        }
        this.linkTo(run, this.linker.runGrew(run, Date.now()));
        const launch = this.byRunId(run.id);
        if (launch?.buffered.length) {
          this.flushSamples(launch);
        }
      }),
    );
    this.register(store.onDidRemoveRun((run) => this.linker.forgetRun(run.id)));
    this.register(vscode.tasks.onDidStartTaskProcess((e) => this.onProcessStarted(e)));
    this.register(vscode.tasks.onDidEndTaskProcess((e) => void this.onProcessEnded(e)));
    this.register({ dispose: () => this.all().forEach((l) => void l.sampler?.stop()) });
  }

  all(): LaunchedRun[] {
    return [...this.launches.values()];
  }

  get(launchId: string): LaunchedRun | undefined {
    return this.launches.get(launchId);
  }

  /** The latest launch linked to this run. */
  byRunId(runId: string): LaunchedRun | undefined {
    return this.all()
      .reverse()
      .find((l) => l.runId === runId);
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
    const runName = this.all().some((l) => l.runName === base) ? `${base}-${this.counter}` : base;
    const settings = this.settings();
    const workspaceFolder = folder?.uri.fsPath ?? process.cwd();
    const spec = buildLaunchSpec(config, parseOverrides(overrides), {
      workspaceFolder,
      env: process.env,
      runId: launchId,
      runName,
      wandbOffline: settings.wandbOffline,
    });
    const launch = new LaunchedRun(launchId, runName, folder, config, overrides, spec, now.getTime());
    this.launches.set(launchId, launch);
    this.linker.expect({
      launchId,
      runsDirs: spec.runsDirs,
      launchedAt: launch.launchedAt,
      knownRunIds: new Set(this.store.all().map((r) => r.id)),
      liveRunIds: new Set(
        this.store
          .all()
          .filter((r) => r.status === 'running')
          .map((r) => r.id),
      ),
      runName,
      runToken: launchId,
    });
    this.changed.fire(launch);
    try {
      launch.execution = await vscode.tasks.executeTask(makeLaunchTask(spec, launchId, runName, folder));
    } catch (err) {
      this.linker.cancel(launchId);
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
    if (launch.pid !== undefined) {
      await killProcessTree(launch.pid);
    }
    launch.execution?.terminate();
  }

  private onProcessStarted(e: vscode.TaskProcessStartEvent): void {
    const launch = this.launchOf(e.execution);
    if (!launch) {
      return;
    }
    launch.pid = e.processId;
    launch.execution = e.execution;
    if (launch.phase === 'starting') {
      launch.phase = 'running';
    }
    if (launch.stopRequested) {
      void this.stop(launch);
    }
    launch.sampler = new ResourceSampler({
      rootPid: e.processId,
      launchedAt: launch.launchedAt,
      intervalMs: this.settings().sampleIntervalMs,
      env: { ...process.env, ...launch.spec.env },
      onSamples: (points) => this.addSamples(launch, points),
    });
    launch.sampler.start();
    if (launch.runId) {
      this.store.setLaunchStatus(launch.runId, 'running');
    }
    this.changed.fire(launch);
  }

  private async onProcessEnded(e: vscode.TaskProcessEndEvent): Promise<void> {
    const launch = this.launchOf(e.execution);
    if (!launch || launch.ended) {
      return;
    }
    await launch.sampler?.stop();
    const code = e.exitCode;
    const phase = launch.stopRequested ? 'stopped' : code === 0 ? 'finished' : 'failed';
    this.finish(launch, phase, code);
    if (!launch.runId) {
      setTimeout(() => {
        this.linker.cancel(launch.launchId);
        this.changed.fire(launch);
        void this.announce(launch);
      }, LINK_GRACE_MS);
    }
    await this.announce(launch);
  }

  private finish(launch: LaunchedRun, phase: LaunchPhase, code: number | undefined): void {
    launch.phase = phase;
    launch.exitCode = code;
    this.flushSamples(launch);
    if (launch.runId) {
      this.store.setLaunchStatus(launch.runId, statusOf(phase), code);
      // A later launch may write to the same run again (a JSONL appended to).
      this.linker.forgetRun(launch.runId);
    }
    this.changed.fire(launch);
  }

  /** Shows the end notification once: when linked, or when the folder never came. */
  private async announce(launch: LaunchedRun): Promise<void> {
    if (!launch.ended || launch.notified) {
      return;
    }
    const waiting = this.linker.waiting.some((p) => p.launchId === launch.launchId);
    if (!launch.runId && waiting) {
      return;
    }
    launch.notified = true;
    if (launch.runId) {
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      await this.store.poll(launch.runId);
    }
    notifyEnd(launch, launch.runId ? this.store.get(launch.runId) : undefined);
  }

  private linkTo(run: RunState, launchId: string | undefined): void {
    const launch = launchId ? this.launches.get(launchId) : undefined;
    if (!launch) {
      return;
    }
    launch.runId = run.id;
    this.flushSamples(launch);
    this.store.setLaunchStatus(run.id, statusOf(launch.phase), launch.ended ? launch.exitCode : undefined);
    this.changed.fire(launch);
    if (launch.ended) {
      this.linker.forgetRun(run.id);
      void this.announce(launch);
    }
  }

  private addSamples(launch: LaunchedRun, points: Map<string, PointBatch>): void {
    launch.buffered.push(points);
    this.flushSamples(launch);
  }

  /**
   * Hands buffered samples to the linked run once its reader has given it series of its own, so the
   * training metrics come first on the dashboard and `system/` after them (or when the run has ended).
   */
  private flushSamples(launch: LaunchedRun): void {
    const run = launch.runId ? this.store.get(launch.runId) : undefined;
    if (!run || launch.buffered.length === 0) {
      return;
    }
    const hasOwn = [...run.series.keys()].some((name) => !run.externalSeries.has(name));
    if (!hasOwn && !launch.ended) {
      return;
    }
    for (const points of launch.buffered.splice(0)) {
      this.store.applyExternal(run.id, { points });
    }
  }

  private launchOf(execution: vscode.TaskExecution): LaunchedRun | undefined {
    const id = launchIdOf(execution.task);
    return id ? this.launches.get(id) : undefined;
  }
}

function statusOf(phase: LaunchPhase): RunStatus {
  return phase === 'starting' ? 'running' : phase;
}
