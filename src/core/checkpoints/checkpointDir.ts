// A checkpoint folder (HF Trainer `checkpoint-80/`, `save_pretrained` output): inspect its weights file, or all
// shards of a sharded model, and merge them into one result. Optimizer / scheduler / RNG files are not weights.
import fs from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from './errors';
import { emptyResult } from './result';
import type { InspectResult } from './types';

/** Preferred single weights files, best first. */
const WEIGHT_FILES = [
  'model.safetensors',
  'pytorch_model.bin',
  'adapter_model.safetensors',
  'adapter_model.bin',
  'diffusion_pytorch_model.safetensors',
  'diffusion_pytorch_model.bin',
];
const SHARD = /^(model|pytorch_model|diffusion_pytorch_model)-\d+-of-\d+\.(safetensors|bin)$/;

/** The weights files of a checkpoint folder, in the order to inspect them (empty when there are none). */
export function weightFiles(names: readonly string[]): string[] {
  const single = WEIGHT_FILES.find((f) => names.includes(f));
  if (single) {
    return [single];
  }
  return names.filter((n) => SHARD.test(n)).sort();
}

export async function inspectCheckpointDir(
  dir: string,
  inspectFile: (file: string) => Promise<InspectResult>,
): Promise<InspectResult> {
  const result = emptyResult(dir);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (err) {
    result.errors.push({ code: 'io-error', message: errorMessage(err), file: dir });
    return result;
  }
  const files = weightFiles(names);
  if (files.length === 0) {
    result.errors.push({ code: 'unknown-format', message: 'no model weights file in this folder', file: dir });
    return result;
  }
  for (const name of files) {
    const r = await inspectFile(path.join(dir, name));
    result.format ??= r.format;
    result.fileSize += r.fileSize;
    for (const t of r.tensors) {
      result.tensors.push(t);
    }
    result.totalParams += r.totalParams;
    result.totalNumel += r.totalNumel;
    result.totalBytes += r.totalBytes;
    for (const [d, n] of Object.entries(r.dtypeCounts)) {
      result.dtypeCounts[d] = (result.dtypeCounts[d] ?? 0) + n;
    }
    result.metadata ??= r.metadata;
    result.tree ??= r.tree;
    result.torch ??= r.torch;
    for (const f of r.frameworks) {
      if (!result.frameworks.includes(f)) {
        result.frameworks.push(f);
      }
    }
    for (const e of r.errors) {
      result.errors.push(e);
    }
  }
  return result;
}
