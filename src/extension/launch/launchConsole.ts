// The console log of a launched run: prepares its capture (a log file in the extension's storage, never
// in the run folder) and shows it on the linked run as a `log` file artifact, which the run dashboard's
// console tail reads.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { findCaptureTool } from '../../core/launch/consoleCapture';
import { launchLogPath, pruneLaunchLogs } from '../../core/launch/launchLogs';
import type { RunStore } from '../../core/runs/runStore';
import type { LaunchedRun } from './launchedRun';
import type { ConsoleCapture } from './launchTask';

/**
 * How the console of a new launch is captured, or undefined (no storage folder, no usable `script`:
 * the run goes without a console tail and `log` says why).
 */
export async function prepareCapture(
  logDir: string | undefined,
  launchId: string,
  env: Record<string, string | undefined>,
  keepLogs: ReadonlySet<string>,
  log: (message: string) => void,
): Promise<ConsoleCapture | undefined> {
  if (!logDir) {
    return undefined;
  }
  const tool = await findCaptureTool(process.platform, env.PATH);
  if ('missing' in tool) {
    log(`Launch ${launchId}: console not captured: ${tool.missing}.`);
    return undefined;
  }
  try {
    await fs.mkdir(logDir, { recursive: true });
    const pruned = await pruneLaunchLogs(logDir, undefined, keepLogs);
    if (pruned.length) {
      log(`Deleted ${pruned.length} old launch log(s) from ${logDir}.`);
    }
  } catch (err) {
    log(`Launch ${launchId}: console not captured: cannot use ${logDir}: ${String(err)}.`);
    return undefined;
  }
  return { tool, logPath: launchLogPath(logDir, launchId), shell: env.SHELL || '/bin/sh' };
}

/**
 * Adds the log to the run's files with role `log` (again after a reader reset, which drops the
 * run's artifacts). A no-op when it is there already, or gone (old logs are pruned).
 */
export function attachLog(store: RunStore, runId: string, logPath: string): void {
  const run = store.get(runId);
  if (!run || run.otherFiles.some((f) => f.path === logPath) || !existsSync(logPath)) {
    return;
  }
  store.applyExternal(runId, { artifacts: { files: [{ path: logPath, role: 'log' }] } });
}

/** Attaches the logs of all the launches linked to this run. */
export function attachLogs(store: RunStore, launches: readonly LaunchedRun[], runId: string): void {
  for (const launch of launches) {
    if (launch.runId === runId && launch.logPath) {
      attachLog(store, runId, launch.logPath);
    }
  }
}
