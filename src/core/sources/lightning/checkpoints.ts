// Lightning ModelCheckpoint files: `epoch=4-step=100.ckpt`, `last.ckpt`, `-v1` collision suffixes,
// custom templates (`epoch=3-val_loss=0.450.ckpt`) and the 0.x `_ckpt_epoch_4.ckpt` names. Read by the
// CSVLogger and TensorBoardLogger readers alike.
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseCheckpointName } from '../../checkpoints/checkpointName';
import type { CheckpointArtifact } from '../../runs/model';

/**
 * The `.ckpt` files of `dir` with size, mtime and what their names say (epoch, step, `last`/`best`).
 * Symlinks count (Lightning 2.1 writes `last.ckpt` as one; `save_last="link"` since); their target's
 * size and time are given.
 */
export async function listCheckpoints(dir: string): Promise<CheckpointArtifact[]> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const names = entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && e.name.endsWith('.ckpt'))
    .map((e) => e.name)
    .sort();
  const out: CheckpointArtifact[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const st = await fs.stat(file).catch(() => undefined);
    if (st?.isFile()) {
      const { epoch, step, label } = parseCheckpointName(name);
      out.push({
        path: file,
        sizeBytes: st.size,
        mtimeMs: st.mtimeMs,
        ...(epoch !== undefined ? { epoch } : {}),
        ...(step !== undefined ? { step } : {}),
        ...(label !== undefined ? { label } : {}),
      });
    }
  }
  return out;
}
