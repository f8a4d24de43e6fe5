// Stops a whole process tree: SIGTERM to every member (deepest first, so a shell cannot respawn), then
// SIGKILL to whatever is still alive after a grace period. Off Linux only the root is signalled.
import fs from 'node:fs';
import { readProcessTable, treeOf } from './procTree';

export interface KillOptions {
  /** How long processes get to exit after SIGTERM before SIGKILL. */
  graceMs?: number;
  procRoot?: string;
}

/** Resolves with the pids that were signalled once they are all gone (or were killed). */
export async function killProcessTree(rootPid: number, options: KillOptions = {}): Promise<number[]> {
  const table = await readProcessTable(options.procRoot);
  const tree = treeOf(rootPid, table);
  const pids = tree.length > 0 ? tree.reverse() : [rootPid];
  for (const pid of pids) {
    signal(pid, 'SIGTERM');
  }
  const deadline = Date.now() + (options.graceMs ?? 3_000);
  while (Date.now() < deadline && pids.some(isAlive)) {
    await sleep(50);
  }
  for (const pid of pids) {
    if (isAlive(pid)) {
      signal(pid, 'SIGKILL');
    }
  }
  return pids;
}

/** True while the process exists and is not a zombie (dead, waiting for its parent to reap it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
