// Lightning TensorBoardLogger extras beside the event files: `hparams.yaml` (config) and
// `checkpoints/*.ckpt` (ModelCheckpoint names such as `epoch=4-step=100.ckpt`, `last.ckpt`, `-v1`).
import path from 'node:path';
import type { CheckpointArtifact, ConfigMap } from '../../runs/model';
import { flattenConfig } from '../../util/flatten';
import { parsePythonYaml } from '../../util/yaml';
import { listCheckpoints as listLightningCheckpoints } from '../lightning/checkpoints';

export function hparamsYamlToConfig(text: string): { config: ConfigMap; errors: string[] } {
  const { value, errors } = parsePythonYaml(text);
  return { config: value && typeof value === 'object' ? flattenConfig(value) : {}, errors };
}

/** The `.ckpt` files of `<dir>/checkpoints/` (Lightning's TensorBoardLogger puts them there). */
export function listCheckpoints(dir: string): Promise<CheckpointArtifact[]> {
  return listLightningCheckpoints(path.join(dir, 'checkpoints'));
}
