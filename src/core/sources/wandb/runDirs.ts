// W&B run folder names: `run-YYYYMMDD_HHMMSS-<id>` or `offline-run-YYYYMMDD_HHMMSS-<id>` (formats.md §2.1).
import path from 'node:path';

const RUN_DIR = /^(?:offline-)?run-(\d{8}_\d{6})-([A-Za-z0-9_-]+)$/;

export interface RunDirName {
  timespec: string;
  id: string;
}

export function parseRunDirName(name: string): RunDirName | undefined {
  const m = RUN_DIR.exec(name);
  return m ? { timespec: m[1], id: m[2] } : undefined;
}

export function isWandbRoot(dir: string): boolean {
  const base = path.basename(dir);
  return base === 'wandb' || base === '.wandb';
}

/** A resumed run gets another dir with the same id: the later parts are named `<name> (resumed #k)`. */
export function resumeSuffix(name: string, siblings: string[]): string {
  const me = parseRunDirName(name);
  if (!me) {
    return '';
  }
  const parts: { s: string; ts: string }[] = [];
  for (const s of siblings) {
    const p = parseRunDirName(s);
    if (p?.id === me.id) {
      parts.push({ s, ts: p.timespec });
    }
  }
  parts.sort((a, b) => (a.ts === b.ts ? a.s.localeCompare(b.s) : a.ts.localeCompare(b.ts)));
  const k = parts.findIndex((x) => x.s === name);
  return k > 0 ? ` (resumed #${k})` : '';
}

/** Project when the files do not say: the folder holding `wandb/`. */
export function fallbackProject(runDir: string): string {
  return path.basename(path.dirname(path.dirname(runDir))) || 'wandb';
}
