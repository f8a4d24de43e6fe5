// JSON-lines family benchmark, on generated files in the temp dir (median of 3):
// - a ~50 MB JSONL metrics log (detectron2-like records: `iteration`, 8 metrics, one nested object,
//   a NaN token every 997 records) through readRunOnce: MB/s, points/s and the ratio to fs.readFile;
// - an MLflow run with 8 metric files of 400k lines each (~80 MB of `<ts> <value> <step>` lines):
//   MB/s, points/s and the ratio to fs.readFile of the same files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DetectedRun } from '../src/core/runs/model';
import { readRunOnce } from '../src/core/runs/readOnce';
import { jsonlRun } from '../src/core/sources/jsonl/detect';
import { jsonlFormat } from '../src/core/sources/jsonl/format';
import { mlflowFormat } from '../src/core/sources/mlflow/format';
import type { SourceFormat } from '../src/core/sources/types';
import type { BenchRow } from './types';
import { median } from './stats';

const JSONL_BYTES = 50 * 1024 * 1024;
const MLFLOW_METRICS = 8;
const MLFLOW_LINES = 400_000;
const RUNS = 3;

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function generateJsonl(file: string): void {
  const rand = lcg(42);
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  for (let i = 0; bytes < JSONL_BYTES;) {
    const lines: string[] = [];
    for (let k = 0; k < 10_000; k++, i++) {
      const loss = i % 997 === 0 ? 'NaN' : String(rand() * 3);
      lines.push(
        `{"data_time": ${rand() * 0.01}, "eta_seconds": ${1e5 - i}, "iteration": ${i}, "loss_box_reg": ${rand()}, ` +
          `"loss_cls": ${loss}, "lr": ${0.02 * rand()}, "roi_head": {"num_bg_samples": ${rand() * 128}, "num_fg_samples": ${rand() * 32}}, ` +
          `"time": ${0.3 + rand() * 0.1}, "total_loss": ${rand() * 4}}`,
      );
    }
    const text = lines.join('\n') + '\n';
    bytes += Buffer.byteLength(text);
    fs.writeSync(fd, text);
  }
  fs.closeSync(fd);
}

function generateMlflow(root: string): { run: DetectedRun; files: string[] } {
  const expDir = path.join(root, 'mlruns', '1');
  const runDir = path.join(expDir, '0123456789abcdef0123456789abcdef');
  fs.mkdirSync(path.join(runDir, 'metrics', 'train'), { recursive: true });
  fs.writeFileSync(path.join(expDir, 'meta.yaml'), "experiment_id: '1'\nname: bench\nlifecycle_stage: active\n");
  fs.writeFileSync(
    path.join(runDir, 'meta.yaml'),
    'run_id: 0123456789abcdef0123456789abcdef\nrun_name: big\nstatus: 1\nstart_time: 1700000000000\n',
  );
  const rand = lcg(7);
  const files: string[] = [];
  for (let m = 0; m < MLFLOW_METRICS; m++) {
    const file = path.join(runDir, 'metrics', m % 2 === 0 ? `train/metric_${m}` : `metric_${m}`);
    const fd = fs.openSync(file, 'w');
    for (let start = 0; start < MLFLOW_LINES; start += 50_000) {
      const lines: string[] = [];
      for (let step = start; step < start + 50_000; step++) {
        lines.push(`${1700000000000 + step * 37} ${rand()} ${step}`);
      }
      fs.writeSync(fd, lines.join('\n') + '\n');
    }
    fs.closeSync(fd);
    files.push(file);
  }
  const run: DetectedRun = { id: `mlflow:${runDir}`, format: 'mlflow', dir: runDir, project: 'bench', name: 'big' };
  return { run, files };
}

async function measure(label: string, format: SourceFormat, run: DetectedRun, files: string[]): Promise<BenchRow[]> {
  const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const readT: number[] = [];
  const fullT: number[] = [];
  let points = 0;
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    for (const f of files) {
      await fs.promises.readFile(f);
    }
    readT.push(performance.now() - t);
    t = performance.now();
    const state = await readRunOnce(format, run);
    fullT.push(performance.now() - t);
    points = [...state.series.values()].reduce((sum, s) => sum + s.length, 0);
  }
  const read = median(readT) / 1000;
  const full = median(fullT) / 1000;
  const mb = bytes / (1024 * 1024);
  const note = `${mb.toFixed(1)} MB, ${points} points`;
  return [
    { name: `${label}: reader`, value: mb / full, unit: 'MB/s', note },
    { name: `${label}: reader`, value: points / full, unit: 'points/s', note },
    { name: `${label}: fs.readFile`, value: mb / read, unit: 'MB/s' },
    { name: `${label}: reader time / fs.readFile time`, value: full / read, unit: '×' },
  ];
}

export async function benchJsonl(): Promise<BenchRow[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-bench-jsonl-'));
  try {
    const dir = path.join(tmp, 'output');
    fs.mkdirSync(dir);
    const file = path.join(dir, 'metrics.jsonl');
    generateJsonl(file);
    const rows = await measure('jsonl 50 MB', jsonlFormat, jsonlRun(dir, file), [file]);
    const mlflow = generateMlflow(tmp);
    rows.push(
      ...(await measure(
        `mlflow ${MLFLOW_METRICS}×${MLFLOW_LINES / 1000}k lines`,
        mlflowFormat,
        mlflow.run,
        mlflow.files,
      )),
    );
    return rows;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void benchJsonl().then((rows) => {
    for (const r of rows) {
      console.log(`${r.name.padEnd(48)} ${r.value.toFixed(1).padStart(12)} ${r.unit}${r.note ? `  (${r.note})` : ''}`);
    }
  });
}
