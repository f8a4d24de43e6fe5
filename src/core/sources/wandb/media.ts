// Finds logged images under a run's `media/images/` folder. W&B names them `<key>_<step>_<hash>.<ext>`
// (2019-era runs: `<key>_<n>.<ext>`); a key with `/` becomes sub-folders, so the tag is the relative
// path without the `_<step>…` suffix.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ImageArtifact } from '../../runs/model';
import { imageMime } from './history';

/** `<key>_<step>_<hash or index>.<ext>` (current), else `<key>_<step>.<ext>` (2019). */
const NAME = /^(.+)_(\d+)_[0-9a-f]+\.[A-Za-z]+$/;
const OLD_NAME = /^(.+)_(\d+)\.[A-Za-z]+$/;
const MAX_DEPTH = 4;
const MAX_FILES = 5000;

export class MediaScanner {
  private readonly seen = new Set<string>();

  constructor(private readonly imagesDirs: string[]) {}

  /** Marks an image already reported by the history (with more detail than a file name gives). */
  markSeen(file: string): void {
    this.seen.add(file);
  }

  /** Images not reported before. */
  async scan(): Promise<ImageArtifact[]> {
    const out: ImageArtifact[] = [];
    for (const dir of this.imagesDirs) {
      await this.walk(dir, '', 0, out);
    }
    return out;
  }

  private async walk(dir: string, rel: string, depth: number, out: ImageArtifact[]): Promise<void> {
    if (depth > MAX_DEPTH || this.seen.size >= MAX_FILES) {
      return;
    }
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relName = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        await this.walk(full, relName, depth + 1, out);
        continue;
      }
      if (!entry.isFile() || this.seen.has(full) || this.seen.size >= MAX_FILES) {
        continue;
      }
      const mime = imageMime(entry.name);
      if (!mime) {
        continue;
      }
      this.seen.add(full);
      const m = NAME.exec(entry.name) ?? OLD_NAME.exec(entry.name);
      const tag = m ? (rel ? `${rel}/${m[1]}` : m[1]) : relName.replace(/\.[^.]+$/, '');
      const image: ImageArtifact = { tag, mime, source: { kind: 'file', path: full } };
      if (m) {
        image.step = Number(m[2]);
      }
      out.push(image);
    }
  }
}
