// The console logs of launched runs, kept in the extension's own storage (never in a run folder):
// one `<launch id>.log` per launch; only the most recent ones are kept.
import fs from 'node:fs/promises';
import path from 'node:path';

/** How many launch logs are kept. */
export const MAX_LAUNCH_LOGS = 50;

export function launchLogPath(logDir: string, launchId: string): string {
  return path.join(logDir, `${launchId.replace(/[^A-Za-z0-9_.-]/g, '_')}.log`);
}

/**
 * Deletes all but the `keep` most recently modified `.log` files of `logDir` (never one in `protect`:
 * the logs of runs still going). Returns the deleted paths.
 */
export async function pruneLaunchLogs(
  logDir: string,
  keep = MAX_LAUNCH_LOGS,
  protect: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const names = await fs.readdir(logDir).catch(() => [] as string[]);
  const logs = await Promise.all(
    names
      .filter((n) => n.endsWith('.log'))
      .map(async (n) => {
        const file = path.join(logDir, n);
        const stat = await fs.stat(file).catch(() => undefined);
        return { file, mtime: stat?.mtimeMs ?? 0 };
      }),
  );
  logs.sort((a, b) => b.mtime - a.mtime || b.file.localeCompare(a.file));
  const doomed = logs.slice(keep).filter((l) => !protect.has(l.file));
  await Promise.all(doomed.map((l) => fs.rm(l.file, { force: true })));
  return doomed.map((l) => l.file);
}
