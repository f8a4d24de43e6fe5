// Lightning ModelCheckpoint files: `epoch=4-step=100.ckpt`, `last.ckpt`, `-v1` collision suffixes,
// custom templates (`epoch=3-val_loss=0.450.ckpt`) and the 0.x `_ckpt_epoch_4.ckpt` names.
import path from 'node:path';
import type { CheckpointArtifact } from '../../runs/model';
import { listFiles, statFile } from '../csv/parts';

/** What a checkpoint file name says: epoch, step and `last`. */
export function parseCheckpointName(name: string): Pick<CheckpointArtifact, 'epoch' | 'step' | 'label'> {
  const stem = name.replace(/\.ckpt$/, '').replace(/-v\d+$/, '');
  const out: Pick<CheckpointArtifact, 'epoch' | 'step' | 'label'> = {};
  const epoch = /(?:^|[-_])epoch=(\d+)/.exec(stem) ?? /_ckpt_epoch_(\d+)$/.exec(stem);
  if (epoch) {
    out.epoch = Number(epoch[1]);
  }
  const step = /(?:^|[-_])step=(\d+)/.exec(stem);
  if (step) {
    out.step = Number(step[1]);
  }
  if (stem === 'last' || stem.startsWith('last-') || stem.startsWith('last_')) {
    out.label = 'last';
  }
  return out;
}

export async function listCheckpoints(dir: string): Promise<CheckpointArtifact[]> {
  const out: CheckpointArtifact[] = [];
  for (const name of await listFiles(dir)) {
    if (!name.endsWith('.ckpt')) {
      continue;
    }
    const file = path.join(dir, name);
    const st = await statFile(file);
    if (st) {
      out.push({ path: file, sizeBytes: st.size, mtimeMs: st.mtimeMs, ...parseCheckpointName(name) });
    }
  }
  return out;
}
