// Demo runs in the text formats, written with the project's own small writers (no library needed).
import fs from 'node:fs';
import path from 'node:path';
import { curve, seeded } from './curves';
import { demoPicture } from './png';

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Lightning CSVLogger: sparse rows (train every step, val every epoch), hparams.yaml. */
export function writeLightningRun(dir: string, seed: number, epochs = 10, stepsPerEpoch = 50): void {
  const rand = seeded(seed);
  const rows = ['epoch,step,train_loss,val_loss,val_acc'];
  for (let e = 0; e < epochs; e++) {
    for (let s = 0; s < stepsPerEpoch; s += 10) {
      const step = e * stepsPerEpoch + s;
      rows.push(
        `${e},${step},${curve(rand, step, { start: 2.3, end: 0.2 + seed * 0.01, rate: 0.006, noise: 0.05 }).toFixed(5)},,`,
      );
    }
    const step = (e + 1) * stepsPerEpoch - 1;
    const val = curve(rand, step, { start: 2.2, end: 0.3 + seed * 0.01, rate: 0.005, noise: 0.02 });
    const acc = curve(rand, step, { start: 0.1, end: 0.97 - seed * 0.01, rate: 0.006, noise: 0.01 });
    rows.push(`${e},${step},,${val.toFixed(5)},${acc.toFixed(5)}`);
  }
  write(path.join(dir, 'metrics.csv'), rows.join('\n') + '\n');
  write(
    path.join(dir, 'hparams.yaml'),
    `lr: ${(0.001 * seed).toFixed(4)}\nbatch_size: ${32 * seed}\noptimizer: adam\nmodel:\n  channels: [32, 64]\n  dropout: 0.1\nseed: ${seed}\n`,
  );
}

/** Ultralytics YOLOv8 results.csv with padded headers, plus args.yaml. */
export function writeYoloRun(dir: string, seed: number, epochs = 30): void {
  const rand = seeded(seed);
  const cols = [
    'epoch',
    'train/box_loss',
    'train/cls_loss',
    'train/dfl_loss',
    'metrics/precision(B)',
    'metrics/recall(B)',
    'metrics/mAP50(B)',
    'metrics/mAP50-95(B)',
    'val/box_loss',
    'val/cls_loss',
    'val/dfl_loss',
    'lr/pg0',
  ];
  const lines = [cols.map((c) => c.padStart(25)).join(',')];
  for (let e = 1; e <= epochs; e++) {
    const v = [
      e,
      curve(rand, e, { start: 1.6, end: 0.9, rate: 0.08, noise: 0.02 }),
      curve(rand, e, { start: 3.2, end: 0.7, rate: 0.1, noise: 0.02 }),
      curve(rand, e, { start: 1.5, end: 1.0, rate: 0.08, noise: 0.02 }),
      curve(rand, e, { start: 0.2, end: 0.8, rate: 0.1, noise: 0.03 }),
      curve(rand, e, { start: 0.1, end: 0.7, rate: 0.1, noise: 0.03 }),
      curve(rand, e, { start: 0.05, end: 0.72, rate: 0.1, noise: 0.02 }),
      curve(rand, e, { start: 0.02, end: 0.48, rate: 0.1, noise: 0.02 }),
      curve(rand, e, { start: 1.7, end: 1.1, rate: 0.08, noise: 0.02 }),
      curve(rand, e, { start: 3.0, end: 0.9, rate: 0.1, noise: 0.02 }),
      curve(rand, e, { start: 1.6, end: 1.1, rate: 0.08, noise: 0.02 }),
      0.01 * (1 - e / (epochs + 1)),
    ];
    lines.push(v.map((x, i) => (i === 0 ? String(x) : x.toFixed(5)).padStart(25)).join(','));
  }
  write(path.join(dir, 'results.csv'), lines.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'val_batch0_labels.jpg'), demoPicture(seed, true));
  fs.writeFileSync(path.join(dir, 'val_batch0_pred.jpg'), demoPicture(seed + 1, true));
  fs.writeFileSync(path.join(dir, 'confusion_matrix.png'), demoPicture(seed, false));
  write(
    path.join(dir, 'args.yaml'),
    `task: detect\nmode: train\nmodel: yolov8n.pt\ndata: coco8.yaml\nepochs: ${epochs}\nbatch: 16\nimgsz: 640\nproject: runs/detect\nname: ${path.basename(dir)}\nlr0: 0.01\nseed: ${seed}\n`,
  );
}

/** Hugging Face Trainer output dir: trainer_state.json (+ checkpoint-N/ copies). */
export function writeHfRun(dir: string, seed: number, maxSteps = 300): void {
  const rand = seeded(seed);
  const logHistory: Record<string, number>[] = [];
  for (let step = 10; step <= maxSteps; step += 10) {
    logHistory.push({
      epoch: step / 100,
      grad_norm: 1 + rand(),
      learning_rate: 5e-5 * (1 - step / maxSteps),
      loss: curve(rand, step, { start: 0.7, end: 0.15, rate: 0.01, noise: 0.05 }),
      step,
    });
    if (step % 100 === 0) {
      logHistory.push({
        epoch: step / 100,
        eval_accuracy: curve(rand, step, { start: 0.6, end: 0.91, rate: 0.01, noise: 0.01 }),
        eval_loss: curve(rand, step, { start: 0.6, end: 0.25, rate: 0.01, noise: 0.01 }),
        eval_runtime: 2.5,
        step,
      });
    }
  }
  const state = {
    // What load_best_model_at_end records: the dashboard marks this checkpoint best.
    best_metric: 0.27,
    best_model_checkpoint: path.join(dir, 'checkpoint-200'),
    epoch: maxSteps / 100,
    eval_steps: 100,
    global_step: maxSteps,
    log_history: logHistory,
    logging_steps: 10,
    max_steps: maxSteps,
    num_train_epochs: maxSteps / 100,
    save_steps: 100,
    train_batch_size: 16,
  };
  write(path.join(dir, 'trainer_state.json'), JSON.stringify(state, null, 2));
  for (let step = 100; step <= maxSteps; step += 100) {
    const partial = { ...state, global_step: step, log_history: logHistory.filter((h) => h.step <= step) };
    write(path.join(dir, `checkpoint-${step}`, 'trainer_state.json'), JSON.stringify(partial, null, 2));
  }
}

/** JSON lines, detectron2 style: one object per line, step key `iteration`. */
/** `extraMetric`: one more series under that name (the demo's hostile run names one with HTML). */
export function writeJsonlRun(file: string, seed: number, iterations = 400, extraMetric?: string): void {
  const rand = seeded(seed);
  const lines: string[] = [];
  for (let it = 19; it < iterations; it += 20) {
    lines.push(
      JSON.stringify({
        iteration: it,
        total_loss: curve(rand, it, { start: 2.5, end: 0.4, rate: 0.01, noise: 0.04 }),
        loss_cls: curve(rand, it, { start: 1.2, end: 0.1, rate: 0.01, noise: 0.04 }),
        lr: 0.00025,
        ...(extraMetric ? { [extraMetric]: it / iterations } : {}),
      }),
    );
  }
  write(file, lines.join('\n') + '\n');
}

/** Keras CSVLogger file: first column `epoch`. */
export function writeKerasCsv(file: string, seed: number, epochs = 20): void {
  const rand = seeded(seed);
  const rows = ['epoch,accuracy,loss,val_accuracy,val_loss'];
  for (let e = 0; e < epochs; e++) {
    rows.push(
      [
        e,
        curve(rand, e, { start: 0.5, end: 0.99, rate: 0.2, noise: 0.01 }),
        curve(rand, e, { start: 1.5, end: 0.05, rate: 0.2, noise: 0.02 }),
        curve(rand, e, { start: 0.5, end: 0.97, rate: 0.2, noise: 0.01 }),
        curve(rand, e, { start: 1.4, end: 0.1, rate: 0.2, noise: 0.02 }),
      ]
        .map((x, i) => (i === 0 ? String(x) : x.toFixed(6)))
        .join(','),
    );
  }
  write(file, rows.join('\n') + '\n');
}
