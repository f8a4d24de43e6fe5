// Lightning TensorBoardLogger extras beside the event files: `hparams.yaml` (config) and
// `checkpoints/*.ckpt` (ModelCheckpoint names such as `epoch=4-step=100.ckpt`, `last.ckpt`, `-v1`).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CheckpointArtifact, ConfigMap } from '../../runs/model';
import { flattenConfig } from '../../util/flatten';
import { parsePythonYaml } from '../../util/yaml';

export function hparamsYamlToConfig(text: string): { config: ConfigMap; errors: string[] } {
  const { value, errors } = parsePythonYaml(text);
  return { config: value && typeof value === 'object' ? flattenConfig(value) : {}, errors };
}

/** Parses epoch/step/label out of a checkpoint file name. */
export function parseCheckpointName(name: string): Pick<CheckpointArtifact, 'epoch' | 'step' | 'label'> {
  const out: Pick<CheckpointArtifact, 'epoch' | 'step' | 'label'> = {};
  const epoch = /(?:^|[-_])epoch=(\d+)/.exec(name);
  const step = /(?:^|[-_])step=(\d+)/.exec(name);
  if (epoch) {
    out.epoch = Number(epoch[1]);
  }
  if (step) {
    out.step = Number(step[1]);
  }
  if (/^last(?:-v\d+)?\.ckpt$/.test(name)) {
    out.label = 'last';
  } else if (/best/i.test(name)) {
    out.label = 'best';
  }
  return out;
}

/** The `.ckpt` files of `<dir>/checkpoints/` with size and mtime; empty when there is no such dir. */
export async function listCheckpoints(dir: string): Promise<CheckpointArtifact[]> {
  const ckptDir = path.join(dir, 'checkpoints');
  let names: string[];
  try {
    names = (await fs.readdir(ckptDir)).filter((n) => n.endsWith('.ckpt')).sort();
  } catch {
    return [];
  }
  const out: CheckpointArtifact[] = [];
  for (const name of names) {
    const file = path.join(ckptDir, name);
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile()) {
      continue;
    }
    out.push({ path: file, sizeBytes: stat.size, mtimeMs: stat.mtimeMs, ...parseCheckpointName(name) });
  }
  return out;
}
