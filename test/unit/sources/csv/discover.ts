// A tiny discovery for the CSV-family tests: walks folders, asks each format in order, skips what earlier
// formats claimed (files) and does not descend into claimed folders — the contract discovery follows.
import path from 'node:path';
import type { DetectedRun } from '../../../../src/core/runs/model';
import type { SourceFormat } from '../../../../src/core/sources/types';
import { fsDetectIo, listDir } from '../../../../src/core/watch/fsDetectIo';
import { csvFormat } from '../../../../src/core/sources/csv/format';
import { dvcliveFormat } from '../../../../src/core/sources/dvclive/format';
import { kerasCsvFormat } from '../../../../src/core/sources/keras-csv/format';
import { lightningFormat } from '../../../../src/core/sources/lightning/format';
import { ultralyticsFormat } from '../../../../src/core/sources/ultralytics/format';

export const CSV_FAMILY: SourceFormat[] = [
  ultralyticsFormat,
  lightningFormat,
  dvcliveFormat,
  kerasCsvFormat,
  csvFormat,
];

export function formatOf(run: DetectedRun): SourceFormat {
  const f = CSV_FAMILY.find((x) => x.id === run.format);
  if (!f) {
    throw new Error(`no format ${run.format}`);
  }
  return f;
}

export async function discoverCsvFamily(root: string, formats = CSV_FAMILY, depth = 0): Promise<DetectedRun[]> {
  const listing = await listDir(root);
  if (!listing || depth > 20) {
    return [];
  }
  const runs: DetectedRun[] = [];
  const claimedFiles = new Set<string>();
  const claimedDirs = new Set<string>();
  for (const format of formats) {
    const view = { ...listing, files: listing.files.filter((f) => !claimedFiles.has(f)) };
    const found = await format.detect(view, fsDetectIo);
    if (!found) {
      continue;
    }
    runs.push(...found.runs);
    found.claimedFiles?.forEach((f) => claimedFiles.add(f));
    found.claimedDirs?.forEach((d) => claimedDirs.add(d));
  }
  for (const d of listing.dirs) {
    if (!claimedDirs.has(d)) {
      runs.push(...(await discoverCsvFamily(path.join(root, d), formats, depth + 1)));
    }
  }
  return runs;
}
