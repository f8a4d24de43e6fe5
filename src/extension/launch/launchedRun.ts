// One run Runboard launched: its configuration, the task that runs it, the run folder it is linked to
// and the resource sampler, from "starting…" to its end.
import type * as vscode from 'vscode';
import type { LaunchConfig } from '../../core/launch/launchConfig';
import type { LaunchSpec } from '../../core/launch/launchSpec';
import type { ResourceSampler } from '../../core/launch/resourceSampler';
import type { PointBatch } from '../../core/runs/model';

export type LaunchPhase = 'starting' | 'running' | 'finished' | 'failed' | 'stopped';

/** What a launch command hands back (tests and other commands use it). */
export interface LaunchInfo {
  launchId: string;
  runName: string;
}

export class LaunchedRun {
  phase: LaunchPhase = 'starting';
  /** The store's run this launch produced, once linked. */
  runId?: string;
  /** The task's process (the shell that runs the command). */
  pid?: number;
  exitCode?: number;
  execution?: vscode.TaskExecution;
  sampler?: ResourceSampler;
  /** Samples taken before the run folder was found; applied when it is. */
  readonly buffered: Map<string, PointBatch>[] = [];
  stopRequested = false;
  /** The finish notification was shown. */
  notified = false;

  constructor(
    readonly launchId: string,
    readonly runName: string,
    readonly folder: vscode.WorkspaceFolder | undefined,
    readonly config: LaunchConfig,
    /** The overrides text it was launched with (re-run uses the same). */
    readonly overrides: string,
    readonly spec: LaunchSpec,
    /** ms since the epoch. */
    readonly launchedAt: number,
  ) {}

  get ended(): boolean {
    return this.phase === 'finished' || this.phase === 'failed' || this.phase === 'stopped';
  }

  get info(): LaunchInfo {
    return { launchId: this.launchId, runName: this.runName };
  }
}
