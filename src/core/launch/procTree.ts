// The process tree of a launched run, read from /proc (Linux only: elsewhere every read returns
// nothing, so no CPU/memory series appear and stopping falls back to the root process).
import fs from 'node:fs/promises';

export interface ProcInfo {
  pid: number;
  ppid: number;
  /** utime+stime+cutime+cstime in clock ticks: CPU time of the process and of its reaped children. */
  ticks: number;
}

/**
 * Linux reports times in USER_HZ, which is 100 on every architecture Linux supports (the kernel
 * converts from its internal HZ); Node has no sysconf to ask.
 */
export const CLOCK_TICKS_PER_SECOND = 100;

/** Parses one /proc/<pid>/stat line; the command name (field 2) may hold spaces and parentheses. */
export function parseProcStat(text: string): ProcInfo | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) {
    return undefined;
  }
  const pid = Number(text.slice(0, open).trim());
  // Fields after the name start at field 3 (state); ppid is field 4, utime..cstime are fields 14..17.
  const rest = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const field = (n: number) => Number(rest[n - 3]);
  const ppid = field(4);
  const ticks = field(14) + field(15) + field(16) + field(17);
  if (!Number.isFinite(pid) || !Number.isFinite(ppid) || !Number.isFinite(ticks)) {
    return undefined;
  }
  return { pid, ppid, ticks };
}

/** Every process now running (empty when /proc cannot be read). */
export async function readProcessTable(procRoot = '/proc'): Promise<Map<number, ProcInfo>> {
  const table = new Map<number, ProcInfo>();
  const names = await fs.readdir(procRoot).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => /^\d+$/.test(n))
      .map(async (n) => {
        const text = await fs.readFile(`${procRoot}/${n}/stat`, 'utf8').catch(() => undefined);
        const info = text ? parseProcStat(text) : undefined;
        if (info) {
          table.set(info.pid, info);
        }
      }),
  );
  return table;
}

/** The root and all its descendants present in the table (the root first, then breadth-first). */
export function treeOf(root: number, table: Map<number, ProcInfo>): number[] {
  if (!table.has(root)) {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const info of table.values()) {
    const list = children.get(info.ppid) ?? [];
    list.push(info.pid);
    children.set(info.ppid, list);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const child of children.get(tree[i]) ?? []) {
      if (!tree.includes(child)) {
        tree.push(child);
      }
    }
  }
  return tree;
}

/** Resident memory in bytes from /proc/<pid>/status `VmRSS` (0 for kernel threads and gone processes). */
export async function readRssBytes(pid: number, procRoot = '/proc'): Promise<number> {
  const text = await fs.readFile(`${procRoot}/${pid}/status`, 'utf8').catch(() => '');
  const match = /^VmRSS:\s+(\d+)\s*kB/m.exec(text);
  return match ? Number(match[1]) * 1024 : 0;
}

export interface TreeSample {
  /** Seconds since the epoch. */
  time: number;
  /** CPU use of the whole tree since the previous sample, 100 = one core busy. NaN on the first sample. */
  cpuPercent: number;
  rssBytes: number;
  processes: number;
}

/** Samples one process tree: CPU % from tick deltas over wall time, RSS summed over the tree. */
export class ProcessTreeProbe {
  private last?: { ticks: number; time: number };

  constructor(
    readonly rootPid: number,
    private readonly procRoot = '/proc',
  ) {}

  /** A sample, or undefined when the root process is gone (or /proc is not there). */
  async sample(nowMs = Date.now()): Promise<TreeSample | undefined> {
    const table = await readProcessTable(this.procRoot);
    const tree = treeOf(this.rootPid, table);
    if (tree.length === 0) {
      return undefined;
    }
    let ticks = 0;
    for (const pid of tree) {
      ticks += table.get(pid)?.ticks ?? 0;
    }
    const rss = await Promise.all(tree.map((pid) => readRssBytes(pid, this.procRoot)));
    const time = nowMs / 1000;
    let cpuPercent = NaN;
    if (this.last && time > this.last.time) {
      const cpuSeconds = Math.max(0, ticks - this.last.ticks) / CLOCK_TICKS_PER_SECOND;
      cpuPercent = (100 * cpuSeconds) / (time - this.last.time);
    }
    this.last = { ticks, time };
    return { time, cpuPercent, rssBytes: rss.reduce((a, b) => a + b, 0), processes: tree.length };
  }
}
