// W&B reader benchmark: a generated `.wandb` log of 200k history rows (wandb-core's shape: nested_key
// items, `_step`/`_timestamp`/`_runtime`, a summary record every 10 rows, stats every 100) written with
// the test writer into os.tmpdir(); full read time, MB/s, points/s and the ratio to fs.readFile (median of 5).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runId } from '../src/core/runs/model';
import { readRunOnce } from '../src/core/runs/readOnce';
import { wandbFormat } from '../src/core/sources/wandb/format';
import {
  coreHistory,
  exitRecord,
  LogWriter,
  runRecord,
  statsRecord,
  summaryRecord,
} from '../test/unit/sources/wandb/writer';
import type { BenchRow } from './types';
import { median } from './stats';

const ROWS = 200_000;
const RUNS = 5;

function writeLog(file: string): void {
  const w = new LogWriter();
  w.append(runRecord({ runId: 'bench01', project: 'bench', displayName: 'big', startTime: 1_700_000_000 }));
  for (let i = 0; i < ROWS; i++) {
    const loss = i === 137 ? 'NaN' : Math.exp(-i / 50_000) + Math.sin(i) * 0.01;
    w.append(
      coreHistory(
        i,
        {
          'train/loss': loss,
          'train/acc': 1 - 1 / (i + 2),
          lr: 0.001 * 0.5 ** Math.floor(i / 50_000),
          'train/grad_norm': 1 + Math.cos(i),
        },
        1_700_000_000 + i * 0.01,
      ),
    );
    if (i % 10 === 9) {
      w.append(
        summaryRecord([
          { nested: ['train/loss'], json: String(loss) },
          { nested: ['_step'], json: String(i) },
        ]),
      );
    }
    if (i % 100 === 99) {
      w.append(statsRecord(1_700_000_000 + i * 0.01, { cpu: 50 + (i % 7), memory_percent: 20, 'gpu.0.gpu': 90 }));
    }
  }
  w.append(exitRecord(0));
  fs.writeFileSync(file, w.bytes());
}

export async function benchWandb(): Promise<BenchRow[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-bench-wandb-'));
  try {
    const dir = path.join(tmp, 'wandb', 'run-20260101_000000-bench01');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'run-bench01.wandb');
    writeLog(file);
    const bytes = fs.statSync(file).size;
    const run = { id: runId('wandb', dir), format: 'wandb' as const, dir, project: 'bench', name: 'big' };
    const readTimes: number[] = [];
    const parseTimes: number[] = [];
    let points = 0;
    for (let i = 0; i < RUNS; i++) {
      let t = process.hrtime.bigint();
      await fs.promises.readFile(file);
      readTimes.push(Number(process.hrtime.bigint() - t) / 1e9);
      t = process.hrtime.bigint();
      const state = await readRunOnce(wandbFormat, run);
      parseTimes.push(Number(process.hrtime.bigint() - t) / 1e9);
      points = 0;
      for (const s of state.series.values()) {
        points += s.length;
      }
      if (state.errors.length > 0) {
        throw new Error(`bench log read with errors: ${state.errors[0].message}`);
      }
    }
    const parse = median(parseTimes);
    const read = median(readTimes);
    const mb = bytes / 1e6;
    return [
      {
        name: 'wandb: file size',
        value: Math.round(mb * 10) / 10,
        unit: 'MB',
        note: `${ROWS} history rows, generated`,
      },
      { name: 'wandb: full read', value: Math.round(parse * 1000), unit: 'ms', note: `median of ${RUNS}` },
      { name: 'wandb: throughput', value: Math.round(mb / parse), unit: 'MB/s' },
      { name: 'wandb: points', value: Math.round(points / parse), unit: 'points/s', note: `${points} points` },
      {
        name: 'wandb: ratio to fs.readFile',
        value: Math.round((parse / read) * 10) / 10,
        unit: 'x',
        note: `fs.readFile ${Math.round(read * 1000)} ms`,
      },
    ];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
