// CSV-family benchmark on a generated ~50 MB Lightning-style metrics.csv (sparse rows, 12 columns) in the
// temp dir: the full reader (readRunOnce: bytes → rows → points), the table scanner alone, csv-parse on the
// same bytes (why the scanner is hand-written), and fs.readFile of the file for the ratio (median of 3).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { runId } from '../src/core/runs/model';
import { readRunOnce } from '../src/core/runs/readOnce';
import { lightningFormat } from '../src/core/sources/lightning/format';
import { CsvTableTail } from '../src/core/util/csvTable';
import type { BenchRow } from './types';
import { median } from './stats';

const TARGET_BYTES = Number(process.env.RUNBOARD_CSV_BENCH_MB ?? 50) * 1024 * 1024;
const RUNS = 3;

/** Writes the file in 1 MB pieces; returns its row count. */
function generate(file: string): number {
  const header = [
    'epoch',
    'lr-SGD',
    'step',
    'train/loss_step',
    'train/acc_step',
    'train/grad_norm',
    'val/loss',
    'val/acc',
    'val/mae',
    'train/loss_epoch',
    'train/acc_epoch',
    'time',
  ];
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, header.join(',') + '\r\n');
  let bytes = 0;
  let rows = 0;
  let seed = 12345;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  while (bytes < TARGET_BYTES) {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++, rows++) {
      const step = rows * 5;
      const val = rows % 10 === 0;
      const cells = [
        String(Math.floor(rows / 1000)),
        rows % 100 === 0 ? String(0.02 * rand()) : '',
        String(step),
        String(rand() * 3),
        String(rand()),
        rows % 997 === 0 ? 'nan' : String(rand() * 10),
        val ? String(rand() * 2) : '',
        val ? String(rand()) : '',
        val ? String(rand()) : '',
        '',
        '',
        String(rows * 0.13),
      ];
      lines.push(cells.join(','));
    }
    const text = lines.join('\r\n') + '\r\n';
    bytes += Buffer.byteLength(text);
    fs.writeSync(fd, text);
  }
  fs.closeSync(fd);
  return rows;
}

async function scanOnly(file: string): Promise<number> {
  const table = new CsvTableTail(file);
  let rows = 0;
  for (;;) {
    const chunk = await table.readTable();
    if (chunk.rows.length === 0) {
      return rows;
    }
    rows += chunk.rows.length;
  }
}

export async function benchCsv(): Promise<BenchRow[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-bench-csv-'));
  try {
    const dir = path.join(tmp, 'lightning_logs', 'version_0');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'metrics.csv');
    const rows = generate(file);
    const bytes = fs.statSync(file).size;
    const run = {
      id: runId('lightning', dir),
      format: 'lightning' as const,
      dir,
      project: 'lightning_logs',
      name: 'version_0',
    };
    const readT: number[] = [];
    const fullT: number[] = [];
    const scanT: number[] = [];
    const csvParseT: number[] = [];
    let points = 0;
    await readRunOnce(lightningFormat, run); // warm-up
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      const buf = await fs.promises.readFile(file);
      readT.push(performance.now() - t);
      t = performance.now();
      const state = await readRunOnce(lightningFormat, run);
      fullT.push(performance.now() - t);
      points = 0;
      for (const s of state.series.values()) {
        points += s.length;
      }
      t = performance.now();
      await scanOnly(file);
      scanT.push(performance.now() - t);
      if (i === 0) {
        t = performance.now();
        parse(buf, { relax_column_count: true });
        csvParseT.push(performance.now() - t);
      }
    }
    const mb = bytes / 1e6;
    const readMs = median(readT);
    const fullMs = median(fullT);
    const scanMs = median(scanT);
    const note = `${mb.toFixed(1)} MB, ${rows} rows, ${points} points, median of ${RUNS}`;
    return [
      { name: 'csv: read Lightning metrics.csv (readRunOnce)', value: fullMs, unit: 'ms', note },
      { name: 'csv: throughput', value: mb / (fullMs / 1000), unit: 'MB/s' },
      { name: 'csv: rows', value: rows / (fullMs / 1000), unit: 'rows/s' },
      { name: 'csv: points', value: points / (fullMs / 1000), unit: 'points/s' },
      {
        name: 'csv: table scanner alone',
        value: mb / (scanMs / 1000),
        unit: 'MB/s',
        note: `${(rows / (scanMs / 1000)).toFixed(0)} rows/s`,
      },
      {
        name: 'csv: csv-parse/sync on the same bytes',
        value: mb / (csvParseT[0] / 1000),
        unit: 'MB/s',
        note: 'one run, for comparison',
      },
      { name: 'csv: fs.readFile of the same file', value: readMs, unit: 'ms' },
      { name: 'csv: ratio to fs.readFile', value: fullMs / readMs, unit: 'x' },
    ];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void benchCsv().then((rows) => {
    for (const row of rows) {
      console.log(`${row.name}: ${row.value.toFixed(2)} ${row.unit}${row.note ? ` (${row.note})` : ''}`);
    }
  });
}
