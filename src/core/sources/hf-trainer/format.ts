// Hugging Face Transformers Trainer output dirs (trainer_state.json + checkpoint-N/). One run per
// output dir: project = the folder holding it, name = its folder name. Series use the Trainer's own
// log names (`loss`, `eval_loss`, `learning_rate`, `grad_norm`, …) at `step`; `epoch` is not a series.
import type { SourceFormat } from '../types';
import { detectHfTrainer } from './detect';
import { HfTrainerReader } from './reader';

export const hfTrainerFormat: SourceFormat = {
  id: 'hf-trainer',
  label: 'Hugging Face Trainer',
  detect: detectHfTrainer,
  createReader: (run) => new HfTrainerReader(run),
};
