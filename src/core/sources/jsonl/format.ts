// Generic JSON-lines metric logs and detectron2's metrics.json. See record.ts for how a record becomes
// points (step key, nested names with `/`, NaN/Infinity tokens) and keptSeries.ts for repeated steps.
import type { SourceFormat } from '../types';
import { detectJsonl } from './detect';
import { JsonlReader } from './reader';

export const jsonlFormat: SourceFormat = {
  id: 'jsonl',
  label: 'JSON lines',
  detect: detectJsonl,
  createReader: (run, options) => new JsonlReader(run, options?.quietMs),
};
