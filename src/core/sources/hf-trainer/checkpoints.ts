// The `checkpoint-<N>/` folders of an HF output dir (and `last-checkpoint/`, pushed by hub_strategy
// "checkpoint"), with their total size and newest mtime. Rotation (save_total_limit) deletes old ones
// while we look: a folder that vanishes is simply left out.
import fs from 'node:fs/promises';
import path from 'node:path';

export const CHECKPOINT_DIR = /^checkpoint-(\d+)$/;
export const LAST_CHECKPOINT_DIR = 'last-checkpoint';
const MAX_FILES = 2000;

export interface CheckpointDir {
  name: string;
  path: string;
  /** N of checkpoint-N; undefined for last-checkpoint. */
  step?: number;
  sizeBytes: number;
  mtimeMs: number;
}

/** Checkpoint folder names in a listing, newest (highest N) first, last-checkpoint after them. */
export function checkpointNames(dirs: readonly string[]): string[] {
  const numbered = dirs.filter((d) => CHECKPOINT_DIR.test(d)).sort((a, b) => stepOf(b) - stepOf(a));
  return dirs.includes(LAST_CHECKPOINT_DIR) ? [...numbered, LAST_CHECKPOINT_DIR] : numbered;
}

function stepOf(name: string): number {
  const m = CHECKPOINT_DIR.exec(name);
  return m ? Number(m[1]) : -1;
}

/** Sizes are cached per folder mtime; the newest folder is always measured again (it may be filling). */
export class CheckpointScanner {
  private readonly cache = new Map<string, { dirMtime: number; size: number; mtime: number }>();

  constructor(private readonly outputDir: string) {}

  async scan(): Promise<CheckpointDir[]> {
    let entries;
    try {
      entries = await fs.readdir(this.outputDir, { withFileTypes: true });
    } catch {
      return [];
    }
    const names = checkpointNames(entries.filter((e) => e.isDirectory()).map((e) => e.name));
    const out: CheckpointDir[] = [];
    for (const [i, name] of names.entries()) {
      const dir = path.join(this.outputDir, name);
      const totals = await this.totals(dir, i === 0);
      if (!totals) {
        continue;
      }
      const step = stepOf(name);
      out.push({ name, path: dir, ...(step >= 0 ? { step } : {}), sizeBytes: totals.size, mtimeMs: totals.mtime });
    }
    return out;
  }

  private async totals(dir: string, fresh: boolean): Promise<{ size: number; mtime: number } | undefined> {
    const st = await fs.stat(dir).catch(() => undefined);
    if (!st) {
      return undefined;
    }
    const cached = this.cache.get(dir);
    if (cached && !fresh && cached.dirMtime === st.mtimeMs) {
      return cached;
    }
    let size = 0;
    let mtime = st.mtimeMs;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
    } catch {
      return undefined;
    }
    for (const entry of entries.slice(0, MAX_FILES)) {
      if (!entry.isFile()) {
        continue;
      }
      const fst = await fs.stat(path.join(entry.parentPath ?? entry.path, entry.name)).catch(() => undefined);
      if (!fst) {
        continue;
      }
      size += fst.size;
      mtime = Math.max(mtime, fst.mtimeMs);
    }
    const result = { dirMtime: st.mtimeMs, size, mtime };
    this.cache.set(dir, result);
    return result;
  }
}
