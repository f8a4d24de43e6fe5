// Finds a launched run's process again after a window reload, when the task's process id is no longer
// known: the processes whose environment holds its `RUNBOARD_RUN_ID`, and of those the top one (the
// task's shell). Linux only (/proc); elsewhere nothing is found.
import fs from 'node:fs/promises';
import { readProcessTable } from './procTree';

/** Does this /proc/<pid>/environ (NUL-separated) set `name` to `value`? */
export function environHas(environ: string, name: string, value: string): boolean {
  return environ.split('\0').includes(`${name}=${value}`);
}

/** The pid of the top process of the tree that carries `RUNBOARD_RUN_ID=<launchId>`, if one is alive. */
export async function findLaunchRoot(launchId: string, procRoot = '/proc'): Promise<number | undefined> {
  const table = await readProcessTable(procRoot);
  const carriers = new Set<number>();
  await Promise.all(
    [...table.keys()].map(async (pid) => {
      // Other users' processes cannot be read: they are not ours anyway.
      const environ = await fs.readFile(`${procRoot}/${pid}/environ`, 'latin1').catch(() => '');
      if (environHas(environ, 'RUNBOARD_RUN_ID', launchId)) {
        carriers.add(pid);
      }
    }),
  );
  const roots = [...carriers].filter((pid) => !carriers.has(table.get(pid)?.ppid ?? -1)).sort((a, b) => a - b);
  return roots[0];
}
