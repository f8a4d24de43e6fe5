// Makes a new launch from a configuration and the user's overrides: what it executes (its spec) and
// where its console goes.
import type * as vscode from 'vscode';
import type { LaunchConfig } from '../../core/launch/launchConfig';
import { buildLaunchSpec, parseOverrides } from '../../core/launch/launchSpec';
import { LaunchedRun } from './launchedRun';
import { prepareCapture } from './launchConsole';
import type { ConsoleCapture } from './launchTask';

export interface LaunchSettings {
  wandbOffline: boolean;
  sampleIntervalMs: number;
}

export interface NewLaunch {
  config: LaunchConfig;
  folder: vscode.WorkspaceFolder | undefined;
  overrides: string;
  launchId: string;
  runName: string;
  /** ms since the epoch. */
  launchedAt: number;
  settings: LaunchSettings;
  /** Folder for console logs; none: no capture. */
  logDir: string | undefined;
  /** Logs of launches still going (never pruned). */
  liveLogs: ReadonlySet<string>;
  log: (message: string) => void;
}

export async function createLaunch(n: NewLaunch): Promise<{ launch: LaunchedRun; capture?: ConsoleCapture }> {
  const spec = buildLaunchSpec(n.config, parseOverrides(n.overrides), {
    workspaceFolder: n.folder?.uri.fsPath ?? process.cwd(),
    env: process.env,
    runId: n.launchId,
    runName: n.runName,
    wandbOffline: n.settings.wandbOffline,
  });
  const env = { ...process.env, ...spec.env };
  const capture = await prepareCapture(n.logDir, n.launchId, env, n.liveLogs, n.log);
  const launch = new LaunchedRun(
    n.launchId,
    n.runName,
    n.folder,
    n.config,
    n.overrides,
    spec,
    n.launchedAt,
    capture?.logPath,
  );
  return { launch, capture };
}
