// Reads an Ultralytics run dir: results.csv (YOLOv8+/YOLOv5) or results.txt (2020 YOLOv5), args.yaml or
// opt.yaml + hyp.yaml, weights/ and plots.
import fs from 'node:fs';
import path from 'node:path';
import type { DeltaBuilder } from '../../runs/deltaBuilder';
import type { DetectedRun } from '../../runs/model';
import { ArtifactsPart, ConfigPart, TablesPart } from '../csv/parts';
import { PartsReader, type ReaderPart } from '../csv/partsReader';
import { stepByName, type TableSeriesFile, type TableSeriesOptions } from '../csv/tableSeries';
import type { RunReader } from '../types';
import { listUltralyticsArtifacts } from './artifacts';

/**
 * Columns of YOLOv5's 2020 `results.txt` (no header): `epoch/total`, GPU memory (`5.12G`, read as GB), the
 * mean train losses and their total, the label count, the image size, P, R, mAP@.5, mAP@.5:.95, then the
 * val losses. Names follow the TensorBoard tags the same YOLOv5 version wrote.
 */
export const RESULTS_TXT_COLUMNS = [
  'epoch',
  'gpu_mem',
  'train/box_loss',
  'train/obj_loss',
  'train/cls_loss',
  'train/total_loss',
  'targets',
  'img_size',
  'metrics/precision',
  'metrics/recall',
  'metrics/mAP_0.5',
  'metrics/mAP_0.5:0.95',
  'val/box_loss',
  'val/obj_loss',
  'val/cls_loss',
] as const;

interface RunFacts {
  epochs?: number;
  /** From results.txt `epoch/total`. */
  lastTotal?: number;
}

export function createUltralyticsReader(run: DetectedRun): RunReader {
  const dir = run.dir;
  const facts: RunFacts = {};
  const useEpochs = (config: Record<string, unknown>, out: DeltaBuilder): void => {
    const epochs = config.epochs;
    if (typeof epochs === 'number' && epochs > 0) {
      facts.epochs = epochs;
      out.meta.totalEpochs = epochs;
    }
  };
  const parts: ReaderPart[] = [
    new ConfigPart(path.join(dir, 'args.yaml'), undefined, '', useEpochs),
    new ConfigPart(path.join(dir, 'opt.yaml'), undefined, '', useEpochs),
    new ConfigPart(path.join(dir, 'hyp.yaml'), undefined, 'hyp'),
    new TablesPart(
      async () => existing([path.join(dir, 'results.csv'), path.join(dir, 'results.txt')]),
      (file) => (file.endsWith('.txt') ? resultsTxtOptions(facts) : resultsCsvOptions),
      (table, _result, out) => markFinished(table, facts, out),
    ),
    new ArtifactsPart(() => listUltralyticsArtifacts(dir)),
  ];
  return new PartsReader(parts, dir);
}

const resultsCsvOptions: TableSeriesOptions = {
  stepColumn: (header) => stepByName(header, ['epoch']),
};

function resultsTxtOptions(facts: RunFacts): TableSeriesOptions {
  return {
    dialect: { whitespace: true, noHeader: true },
    columns: [...RESULTS_TXT_COLUMNS],
    stepColumn: () => 0,
    mapRow: (row) => {
      const cells = row.slice();
      const slash = cells[0]?.indexOf('/') ?? -1;
      if (slash >= 0) {
        const total = Number(cells[0].slice(slash + 1));
        if (Number.isFinite(total)) {
          facts.lastTotal = total;
        }
        cells[0] = cells[0].slice(0, slash);
      }
      if (cells[1]?.endsWith('G')) {
        cells[1] = cells[1].slice(0, -1);
      }
      return cells;
    },
  };
}

/** Status `finished` once the row of the last epoch is in (epochs are 1-based since 8.3.9, 0-based before). */
function markFinished(table: TableSeriesFile, facts: RunFacts, out: DeltaBuilder): void {
  if (facts.lastTotal !== undefined) {
    out.meta.totalEpochs = facts.lastTotal + 1;
  }
  const epochs = facts.lastTotal !== undefined ? facts.lastTotal + 1 : facts.epochs;
  if (epochs === undefined || table.firstStep === undefined || table.lastStep === undefined) {
    return;
  }
  const finalEpoch = table.firstStep === 0 ? epochs - 1 : epochs;
  if (table.lastStep >= finalEpoch) {
    out.meta.status = 'finished';
  }
}

async function existing(files: string[]): Promise<string[]> {
  return files.filter((f) => fs.existsSync(f));
}
