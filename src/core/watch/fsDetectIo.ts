// The DetectIo that discovery hands to detectors: real, bounded file-system reads.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DetectIo, DirListing } from '../sources/types';

export const fsDetectIo: DetectIo = {
  async readHead(file, maxBytes) {
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(file, 'r');
      const buf = new Uint8Array(maxBytes);
      const { bytesRead } = await handle.read(buf, 0, maxBytes, 0);
      return buf.subarray(0, bytesRead);
    } catch {
      return undefined;
    } finally {
      await handle?.close();
    }
  },
  list: listDir,
};

/** Lists a directory; symlinks are followed (stat) so a linked run folder counts as a folder. */
export async function listDir(dir: string): Promise<DirListing | undefined> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  const files: string[] = [];
  const dirs: string[] = [];
  for (const entry of entries) {
    if (entry.isFile()) {
      files.push(entry.name);
    } else if (entry.isDirectory()) {
      dirs.push(entry.name);
    } else if (entry.isSymbolicLink()) {
      const stat = await fs.stat(path.join(dir, entry.name)).catch(() => undefined);
      if (stat?.isDirectory()) {
        dirs.push(entry.name);
      } else if (stat?.isFile()) {
        files.push(entry.name);
      }
    }
  }
  files.sort();
  dirs.sort();
  return { dir, files, dirs };
}
