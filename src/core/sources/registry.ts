// Every format Runboard reads, in detection priority order: a format earlier in the list claims its
// files first (a W&B run dir's files/ must not also become a generic CSV run; a YOLO results.csv is not
// a Keras log).
import type { RunFormat } from '../runs/model';
import { csvFormat } from './csv/format';
import { dvcliveFormat } from './dvclive/format';
import { hfTrainerFormat } from './hf-trainer/format';
import { jsonlFormat } from './jsonl/format';
import { kerasCsvFormat } from './keras-csv/format';
import { lightningFormat } from './lightning/format';
import { mlflowFormat } from './mlflow/format';
import { tensorboardFormat } from './tensorboard/format';
import type { SourceFormat } from './types';
import { ultralyticsFormat } from './ultralytics/format';
import { wandbFormat } from './wandb/format';

export const ALL_FORMATS: readonly SourceFormat[] = [
  wandbFormat,
  mlflowFormat,
  hfTrainerFormat,
  ultralyticsFormat,
  dvcliveFormat,
  lightningFormat,
  tensorboardFormat,
  kerasCsvFormat,
  jsonlFormat,
  csvFormat,
];

export function formatById(id: RunFormat): SourceFormat | undefined {
  return ALL_FORMATS.find((f) => f.id === id);
}

/** The formats not switched off, in priority order. */
export function enabledFormats(isEnabled: (id: RunFormat) => boolean): SourceFormat[] {
  return ALL_FORMATS.filter((f) => isEnabled(f.id));
}
