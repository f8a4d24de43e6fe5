// A run's `artifacts/` folder → our artifacts: logged models (a folder with an `MLmodel` file) and weight
// files are checkpoints, pictures are images, the rest are files. TensorBoard logs found here (Keras
// autolog) are listed as log files; the TensorBoard reader shows them as a run of their own.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CheckpointArtifact, FileArtifact, ImageArtifact, RunArtifacts } from '../../runs/model';

/** Bound on entries walked per scan, so a huge artifact tree (profiler dumps) cannot stall a poll. */
const MAX_ENTRIES = 5000;
const MAX_DEPTH = 12;
/** A scan slower than this waits 20× its duration before the next one. */
const SLOW_SCAN_MS = 50;

const IMAGE_MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.svg': 'image/svg+xml',
};
const WEIGHT_EXT = new Set([
  '.pt',
  '.pth',
  '.ckpt',
  '.safetensors',
  '.h5',
  '.keras',
  '.onnx',
  '.pkl',
  '.joblib',
  '.bin',
  '.pb',
]);

interface Entry {
  size: number;
  mtimeMs: number;
}

/** Walks the artifact folder on each scan and reports what is new or changed. */
export class ArtifactScanner {
  /** A slow scan (a big tree) is not repeated on every poll: see scan(). */
  private nextScanAt = 0;
  /** What was last reported per path (a model folder is reported again when its size changes). */
  private readonly reported = new Map<string, string>();

  constructor(readonly root: string) {}

  /** New or changed artifacts since the last scan; undefined when nothing changed or the folder is absent. */
  async scan(): Promise<Partial<RunArtifacts> | undefined> {
    const started = Date.now();
    if (started < this.nextScanAt) {
      return undefined;
    }
    const out = await this.scanNow();
    const took = Date.now() - started;
    this.nextScanAt = took > SLOW_SCAN_MS ? started + took * 20 : 0;
    return out;
  }

  private async scanNow(): Promise<Partial<RunArtifacts> | undefined> {
    const files: string[] = [];
    const modelDirs = new Set<string>();
    await this.walk(this.root, 0, files, modelDirs);
    const checkpoints: CheckpointArtifact[] = [];
    const images: ImageArtifact[] = [];
    const others: FileArtifact[] = [];
    const modelTotals = new Map<string, Entry>();
    for (const file of files) {
      const entry = await this.stat(file);
      if (!entry) {
        continue;
      }
      const modelDir = owningModelDir(file, modelDirs);
      if (modelDir) {
        const total = modelTotals.get(modelDir) ?? { size: 0, mtimeMs: 0 };
        total.size += entry.size;
        total.mtimeMs = Math.max(total.mtimeMs, entry.mtimeMs);
        modelTotals.set(modelDir, total);
        continue;
      }
      if (!this.isNew(file, `${entry.size}:${entry.mtimeMs}`)) {
        continue;
      }
      this.classify(file, entry, checkpoints, images, others);
    }
    for (const [dir, total] of modelTotals) {
      if (!this.isNew(dir, `${total.size}:${total.mtimeMs}`)) {
        continue;
      }
      checkpoints.push({ path: dir, sizeBytes: total.size, mtimeMs: total.mtimeMs, label: 'model' });
    }
    const out: Partial<RunArtifacts> = {};
    if (checkpoints.length) {
      out.checkpoints = checkpoints;
    }
    if (images.length) {
      out.images = images;
    }
    if (others.length) {
      out.files = others;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }

  private isNew(key: string, signature: string): boolean {
    if (this.reported.get(key) === signature) {
      return false;
    }
    this.reported.set(key, signature);
    return true;
  }

  private classify(
    file: string,
    entry: Entry,
    checkpoints: CheckpointArtifact[],
    images: ImageArtifact[],
    others: FileArtifact[],
  ): void {
    const ext = path.extname(file).toLowerCase();
    const rel = path.relative(this.root, file).split(path.sep).join('/');
    const mime = IMAGE_MIME[ext];
    if (mime) {
      images.push({ tag: rel, mime, source: { kind: 'file', path: file } });
    } else if (WEIGHT_EXT.has(ext)) {
      checkpoints.push({ path: file, sizeBytes: entry.size, mtimeMs: entry.mtimeMs });
    } else {
      others.push({ path: file, role: fileRole(path.basename(file), ext) });
    }
  }

  private async stat(file: string): Promise<Entry | undefined> {
    try {
      const st = await fs.stat(file);
      return { size: st.size, mtimeMs: st.mtimeMs };
    } catch {
      return undefined;
    }
  }

  private async walk(dir: string, depth: number, files: string[], modelDirs: Set<string>): Promise<void> {
    if (depth > MAX_DEPTH || files.length >= MAX_ENTRIES) {
      return;
    }
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (files.length >= MAX_ENTRIES) {
        return;
      }
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await this.walk(full, depth + 1, files, modelDirs);
      } else if (entry.isFile()) {
        files.push(full);
        if (entry.name === 'MLmodel') {
          modelDirs.add(dir);
        }
      }
    }
  }
}

function owningModelDir(file: string, modelDirs: Set<string>): string | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (modelDirs.has(dir)) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return undefined;
    }
  }
}

function fileRole(name: string, ext: string): FileArtifact['role'] {
  if (name.includes('tfevents') || ext === '.log') {
    return 'log';
  }
  if (ext === '.yaml' || ext === '.yml' || ext === '.json' || ext === '.toml' || ext === '.cfg') {
    return 'config';
  }
  if (ext === '.csv' || ext === '.tsv' || ext === '.parquet' || ext === '.npy' || ext === '.npz') {
    return 'data';
  }
  if (ext === '.html') {
    return 'plot';
  }
  return 'other';
}
