// Weight files next to a JSONL log (detectron2 writes `model_0004999.pth`, `model_final.pth` and a
// `last_checkpoint` text file naming the newest into the same output dir) → checkpoint artifacts.
// The folder is re-listed only when its mtime changes; known weight files are re-measured every scan
// (a checkpoint being written grows without touching the folder's mtime).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CheckpointArtifact } from '../../runs/model';

const WEIGHT_FILE = /\.(pth|pt|ckpt|safetensors|bin|h5|keras)$/i;

export class SiblingCheckpoints {
  private dirMtime = -1;
  private names: string[] = [];
  private last = '';
  private reported = new Map<string, string>();

  constructor(private readonly dir: string) {}

  /** Checkpoints new or changed since the last call. */
  async scan(): Promise<CheckpointArtifact[]> {
    const st = await fs.stat(this.dir).catch(() => undefined);
    if (!st) {
      return [];
    }
    if (st.mtimeMs !== this.dirMtime) {
      this.dirMtime = st.mtimeMs;
      this.names = (await fs.readdir(this.dir).catch(() => [] as string[])).filter((n) => WEIGHT_FILE.test(n));
      this.last = (await fs.readFile(path.join(this.dir, 'last_checkpoint'), 'utf8').catch(() => '')).trim();
    }
    const { names, last } = this;
    const out: CheckpointArtifact[] = [];
    for (const name of names) {
      const file = path.join(this.dir, name);
      const fst = await fs.stat(file).catch(() => undefined);
      if (!fst?.isFile()) {
        continue;
      }
      const label = name === last ? 'last' : undefined;
      const signature = `${fst.size}:${fst.mtimeMs}:${label ?? ''}`;
      if (this.reported.get(file) === signature) {
        continue;
      }
      this.reported.set(file, signature);
      const digits = /(\d+)\.[a-z0-9]+$/i.exec(name);
      out.push({
        path: file,
        sizeBytes: fst.size,
        mtimeMs: fst.mtimeMs,
        ...(digits ? { step: Number(digits[1]) } : {}),
        ...(label ? { label } : {}),
      });
    }
    return out;
  }

  reset(): void {
    this.dirMtime = -1;
    this.names = [];
    this.reported = new Map();
  }
}
