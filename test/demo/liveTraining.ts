// A simulated training run that keeps appending, like a real Lightning CSVLogger does: one row per step.
// Usage: node out/test/demo/liveTraining.js <run dir> [interval ms] [max steps]
import fs from 'node:fs';
import path from 'node:path';
import { curve, seeded } from './curves';

export function startLiveTraining(dir: string, intervalMs = 500, maxSteps = Infinity): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'metrics.csv');
  fs.writeFileSync(path.join(dir, 'hparams.yaml'), 'lr: 0.003\nbatch_size: 64\noptimizer: sgd\nmomentum: 0.9\n');
  fs.writeFileSync(file, 'epoch,step,train_loss,val_loss\n');
  const rand = seeded(7);
  let step = 0;
  const timer = setInterval(() => {
    const epoch = Math.floor(step / 100);
    const loss = curve(rand, step, { start: 2.4, end: 0.3, rate: 0.004, noise: 0.06 });
    const val =
      step % 20 === 19 ? curve(rand, step, { start: 2.3, end: 0.35, rate: 0.004, noise: 0.02 }).toFixed(5) : '';
    fs.appendFileSync(file, `${epoch},${step},${loss.toFixed(5)},${val}\n`);
    step++;
    if (step >= maxSteps) {
      clearInterval(timer);
    }
  }, intervalMs);
  return () => clearInterval(timer);
}

if (require.main === module) {
  const [dir, interval, max] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: liveTraining <run dir> [interval ms] [max steps]');
    process.exit(2);
  }
  startLiveTraining(path.resolve(dir), Number(interval ?? 500), max ? Number(max) : Infinity);
}
