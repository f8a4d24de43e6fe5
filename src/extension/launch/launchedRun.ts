// One run Runboard launched: its configuration, the task that runs it, the run folder it is linked to
// and the resource sampler, from "starting…" to its end. It is remembered across window reloads as a
// LaunchRecord.
import * as vscode from 'vscode';
import type { LaunchConfig } from '../../core/launch/launchConfig';
import { isEnded, type LaunchPhase, type LaunchRecord } from '../../core/launch/launchRecord';
import type { LaunchSpec } from '../../core/launch/launchSpec';
import type { ResourceSampler } from '../../core/launch/resourceSampler';
import type { PointBatch } from '../../core/runs/model';

export type { LaunchPhase } from '../../core/launch/launchRecord';

/** What a launch command hands back (tests and other commands use it). */
export interface LaunchInfo {
  launchId: string;
  runName: string;
}

export class LaunchedRun {
  phase: LaunchPhase = 'starting';
  /** The store's run this launch produced, once linked, and its folder. */
  runId?: string;
  runDir?: string;
  /** The task's process (the shell that runs the command). */
  pid?: number;
  exitCode?: number;
  /** ms since the epoch. */
  endedAt?: number;
  execution?: vscode.TaskExecution;
  sampler?: ResourceSampler;
  /** Samples taken before the run folder was found; applied when it is. */
  readonly buffered: Map<string, PointBatch>[] = [];
  stopRequested = false;
  /** The finish notification was shown. */
  notified = false;
  /** Restored after a reload and found still running: its task events may not come. */
  reattached = false;

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
    /** Its console log in the extension's storage, when captured. */
    readonly logPath?: string,
  ) {}

  get ended(): boolean {
    return isEnded(this.phase);
  }

  get info(): LaunchInfo {
    return { launchId: this.launchId, runName: this.runName };
  }

  toRecord(): LaunchRecord {
    return {
      launchId: this.launchId,
      runName: this.runName,
      folder: this.folder?.uri.toString(),
      config: this.config,
      overrides: this.overrides,
      spec: this.spec,
      phase: this.phase,
      exitCode: this.exitCode,
      launchedAt: this.launchedAt,
      endedAt: this.endedAt,
      runId: this.runId,
      runDir: this.runDir,
      logPath: this.logPath,
      stopRequested: this.stopRequested,
      notified: this.notified,
    };
  }

  static fromRecord(record: LaunchRecord): LaunchedRun {
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.toString() === record.folder);
    const launch = new LaunchedRun(
      record.launchId,
      record.runName,
      folder,
      record.config,
      record.overrides,
      record.spec,
      record.launchedAt,
      record.logPath,
    );
    launch.phase = record.phase;
    launch.exitCode = record.exitCode;
    launch.endedAt = record.endedAt;
    launch.runId = record.runId;
    launch.runDir = record.runDir;
    launch.stopRequested = record.stopRequested;
    launch.notified = record.notified;
    return launch;
  }
}
