// Throughput of the readers the other benches do not cover, on files generated here (~8 MB each, median
// of 3): Ultralytics results.csv, Keras CSVLogger, DVCLive's TSVs, Hugging Face trainer_state.json and an
// MLflow file store. Each is read whole by readRunOnce (detect → reader → RunState), as discovery does;
// MB/s and points/s per format, and the ratio to fs.readFile of the same bytes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readRunOnce } from '../src/core/runs/readOnce';
import { dvcliveFormat } from '../src/core/sources/dvclive/format';
import { hfTrainerFormat } from '../src/core/sources/hf-trainer/format';
import { kerasCsvFormat } from '../src/core/sources/keras-csv/format';
import { mlflowFormat } from '../src/core/sources/mlflow/format';
import type { SourceFormat } from '../src/core/sources/types';
import { ultralyticsFormat } from '../src/core/sources/ultralytics/format';
import { fsDetectIo, listDir } from '../src/core/watch/fsDetectIo';
import type { BenchRow } from './types';
import { median } from './stats';

const TARGET_BYTES = Number(process.env.RUNBOARD_FORMATS_BENCH_MB ?? 8) * 1024 * 1024;
const RUNS = 3;

/** A deterministic value stream. */
function values(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Rows of `columns` numbers (the first is the step/epoch) until `TARGET_BYTES`; returns the point count. */
function rowsUntilFull(write: (cells: number[]) => number, columns: number): number {
  const rand = values(columns);
  let bytes = 0;
  let points = 0;
  for (let row = 0; bytes < TARGET_BYTES; row++) {
    bytes += write([row, ...Array.from({ length: columns - 1 }, () => rand())]);
    points += columns - 1;
  }
  return points;
}

interface Case {
  name: string;
  format: SourceFormat;
  /** Writes the run under `root`; returns the folder to detect in, the bytes written and the points. */
  write(root: string): { dir: string; bytes: number; points: number };
}

const CASES: Case[] = [
  {
    name: 'ultralytics results.csv',
    format: ultralyticsFormat,
    write(root) {
      const dir = path.join(root, 'runs', 'detect', 'train');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'args.yaml'), 'task: detect\nmode: train\nepochs: 100\n');
      const header = ['epoch', 'time', 'train/box_loss', 'train/cls_loss', 'metrics/mAP50(B)', 'val/box_loss'];
      const fd = fs.openSync(path.join(dir, 'results.csv'), 'w');
      fs.writeSync(fd, header.join(',') + '\n');
      const points = rowsUntilFull((c) => fs.writeSync(fd, c.map((v) => String(v)).join(',') + '\n'), header.length);
      fs.closeSync(fd);
      return { dir, bytes: fs.statSync(path.join(dir, 'results.csv')).size, points };
    },
  },
  {
    name: 'keras CSVLogger',
    format: kerasCsvFormat,
    write(root) {
      const dir = path.join(root, 'keras');
      fs.mkdirSync(dir, { recursive: true });
      const header = ['epoch', 'accuracy', 'loss', 'val_accuracy', 'val_loss', 'learning_rate'];
      const file = path.join(dir, 'training_log.csv');
      const fd = fs.openSync(file, 'w');
      fs.writeSync(fd, header.join(',') + '\n');
      const points = rowsUntilFull((c) => fs.writeSync(fd, c.map((v) => String(v)).join(',') + '\n'), header.length);
      fs.closeSync(fd);
      return { dir, bytes: fs.statSync(file).size, points };
    },
  },
  {
    name: 'dvclive plots/metrics TSVs',
    format: dvcliveFormat,
    write(root) {
      const dir = path.join(root, 'exp');
      const plots = path.join(dir, 'dvclive', 'plots', 'metrics');
      const names = ['train/loss', 'train/acc', 'eval/loss', 'eval/acc'];
      for (const name of names) {
        fs.mkdirSync(path.dirname(path.join(plots, `${name}.tsv`)), { recursive: true });
      }
      fs.writeFileSync(path.join(dir, 'dvclive', 'metrics.json'), '{"step": 0}');
      const fds = names.map((name) => {
        const fd = fs.openSync(path.join(plots, `${name}.tsv`), 'w');
        fs.writeSync(fd, `timestamp\tstep\t${path.basename(name)}\n`);
        return fd;
      });
      const points = rowsUntilFull((c) => {
        let written = 0;
        fds.forEach((fd, i) => (written += fs.writeSync(fd, `${1700000000000 + c[0]}\t${c[0]}\t${c[i + 1]}\n`)));
        return written;
      }, names.length + 1);
      fds.forEach((fd) => fs.closeSync(fd));
      const bytes = names.reduce((sum, name) => sum + fs.statSync(path.join(plots, `${name}.tsv`)).size, 0);
      return { dir, bytes, points };
    },
  },
  {
    name: 'hf trainer_state.json',
    format: hfTrainerFormat,
    write(root) {
      const dir = path.join(root, 'hf-output');
      fs.mkdirSync(dir, { recursive: true });
      const history: string[] = [];
      const rand = values(7);
      let bytes = 0;
      let points = 0;
      for (let step = 1; bytes < TARGET_BYTES; step++) {
        const entry = `    {\n      "epoch": ${(step / 1000).toFixed(4)},\n      "grad_norm": ${rand()},\n      "learning_rate": ${rand() * 1e-4},\n      "loss": ${rand() * 2},\n      "step": ${step}\n    }`;
        history.push(entry);
        bytes += entry.length + 2;
        points += 3; // epoch is bookkeeping (the reader keeps it for checkpoints), not a series
      }
      const text = `{\n  "best_metric": null,\n  "best_model_checkpoint": null,\n  "epoch": 1.0,\n  "global_step": ${history.length},\n  "log_history": [\n${history.join(',\n')}\n  ],\n  "max_steps": ${history.length},\n  "num_train_epochs": 1\n}\n`;
      fs.writeFileSync(path.join(dir, 'trainer_state.json'), text);
      return { dir, bytes: text.length, points };
    },
  },
  {
    name: 'mlflow metrics files',
    format: mlflowFormat,
    write(root) {
      const store = path.join(root, 'mlruns');
      const exp = path.join(store, '1');
      const run = path.join(exp, '0123456789abcdef0123456789abcdef');
      fs.mkdirSync(path.join(run, 'metrics'), { recursive: true });
      fs.mkdirSync(path.join(run, 'params'), { recursive: true });
      fs.writeFileSync(
        path.join(exp, 'meta.yaml'),
        `artifact_location: file://${exp}\nexperiment_id: '1'\nlifecycle_stage: active\nname: bench\n`,
      );
      fs.writeFileSync(
        path.join(run, 'meta.yaml'),
        `artifact_uri: file://${run}/artifacts\nend_time: null\nexperiment_id: '1'\nlifecycle_stage: active\nrun_id: 0123456789abcdef0123456789abcdef\nrun_name: bench-run\nstart_time: 1700000000000\nstatus: 1\nuser_id: me\n`,
      );
      const names = ['loss', 'accuracy', 'val_loss', 'val_accuracy'];
      const fds = names.map((name) => fs.openSync(path.join(run, 'metrics', name), 'w'));
      const points = rowsUntilFull((c) => {
        let written = 0;
        fds.forEach((fd, i) => (written += fs.writeSync(fd, `${1700000000000 + c[0]} ${c[i + 1]} ${c[0]}\n`)));
        return written;
      }, names.length + 1);
      fds.forEach((fd) => fs.closeSync(fd));
      const bytes = names.reduce((sum, name) => sum + fs.statSync(path.join(run, 'metrics', name)).size, 0);
      return { dir: store, bytes, points };
    },
  },
];

/** Every file under `dir`, read once with fs.readFile (the floor a reader is compared with). */
function readAll(dir: string): number {
  const started = process.hrtime.bigint();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      fs.readFileSync(path.join(entry.parentPath, entry.name));
    }
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** The run detected at `dir` (or, for a store, under it). */
async function detect(format: SourceFormat, dir: string) {
  const queue = [dir];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    const listing = await listDir(next);
    if (!listing) {
      continue;
    }
    const found = await format.detect(listing, fsDetectIo);
    if (found && found.runs.length > 0) {
      return found.runs[0];
    }
    queue.push(...listing.dirs.map((d) => path.join(next, d)));
  }
  throw new Error(`${format.id}: no run found in ${dir}`);
}

export async function benchFormats(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const c of CASES) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-bench-formats-'));
    try {
      const { dir, bytes, points } = c.write(tmp);
      const run = await detect(c.format, dir);
      const times: number[] = [];
      let read = 0;
      for (let i = 0; i < RUNS; i++) {
        const started = process.hrtime.bigint();
        const state = await readRunOnce(c.format, run);
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        read = [...state.series.values()].reduce((sum, s) => sum + s.length, 0);
      }
      if (read !== points) {
        throw new Error(`${c.name}: read ${read} of the ${points} points written`);
      }
      const ms = median(times);
      const floor = median([readAll(dir), readAll(dir), readAll(dir)]);
      const note = `${(bytes / 1e6).toFixed(1)} MB, ${read} of ${points} points read, median of ${RUNS}`;
      rows.push(
        { name: `${c.name}: read`, value: ms, unit: 'ms', note },
        { name: `${c.name}: throughput`, value: bytes / 1e6 / (ms / 1000), unit: 'MB/s' },
        { name: `${c.name}: points`, value: read / (ms / 1000), unit: 'points/s' },
        { name: `${c.name}: ratio to fs.readFile`, value: ms / floor, unit: 'x' },
      );
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  return rows;
}
