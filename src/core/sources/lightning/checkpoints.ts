// Lightning ModelCheckpoint files: `epoch=4-step=100.ckpt`, `last.ckpt`, `-v1` collision suffixes,
// custom templates (`epoch=3-val_loss=0.450.ckpt`) and the 0.x `_ckpt_epoch_4.ckpt` names. Read by the
// CSVLogger and TensorBoardLogger readers alike.
import path from 'node:path';
import { parseCheckpointName } from '../../checkpoints/checkpointName';
import type { CheckpointArtifact } from '../../runs/model';
import { listFiles, statFile } from '../csv/parts';

/** The `.ckpt` files of `dir` with size, mtime and what their names say (epoch, step, `last`/`best`). */
export async function listCheckpoints(dir: string): Promise<CheckpointArtifact[]> {
  const out: CheckpointArtifact[] = [];
  for (const name of await listFiles(dir)) {
    if (!name.endsWith('.ckpt')) {
      continue;
    }
    const file = path.join(dir, name);
    const st = await statFile(file);
    if (st) {
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
