// The points a JSONL reader has given, kept so that a step going back can be honoured the way
// TensorBoard's RustBoard does it: a point at step s drops the kept points of its series at steps >= s
// (a restarted or resumed training re-logs those steps, and the newest values win). Points already
// handed out can only be taken back by a reset, so take() then returns the whole state.
import type { PointBatch } from '../../runs/model';

class Columns {
  steps: Float64Array = new Float64Array(16);
  values: Float64Array = new Float64Array(16);
  wallTimes: Float64Array = new Float64Array(16);
  length = 0;
  /** Points [0, emitted) were handed out already. */
  emitted = 0;

  push(step: number, value: number, wallTime: number): void {
    if (this.length === this.steps.length) {
      const size = this.length * 2;
      this.steps = grow(this.steps, size);
      this.values = grow(this.values, size);
      this.wallTimes = grow(this.wallTimes, size);
    }
    const i = this.length++;
    this.steps[i] = step;
    this.values[i] = value;
    this.wallTimes[i] = wallTime;
  }

  /** Removes every point at step >= `step`; returns the index of the first point removed (or length). */
  dropFrom(step: number): number {
    let firstRemoved = this.length;
    let w = 0;
    for (let r = 0; r < this.length; r++) {
      if (this.steps[r] >= step) {
        if (firstRemoved === this.length) {
          firstRemoved = r;
        }
        continue;
      }
      this.steps[w] = this.steps[r];
      this.values[w] = this.values[r];
      this.wallTimes[w] = this.wallTimes[r];
      w++;
    }
    this.length = w;
    return firstRemoved;
  }

  slice(from: number): PointBatch {
    return {
      steps: this.steps.slice(from, this.length),
      values: this.values.slice(from, this.length),
      wallTimes: this.wallTimes.slice(from, this.length),
    };
  }
}

function grow(array: Float64Array, size: number): Float64Array {
  const next = new Float64Array(size);
  next.set(array);
  return next;
}

export interface TakenPoints {
  /** True when kept points that were already handed out had to be dropped: `points` is then everything. */
  reset: boolean;
  points: Map<string, PointBatch>;
}

export class KeptSeriesSet {
  private readonly series = new Map<string, Columns>();
  private mustReset = false;

  /** Adds a point; with `evict`, first drops the series' points at steps >= `step`. */
  add(name: string, step: number, value: number, wallTime: number, evict: boolean): void {
    let cols = this.series.get(name);
    if (!cols) {
      cols = new Columns();
      this.series.set(name, cols);
    } else if (evict && cols.length > 0 && cols.steps[cols.length - 1] >= step) {
      const firstRemoved = cols.dropFrom(step);
      if (firstRemoved < cols.emitted) {
        this.mustReset = true;
      }
    }
    cols.push(step, value, wallTime);
  }

  /** Points added since the last take (or everything, after a drop of handed-out points). */
  take(): TakenPoints {
    const reset = this.mustReset;
    this.mustReset = false;
    const points = new Map<string, PointBatch>();
    for (const [name, cols] of this.series) {
      const from = reset ? 0 : cols.emitted;
      if (cols.length > from) {
        points.set(name, cols.slice(from));
      }
      cols.emitted = cols.length;
    }
    return { reset, points };
  }

  /** Forgets everything (the file was rewritten). */
  clear(): void {
    this.series.clear();
    this.mustReset = false;
  }
}
