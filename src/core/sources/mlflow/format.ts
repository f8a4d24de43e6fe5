// MLflow's file store (`mlruns/`). One run of ours per MLflow run folder; project = experiment name.
// See detect.ts for what is claimed and reader.ts for what becomes series, config and artifacts.
import type { SourceFormat } from '../types';
import { detectMlflow } from './detect';
import { MlflowReader } from './reader';

export const mlflowFormat: SourceFormat = {
  id: 'mlflow',
  label: 'MLflow',
  detect: detectMlflow,
  createReader: (run) => new MlflowReader(run),
};
