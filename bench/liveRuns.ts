// Issue 4's budgets: append → RunStore event latency (p50/p95) through the real watcher (chokidar),
// discovery of 1,000 and 10,000 generated runs (first run and all runs), and heap per run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunStore } from '../src/core/runs/runStore';
import { ALL_FORMATS } from '../src/core/sources/registry';
import { discoverRuns } from '../src/core/watch/discovery';
import { makeExcluder } from '../src/core/watch/excludes';
import { RunWatcher } from '../src/core/watch/runWatcher';
import { median, ms, percentile } from './stats';
import type { BenchRow } from './types';

function writeRun(dir: string, rows: number): void {
  fs.mkdirSync(dir, { recursive: true });
  const lines = ['epoch,step,train_loss,val_loss'];
  for (let i = 0; i < rows; i++) {
    lines.push(`${Math.floor(i / 10)},${i},${(1 / (i + 1)).toFixed(5)},`);
  }
  fs.writeFileSync(path.join(dir, 'metrics.csv'), lines.join('\n') + '\n');
}

async function appendLatency(): Promise<BenchRow[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-bench-live-'));
  const dir = path.join(root, 'lightning_logs', 'live', 'version_0');
  writeRun(dir, 10);
  const store = new RunStore();
  const watcher = new RunWatcher(store, { formats: [...ALL_FORMATS], isExcluded: makeExcluder() });
  await watcher.start([root]);
  await store.settle();
  const run = store.all()[0];
  const latencies: number[] = [];
  for (let i = 0; i < 60; i++) {
    const before = run.series.get('train_loss')?.length ?? 0;
    const started = process.hrtime.bigint();
    const seen = new Promise<void>((resolve) => {
      const sub = store.onDidChangeRun(({ run: r }) => {
        if (r.id === run.id && (r.series.get('train_loss')?.length ?? 0) > before) {
          sub.dispose();
          resolve();
        }
      });
    });
    fs.appendFileSync(path.join(dir, 'metrics.csv'), `9,${100 + i},0.5,\n`);
    await seen;
    latencies.push(ms(started));
    await new Promise((r) => setTimeout(r, 30));
  }
  watcher.dispose();
  store.dispose();
  fs.rmSync(root, { recursive: true, force: true });
  return [
    {
      name: 'append → store event p50',
      value: percentile(latencies, 0.5),
      unit: 'ms',
      note: 'chokidar event + read (the first event of a 50 ms window reads at once)',
    },
    { name: 'append → store event p95', value: percentile(latencies, 0.95), unit: 'ms', note: 'goal ≤ 100 ms' },
  ];
}

async function discovery(count: number): Promise<BenchRow[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rb-bench-disc-'));
  for (let i = 0; i < count; i++) {
    writeRun(path.join(root, `exp${i % 50}`, `version_${i}`), 20);
  }
  const walks: number[] = [];
  const firsts: number[] = [];
  const loads: number[] = [];
  let heapPerRun = 0;
  for (let round = 0; round < 3; round++) {
    const started = process.hrtime.bigint();
    let first = -1;
    const heapBefore = process.memoryUsage().heapUsed;
    const store = new RunStore();
    await discoverRuns([root], {
      formats: [...ALL_FORMATS],
      isExcluded: makeExcluder(),
      onRun: ({ run, format }) => {
        if (first < 0) {
          first = ms(started);
        }
        store.add(run, format);
      },
    });
    walks.push(ms(started));
    await store.settle();
    loads.push(ms(started));
    firsts.push(first);
    heapPerRun = (process.memoryUsage().heapUsed - heapBefore) / count;
    store.dispose();
  }
  fs.rmSync(root, { recursive: true, force: true });
  return [
    {
      name: `discovery ${count} runs: first run`,
      value: median(firsts),
      unit: 'ms',
      note: count === 1000 ? 'goal ≤ 300 ms' : undefined,
    },
    {
      name: `discovery ${count} runs: all found`,
      value: median(walks),
      unit: 'ms',
      note: count === 1000 ? 'goal ≤ 1000 ms' : undefined,
    },
    { name: `discovery ${count} runs: all read`, value: median(loads), unit: 'ms' },
    {
      name: `heap per run (${count} runs, 20 rows each)`,
      value: heapPerRun / 1024,
      unit: 'KiB',
      note: 'rough: GC timing',
    },
  ];
}

export async function benchLiveRuns(): Promise<BenchRow[]> {
  return [...(await appendLatency()), ...(await discovery(1000)), ...(await discovery(10000))];
}
