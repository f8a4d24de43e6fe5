import type { RunFormat } from '../../core/runs/model';

const LABELS: Record<RunFormat, string> = {
  tensorboard: 'TensorBoard',
  wandb: 'W&B',
  mlflow: 'MLflow',
  ultralytics: 'Ultralytics',
  lightning: 'Lightning',
  'hf-trainer': 'HF Trainer',
  dvclive: 'DVCLive',
  'keras-csv': 'Keras CSV',
  csv: 'CSV',
  jsonl: 'JSONL',
};

export function formatLabel(format: RunFormat): string {
  return LABELS[format] ?? format;
}
