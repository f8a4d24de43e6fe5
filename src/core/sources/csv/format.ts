// Generic metric CSVs: any other `*.csv` that looks like a training log. To keep data sets (train.csv,
// submission.csv, …) out of the run tree, a file counts only when
//   - its header has a step-like column (`step`, `epoch`, `iteration`, `iter`, `global_step`, `_step`) whose
//     first value is a number and at least one other numeric column, or the file has a header only; or
//   - it has no step column but its name says it is a log (`log`, `metric`, `history`, `progress`, `loss`,
//     `result`, `scalar`) and every cell of its first data row is a number (the row index is then the step).
import path from 'node:path';
import { parseNumber } from '../../util/csvNumber';
import type { DetectIo, Detection, DirListing, SourceFormat } from '../types';
import { isKerasHeader } from '../keras-csv/format';
import { createCsvFileReader, fileRun, headLines, looseCsvFiles, sniffDelimiter } from './csvFiles';
import { ROW_INDEX, stepByName } from './tableSeries';

export const GENERIC_STEP_NAMES = ['step', 'epoch', 'iteration', 'iter', 'global_step', '_step'] as const;
const LOG_NAME = /(log|metric|history|progress|loss|result|scalar)/i;

/** Whether a CSV (name + header line + first data row) looks like a metric log. */
export function looksLikeMetricCsv(
  name: string,
  headerLine: string | undefined,
  firstRow: string | undefined,
): boolean {
  if (headerLine === undefined || headerLine.trim() === '') {
    return false;
  }
  const d = sniffDelimiter(headerLine);
  const header = headerLine.split(d).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const stepIndex = stepByName(header, GENERIC_STEP_NAMES);
  if (firstRow === undefined || firstRow.trim() === '') {
    return stepIndex !== ROW_INDEX && header.length >= 2;
  }
  const values = firstRow.split(d).map((c) => parseNumber(c.replace(/^"(.*)"$/, '$1')));
  if (stepIndex !== ROW_INDEX) {
    const step = values[stepIndex];
    return step !== undefined && !Number.isNaN(step) && values.some((v, i) => i !== stepIndex && v !== undefined);
  }
  const cells = firstRow.split(d).filter((c) => c.trim() !== '');
  return LOG_NAME.test(name) && cells.length > 0 && cells.every((c) => parseNumber(c) !== undefined);
}

export const csvFormat: SourceFormat = {
  id: 'csv',
  label: 'CSV',
  async detect(listing: DirListing, io: DetectIo): Promise<Detection | undefined> {
    const claimed: string[] = [];
    for (const name of looseCsvFiles(listing)) {
      const [header, firstRow] = headLines(await io.readHead(path.join(listing.dir, name), 16 * 1024), 2);
      if (header !== undefined && isKerasHeader(header)) {
        continue;
      } // Keras CSVLogger's
      if (looksLikeMetricCsv(name, header, firstRow)) {
        claimed.push(name);
      }
    }
    if (claimed.length === 0) {
      return undefined;
    }
    return { runs: claimed.map((name) => fileRun('csv', listing.dir, name)), claimedFiles: claimed };
  },
  createReader: (run) => createCsvFileReader(run, GENERIC_STEP_NAMES),
};
