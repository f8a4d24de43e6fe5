// Ultralytics run artifacts: weights/*.pt checkpoints and the plots / batch images beside results.csv.
import path from 'node:path';
import type { CheckpointArtifact, FileArtifact, ImageArtifact, RunArtifacts } from '../../runs/model';
import { imageMime, listFiles, statFile } from '../csv/parts';

/** Batch mosaics (`train_batch0.jpg`, `val_batch1_pred.jpg`, `val_batch1_labels.jpg`) are predictions, the rest plots. */
const BATCH_IMAGE = /^(train_batch\d+|val_batch\d+_(pred|labels))$/;

/** Lists the run's checkpoints and images now on disk. Image tag = file stem (e.g. `results`, `val_batch0_pred`). */
export async function listUltralyticsArtifacts(dir: string): Promise<RunArtifacts> {
  const images: ImageArtifact[] = [];
  const files: FileArtifact[] = [];
  for (const name of await listFiles(dir)) {
    const mime = imageMime(name);
    if (!mime) {
      continue;
    }
    const file = path.join(dir, name);
    const tag = name.slice(0, name.length - path.extname(name).length);
    images.push({ tag, mime, source: { kind: 'file', path: file } });
    files.push({ path: file, role: BATCH_IMAGE.test(tag) ? 'prediction' : 'plot' });
  }
  return { checkpoints: await listWeights(path.join(dir, 'weights')), images, files };
}

async function listWeights(dir: string): Promise<CheckpointArtifact[]> {
  const out: CheckpointArtifact[] = [];
  for (const name of await listFiles(dir)) {
    if (!name.endsWith('.pt') || name.startsWith('.')) {
      continue;
    }
    const file = path.join(dir, name);
    const st = await statFile(file);
    if (!st) {
      continue;
    }
    const c: CheckpointArtifact = { path: file, sizeBytes: st.size, mtimeMs: st.mtimeMs };
    const stem = name.slice(0, -3);
    if (stem === 'best' || stem === 'last') {
      c.label = stem;
    }
    const epoch = /^epoch(\d+)$/.exec(stem);
    if (epoch) {
      c.epoch = Number(epoch[1]);
    }
    out.push(c);
  }
  return out;
}
