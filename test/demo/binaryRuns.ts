// Demo runs in the binary formats, written with the test suites' own writers: a PyTorch-style
// TensorBoard run and W&B offline runs (one crashed).
import fs from 'node:fs';
import path from 'node:path';
import { eventFile, event, hparamsValue, simpleValue } from '../unit/sources/tensorboard/writer';
import {
  configRecord,
  coreHistory,
  exitRecord,
  runRecord,
  statsRecord,
  summaryRecord,
  wandbLog,
} from '../unit/sources/wandb/writer';
import { curve, seeded } from './curves';

const T0 = 1_763_800_000;

/** A SummaryWriter-style run: train/loss every step (one NaN), train/acc, val/loss every 50, lr, hparams. */
export function writeTensorboardRun(dir: string, seed: number, steps = 1000): void {
  const rand = seeded(seed);
  const events: Uint8Array[] = [
    event({ wallTime: T0, step: 0, values: [hparamsValue({ lr: 0.1 / seed, optimizer: 'sgd', batch_size: 128 })] }),
  ];
  for (let step = 0; step < steps; step++) {
    const values = [
      simpleValue(
        'train/loss',
        step === 613 ? NaN : curve(rand, step, { start: 2.3, end: 0.25, rate: 0.004, noise: 0.08 }),
      ),
      simpleValue('train/acc', curve(rand, step, { start: 0.1, end: 0.93, rate: 0.004, noise: 0.02 })),
      simpleValue('lr', (0.1 / seed) * 0.5 * (1 + Math.cos((Math.PI * step) / steps))),
    ];
    if (step % 50 === 49) {
      values.push(simpleValue('val/loss', curve(rand, step, { start: 2.2, end: 0.35, rate: 0.004, noise: 0.02 })));
    }
    events.push(event({ wallTime: T0 + step * 0.8, step, values }));
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `events.out.tfevents.${T0}.demo-host.4242.0`), eventFile(events, T0));
}

/** A W&B offline run folder (`wandb/offline-run-…-<id>/run-<id>.wandb`). */
export function writeWandbRun(
  wandbDir: string,
  id: string,
  name: string,
  seed: number,
  exitCode = 0,
  steps = 300,
): void {
  const rand = seeded(seed);
  const lr = 1e-3 * seed;
  const records: Uint8Array[] = [
    runRecord({
      runId: id,
      project: 'cifar-sweep',
      displayName: name,
      startTime: T0 + seed * 3600,
      config: [{ key: 'lr', json: JSON.stringify({ value: lr }) }],
    }),
    configRecord([
      { key: 'batch_size', json: JSON.stringify({ value: 64 }) },
      { key: 'model', json: JSON.stringify({ value: { depth: 18, width: 64 * seed } }) },
    ]),
  ];
  const last = exitCode === 0 ? steps : Math.floor(steps * 0.4);
  for (let step = 0; step < last; step++) {
    const metrics: Record<string, number | string> = {
      'train/loss': curve(rand, step, { start: 2.3, end: 0.3 + 0.05 * seed, rate: 0.01, noise: 0.05 }),
      'train/acc': curve(rand, step, { start: 0.1, end: 0.9 - 0.03 * seed, rate: 0.01, noise: 0.02 }),
    };
    if (step % 25 === 24) {
      metrics['val/loss'] = curve(rand, step, { start: 2.2, end: 0.4 + 0.05 * seed, rate: 0.01, noise: 0.02 });
    }
    if (exitCode !== 0 && step === last - 1) {
      metrics['train/loss'] = 'Infinity';
    }
    records.push(coreHistory(step, metrics, T0 + seed * 3600 + step));
    if (step % 30 === 0) {
      records.push(statsRecord(T0 + seed * 3600 + step, { cpu: 40 + 20 * rand(), memory_percent: 30 + 5 * rand() }));
    }
  }
  records.push(summaryRecord([{ key: 'best_val_loss', json: String(0.4 + 0.05 * seed) }]));
  records.push(exitRecord(exitCode, last));
  const runDir = path.join(wandbDir, `offline-run-20261120_10000${seed}-${id}`);
  fs.mkdirSync(path.join(runDir, 'files'), { recursive: true });
  fs.writeFileSync(path.join(runDir, `run-${id}.wandb`), wandbLog(records));
  fs.writeFileSync(path.join(runDir, 'files', 'output.log'), consoleLog(name, last, exitCode));
}

/** What W&B captures of a script's console (`files/output.log`): colours and tqdm `\r` progress bars. */
function consoleLog(name: string, steps: number, exitCode: number): string {
  const bar = (done: number) =>
    `\rEpoch 1: ${Math.round((100 * done) / steps)}%|${'█'.repeat(Math.round((10 * done) / steps)).padEnd(10)}| ${done}/${steps}`;
  const lines = [
    `\x1b[34m\x1b[1mwandb\x1b[0m: Tracking run with wandb version 0.18.5`,
    `\x1b[34m\x1b[1mwandb\x1b[0m: W&B syncing is set to \x1b[1m\`offline\`\x1b[0m in this directory.`,
    `Run ${name}: training on cuda:0`,
    [0, Math.floor(steps / 4), Math.floor(steps / 2), steps].map(bar).join(''),
    exitCode === 0
      ? '\x1b[32mTraining finished.\x1b[0m best val/loss reached'
      : '\x1b[31mRuntimeError: loss is inf\x1b[0m',
  ];
  return lines.join('\n') + '\n';
}
