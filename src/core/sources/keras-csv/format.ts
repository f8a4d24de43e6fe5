// Keras `CSVLogger` files: a user-named CSV whose first header column is `epoch` (0-based); one run per file.
import path from 'node:path';
import type { DetectIo, Detection, DirListing, SourceFormat } from '../types';
import { createCsvFileReader, fileRun, headLines, looseCsvFiles, sniffDelimiter } from '../csv/csvFiles';

/** Whether a header line is a Keras CSVLogger header (`epoch` first, any separator). */
export function isKerasHeader(line: string): boolean {
  const first = line
    .split(sniffDelimiter(line))[0]
    ?.trim()
    .replace(/^"(.*)"$/, '$1');
  return first === 'epoch';
}

export const kerasCsvFormat: SourceFormat = {
  id: 'keras-csv',
  label: 'Keras CSVLogger',
  async detect(listing: DirListing, io: DetectIo): Promise<Detection | undefined> {
    const claimed: string[] = [];
    for (const name of looseCsvFiles(listing)) {
      const [header] = headLines(await io.readHead(path.join(listing.dir, name), 4096), 1);
      if (header !== undefined && isKerasHeader(header)) {
        claimed.push(name);
      }
    }
    if (claimed.length === 0) {
      return undefined;
    }
    return { runs: claimed.map((name) => fileRun('keras-csv', listing.dir, name)), claimedFiles: claimed };
  },
  createReader: (run) => createCsvFileReader(run, ['epoch']),
};
