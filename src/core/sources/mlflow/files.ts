// Small file helpers of the MLflow reader: recursive listing of a key folder (metric/param/tag keys may
// hold `/`, stored as sub-folders) and whole-file reads of files that change rarely.
import fs from 'node:fs/promises';
import path from 'node:path';
import { FileSnapshot } from '../../util/fileTail';

/** Files under `dir` as keys: paths relative to `dir` with `/` separators. Empty when `dir` is absent. */
export async function listKeys(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  const keys: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) {
      continue;
    }
    const parent = entry.parentPath ?? entry.path;
    keys.push(path.relative(dir, path.join(parent, entry.name)).split(path.sep).join('/'));
  }
  return keys.sort();
}

/** Whole-file snapshots of many small files (params, tags): text when changed since the last read. */
export class SnapshotSet {
  private readonly snapshots = new Map<string, FileSnapshot>();

  /** The file's text when it changed; undefined when unchanged. Throws on I/O errors. */
  async read(file: string): Promise<string | undefined> {
    let snap = this.snapshots.get(file);
    if (!snap) {
      snap = new FileSnapshot(file, 16 * 1024 * 1024);
      this.snapshots.set(file, snap);
    }
    return snap.read();
  }
}

/** Whether a path exists and is a directory. */
export async function isDir(dir: string): Promise<boolean> {
  try {
    return (await fs.stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
