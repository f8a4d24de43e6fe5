// TensorBoard reader benchmark on the real 500k-scalar PyTorch event file (shared bench input):
// full read time, MB/s, points/s, and the ratio to merely reading the file's bytes (median of 5).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readRunOnce } from '../src/core/runs/readOnce';
import { runId, type DetectedRun } from '../src/core/runs/model';
import { tensorboardFormat } from '../src/core/sources/tensorboard/format';
import { benchRoot } from '../test/support/fixtures';
import type { BenchRow } from './types';
import { median } from './stats';

const RUNS = 5;

function unpack(): { tmp: string; dir: string; file: string } | undefined {
  const root = benchRoot();
  const archive = root && path.join(root, 'tensorboard-500k.tar.gz');
  if (!archive || !fs.existsSync(archive)) {
    return undefined;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-bench-tb-'));
  execFileSync('tar', ['xzf', archive, '-C', tmp]);
  const dir = path.join(tmp, 'big', 'scalars-500k');
  const name = fs.readdirSync(dir).find((f) => f.includes('tfevents'));
  if (!name) {
    throw new Error('no event file in the bench archive');
  }
  return { tmp, dir, file: path.join(dir, name) };
}

/** Polls a fresh reader until it has nothing new, without applying the deltas to a RunState. */
async function pollToEnd(run: DetectedRun): Promise<void> {
  const reader = tensorboardFormat.createReader(run);
  for (let i = 0; i < 1000; i++) {
    const delta = await reader.poll();
    if (!delta.points?.size && !delta.reset) {
      break;
    }
  }
  reader.dispose?.();
}

export async function benchTensorboard(): Promise<BenchRow[]> {
  const input = unpack();
  if (!input) {
    return [{ name: 'tensorboard: skipped', value: 0, unit: '', note: 'tensorboard-500k.tar.gz not found' }];
  }
  try {
    const run = {
      id: runId('tensorboard', input.dir),
      format: 'tensorboard' as const,
      dir: input.dir,
      project: 'big',
      name: 'scalars-500k',
    };
    const bytes = fs.statSync(input.file).size;
    const readTimes: number[] = [];
    const parseTimes: number[] = [];
    const parseCpu: number[] = [];
    const readerOnly: number[] = [];
    let points = 0;
    // One warm-up of each, then RUNS measured rounds interleaved so both see the same cache state.
    await fs.promises.readFile(input.file);
    await readRunOnce(tensorboardFormat, run);
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await fs.promises.readFile(input.file);
      readTimes.push(performance.now() - t);
      t = performance.now();
      const cpu = process.cpuUsage();
      const state = await readRunOnce(tensorboardFormat, run);
      parseTimes.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      parseCpu.push((used.user + used.system) / 1000);
      t = performance.now();
      await pollToEnd(run);
      readerOnly.push(performance.now() - t);
      points = 0;
      for (const series of state.series.values()) {
        points += series.length;
      }
    }
    const readMs = median(readTimes);
    const parseMs = median(parseTimes);
    const note = `${(bytes / 1e6).toFixed(1)} MB, ${points} points, median of ${RUNS}; goal ≤ 200`;
    return [
      { name: 'tensorboard: read 500k-scalar event file', value: parseMs, unit: 'ms', note },
      { name: 'tensorboard: read time / 200 ms goal', value: parseMs / 200, unit: 'x', note: 'goal ≤ 1' },
      {
        name: 'tensorboard: read 500k-scalar event file, CPU time',
        value: median(parseCpu),
        unit: 'ms',
        note: 'user+system; steadier than wall time on a busy machine',
      },
      {
        name: 'tensorboard: reader alone (deltas, no RunState)',
        value: median(readerOnly),
        unit: 'ms',
      },
      { name: 'tensorboard: fs.readFile of the same file', value: readMs, unit: 'ms' },
      { name: 'tensorboard: ratio to fs.readFile', value: parseMs / readMs, unit: 'x', note: 'goal ≤ 15' },
      { name: 'tensorboard: throughput', value: bytes / 1e6 / (parseMs / 1000), unit: 'MB/s' },
      { name: 'tensorboard: points', value: points / (parseMs / 1000), unit: 'points/s' },
    ];
  } finally {
    fs.rmSync(input.tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void benchTensorboard().then((rows) => {
    for (const row of rows) {
      console.log(`${row.name}: ${row.value.toFixed(2)} ${row.unit}${row.note ? ` (${row.note})` : ''}`);
    }
  });
}
