// `npm run bench`: every benchmark, one table. Figures are medians on this machine; ratios compare two
// things measured in the same run. Budgets are notes here, never assertions in tests.
// Run one: node out/bench/index.js tensorboard
import os from 'node:os';
import { benchBrowser } from './browser';
import { benchCheckpoints } from './checkpoints';
import { benchCompare } from './compare';
import { benchCsv } from './csv';
import { benchDashboard } from './dashboard';
import { benchFormats } from './formats';
import { benchJsonl } from './jsonl';
import { benchLiveRuns } from './liveRuns';
import { benchTensorboard } from './tensorboard';
import type { BenchRow } from './types';
import { benchWandb } from './wandb';

const BENCHES: Record<string, () => Promise<BenchRow[]>> = {
  tensorboard: benchTensorboard,
  wandb: benchWandb,
  csv: benchCsv,
  jsonl: benchJsonl,
  formats: benchFormats,
  checkpoints: benchCheckpoints,
  dashboard: benchDashboard,
  compare: benchCompare,
  live: benchLiveRuns,
  browser: benchBrowser,
};

function format(value: number): string {
  if (value >= 100) {
    return value.toFixed(0);
  }
  if (value >= 10) {
    return value.toFixed(1);
  }
  return value.toFixed(2);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const names = only.length ? only : Object.keys(BENCHES);
  console.log(`Runboard benchmarks — node ${process.version}, ${os.cpus().length} cores\n`);
  for (const name of names) {
    const bench = BENCHES[name];
    if (!bench) {
      console.error(`unknown benchmark "${name}"; one of: ${Object.keys(BENCHES).join(', ')}`);
      process.exitCode = 2;
      continue;
    }
    console.log(`## ${name}`);
    try {
      for (const row of await bench()) {
        console.log(
          `  ${row.name.padEnd(52)} ${format(row.value).padStart(10)} ${row.unit.padEnd(8)} ${row.note ?? ''}`,
        );
      }
    } catch (err) {
      console.log(`  failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    }
    console.log('');
  }
}

void main();
