// Which `*.csv` files of a folder are left for the Keras and generic CSV readers, and how to read one.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DeltaBuilder } from '../../runs/deltaBuilder';
import { runId, type DetectedRun, type RunFormat } from '../../runs/model';
import { isLightningCsvDir } from '../lightning/format';
import type { DirListing, RunReader } from '../types';
import { TablesPart } from './parts';
import { PartsReader, type ReaderPart } from './partsReader';
import { stepByName } from './tableSeries';

/** CSV files of the folder that Ultralytics and Lightning do not own (checked here too, whatever the detector order). */
export function looseCsvFiles(listing: DirListing): string[] {
  const ultralytics = listing.files.includes('args.yaml') || listing.files.includes('opt.yaml');
  const lightning = isLightningCsvDir(listing);
  return listing.files.filter((name) => {
    if (!name.toLowerCase().endsWith('.csv')) {
      return false;
    }
    if (ultralytics && name === 'results.csv') {
      return false;
    }
    if (lightning && (name === 'metrics.csv' || name === 'meta_tags.csv')) {
      return false;
    }
    return true;
  });
}

/** The delimiter a header line uses: the most frequent of `,`, tab and `;` (`,` when none). */
export function sniffDelimiter(line: string): string {
  line = line.replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';']) {
    const count = line.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** First lines of a file head, without BOM and line ends. */
export function headLines(head: Uint8Array | undefined, max = 2): string[] {
  if (!head) {
    return [];
  }
  const text = new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '');
  return text
    .split('\n')
    .slice(0, max)
    .map((l) => l.replace(/\r$/, ''));
}

export function fileRun(format: RunFormat, dir: string, name: string): DetectedRun {
  const file = path.join(dir, name);
  return {
    id: runId(format, file),
    format,
    dir,
    file,
    project: path.basename(dir),
    name: name.replace(/\.csv$/i, ''),
  };
}

/** A one-file CSV run: the delimiter is sniffed from the header on the first poll. */
export function createCsvFileReader(run: DetectedRun, stepNames: readonly string[]): RunReader {
  const file = run.file ?? run.dir;
  return new PartsReader([new SniffedTablePart(file, stepNames)], file);
}

class SniffedTablePart implements ReaderPart {
  private inner?: TablesPart;

  constructor(
    private readonly file: string,
    private readonly stepNames: readonly string[],
  ) {}

  async poll(out: DeltaBuilder): Promise<void> {
    if (!this.inner) {
      const head = await readHead(this.file);
      if (head === undefined) {
        return;
      } // not there (yet)
      const [header] = headLines(head, 1);
      if (header === undefined || !head.includes(10)) {
        return;
      } // wait for a whole header line
      const delimiter = sniffDelimiter(header);
      this.inner = new TablesPart(
        async () => [this.file],
        () => ({ dialect: { delimiter }, stepColumn: (h) => stepByName(h, this.stepNames) }),
      );
    }
    await this.inner.poll(out);
  }

  restart(): void {
    this.inner = undefined;
  }
}

async function readHead(file: string): Promise<Uint8Array | undefined> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const buf = new Uint8Array(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
