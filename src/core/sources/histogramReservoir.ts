// Bounds how many histograms of one tag are kept: TensorBoard keeps 500 per tag by default (its
// reservoir for histograms). Ours is deterministic instead of random, in two halves:
//
//  - HistogramSampler (reader side): snapshot number n of a tag (0, 1, 2, … in file order) is emitted
//    when n is a multiple of the stride k; k starts at 1 and doubles whenever more than `cap` multiples
//    of k would be kept, so what one tag holds is always the evenly spaced 0, k, 2k, … plus the
//    latest snapshot (emitted at the end of a poll even when it is off the stride, so a live run
//    shows its newest histogram). One poll never emits more than `cap + 1` snapshots of a tag, however
//    large the file.
//  - thinHistograms (state side): a consumer that accumulates emitted snapshots across polls keeps
//    them under `cap` by dropping every second one (the oldest is kept, and always the latest) — the
//    same halving the stride doubling does — because a delta cannot take back what was emitted.
import type { HistogramSnapshot } from '../runs/model';

/** TensorBoard's default reservoir size for histograms (`--samples_per_plugin histograms=500`). */
export const HISTOGRAM_RESERVOIR_SIZE = 500;

export class HistogramSampler {
  private seen = 0;
  private stride = 1;
  private pending: HistogramSnapshot[] = [];
  private pendingOrdinals: number[] = [];
  private last: HistogramSnapshot | undefined;
  private lastOrdinal = -1;

  constructor(private readonly cap = HISTOGRAM_RESERVOIR_SIZE) {}

  /** Snapshots offered since the stream started (the ordinal of the next one). */
  get count(): number {
    return this.seen;
  }

  offer(snapshot: HistogramSnapshot): void {
    const n = this.seen++;
    this.last = snapshot;
    this.lastOrdinal = n;
    if (n % this.stride !== 0) {
      return;
    }
    this.pending.push(snapshot);
    this.pendingOrdinals.push(n);
    // Multiples of the stride in 0..n: more than `cap` means the stride doubles.
    if (Math.floor(n / this.stride) + 1 > this.cap) {
      this.stride *= 2;
      this.dropOffStride();
    }
  }

  /** What to emit now: the new on-stride snapshots, then the latest one if it is off the stride. */
  take(): HistogramSnapshot[] {
    const out = this.pending;
    if (this.last !== undefined && this.lastOrdinal % this.stride !== 0) {
      out.push(this.last);
    }
    this.pending = [];
    this.pendingOrdinals = [];
    this.last = undefined;
    return out;
  }

  private dropOffStride(): void {
    let w = 0;
    for (let i = 0; i < this.pending.length; i++) {
      if (this.pendingOrdinals[i] % this.stride === 0) {
        this.pending[w] = this.pending[i];
        this.pendingOrdinals[w] = this.pendingOrdinals[i];
        w++;
      }
    }
    this.pending.length = w;
    this.pendingOrdinals.length = w;
  }
}

/**
 * Keeps `list` (one tag's snapshots in order) at most `cap` long, in place: while it is longer, every
 * second snapshot is dropped, keeping the first and always the last. Returns whether it changed.
 */
export function thinHistograms(list: HistogramSnapshot[], cap = HISTOGRAM_RESERVOIR_SIZE): boolean {
  if (list.length <= cap || cap < 2) {
    return false;
  }
  while (list.length > cap) {
    const last = list[list.length - 1];
    let w = 0;
    for (let i = 0; i < list.length; i += 2) {
      list[w++] = list[i];
    }
    if (list[w - 1] !== last) {
      list[w++] = last;
    }
    list.length = w;
  }
  return true;
}

/** One HistogramSampler per tag, for readers that meet histograms of many tags. */
export class HistogramStreams {
  private readonly samplers = new Map<string, HistogramSampler>();

  offer(tag: string, snapshot: HistogramSnapshot): void {
    let sampler = this.samplers.get(tag);
    if (!sampler) {
      sampler = new HistogramSampler();
      this.samplers.set(tag, sampler);
    }
    sampler.offer(snapshot);
  }

  /** What to emit now, per tag (tags with nothing new are left out). */
  take(): Map<string, HistogramSnapshot[]> {
    const out = new Map<string, HistogramSnapshot[]>();
    for (const [tag, sampler] of this.samplers) {
      const snapshots = sampler.take();
      if (snapshots.length > 0) {
        out.set(tag, snapshots);
      }
    }
    return out;
  }
}
