// The W&B source format: detection of run folders and the incremental run reader.
import type { SourceFormat } from '../types';
import { detectWandb } from './detect';
import { WandbReader } from './reader';

export const wandbFormat: SourceFormat = {
  id: 'wandb',
  label: 'Weights & Biases',
  detect: detectWandb,
  createReader: (run) => new WandbReader(run),
};
