// Demo histograms and pictures: a second TensorBoard event file in a run folder holding legacy `histo`
// values (HistogramProto, what PyTorch's add_histogram writes): weights that spread and a bias that drifts;
// and a picture every 200 steps (add_image, embedded in the file).
import fs from 'node:fs';
import path from 'node:path';
import { eventFile, event, legacyImageValue, Pb } from '../unit/sources/tensorboard/writer';
import { seeded } from './curves';
import { demoPicture } from './png';

/** A HistogramProto of samples in fixed-width buckets (`bucket_limit` holds each bucket's right edge). */
function histoValue(tag: string, samples: number[], buckets = 40): Pb {
  const min = Math.min(...samples);
  const max = Math.max(...samples);
  const width = (max - min) / buckets || 1;
  const counts = new Array<number>(buckets).fill(0);
  for (const s of samples) {
    counts[Math.min(buckets - 1, Math.floor((s - min) / width))]++;
  }
  const limits = counts.map((_, i) => min + (i + 1) * width);
  const histo = new Pb()
    .double(1, min)
    .double(2, max)
    .double(3, samples.length)
    .double(
      4,
      samples.reduce((a, b) => a + b, 0),
    )
    .double(
      5,
      samples.reduce((a, b) => a + b * b, 0),
    );
  histo.raw(6, packedDoubles(limits));
  histo.raw(7, packedDoubles(counts));
  return new Pb().string(1, tag).message(5, histo);
}

function packedDoubles(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const dv = new DataView(out.buffer);
  values.forEach((v, i) => dv.setFloat64(i * 8, v, true));
  return out;
}

/** Normal samples (Box–Muller) from the demo's seeded generator. */
function normals(rand: () => number, n: number, mean: number, sd: number): number[] {
  return Array.from({ length: n }, () => {
    const u = Math.max(rand(), 1e-12);
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  });
}

/** `weights/fc1` and `bias/fc1` every `every` steps up to `steps`, in their own event file. */
export function writeHistogramEvents(dir: string, seed: number, steps = 1000, every = 20, t0 = 1_763_800_000): void {
  const rand = seeded(seed * 7919);
  const events: Uint8Array[] = [];
  for (let step = 0; step < steps; step += every) {
    const progress = step / steps;
    events.push(
      event({
        wallTime: t0 + step * 0.8,
        step,
        values: [
          histoValue('weights/fc1', normals(rand, 600, 0, 0.05 + 0.25 * progress)),
          histoValue('bias/fc1', normals(rand, 200, 0.3 * progress, 0.02 + 0.05 * progress)),
          // A picture every 200 steps (add_image), embedded in the event file: the step slider's job.
          ...(step % 200 === 0
            ? [legacyImageValue('samples/reconstruction', demoPicture(step / 200, true), 160, 120)]
            : []),
        ],
      }),
    );
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `events.out.tfevents.${t0 + 1}.demo-host.4242.1`), eventFile(events, t0 + 1));
}
