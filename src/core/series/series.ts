// A columnar, growable series: steps, values and wall times in Float64Arrays. NaN and ±Inf are kept.
import type { PointBatch } from '../runs/model';

export interface SeriesStats {
  n: number;
  first?: [number, number];
  last?: [number, number];
  /** Ignoring NaN; ±Inf included. Undefined when every value is NaN. */
  min?: number;
  max?: number;
  /** Steps of min and max. */
  minStep?: number;
  maxStep?: number;
}

const INITIAL_CAPACITY = 64;

export class Series {
  private _steps: Float64Array<ArrayBuffer> = new Float64Array(INITIAL_CAPACITY);
  private _values: Float64Array<ArrayBuffer> = new Float64Array(INITIAL_CAPACITY);
  private _wallTimes: Float64Array<ArrayBuffer> = new Float64Array(INITIAL_CAPACITY);
  private _length = 0;
  private _min = Infinity;
  private _max = -Infinity;
  private _minStep = NaN;
  private _maxStep = NaN;
  private _hasNumber = false;

  constructor(readonly name: string) {}

  get length(): number {
    return this._length;
  }

  /** Views (no copy) of the first `length` points. */
  get steps(): Float64Array {
    return this._steps.subarray(0, this._length);
  }
  get values(): Float64Array {
    return this._values.subarray(0, this._length);
  }
  get wallTimes(): Float64Array {
    return this._wallTimes.subarray(0, this._length);
  }

  push(step: number, value: number, wallTime = NaN): void {
    this.reserve(this._length + 1);
    const i = this._length++;
    this._steps[i] = step;
    this._values[i] = value;
    this._wallTimes[i] = wallTime;
    this.track(step, value);
  }

  append(batch: PointBatch): void {
    const n = batch.steps.length;
    this.reserve(this._length + n);
    this._steps.set(batch.steps, this._length);
    this._values.set(batch.values, this._length);
    this._wallTimes.set(batch.wallTimes, this._length);
    this._length += n;
    for (let i = 0; i < n; i++) {
      this.track(batch.steps[i], batch.values[i]);
    }
  }

  stats(): SeriesStats {
    const n = this._length;
    if (n === 0) {
      return { n };
    }
    const last = n - 1;
    return {
      n,
      first: [this._steps[0], this._values[0]],
      last: [this._steps[last], this._values[last]],
      min: this._hasNumber ? this._min : undefined,
      max: this._hasNumber ? this._max : undefined,
      minStep: this._hasNumber ? this._minStep : undefined,
      maxStep: this._hasNumber ? this._maxStep : undefined,
    };
  }

  /** Copies points [from, to) into a batch. */
  slice(from = 0, to = this._length): PointBatch {
    return {
      steps: this._steps.slice(from, to),
      values: this._values.slice(from, to),
      wallTimes: this._wallTimes.slice(from, to),
    };
  }

  private track(step: number, value: number): void {
    if (Number.isNaN(value)) {
      return;
    }
    this._hasNumber = true;
    if (value < this._min) {
      this._min = value;
      this._minStep = step;
    }
    if (value > this._max) {
      this._max = value;
      this._maxStep = step;
    }
  }

  private reserve(capacity: number): void {
    if (capacity <= this._steps.length) {
      return;
    }
    let size = this._steps.length * 2;
    while (size < capacity) {
      size *= 2;
    }
    this._steps = grow(this._steps, size);
    this._values = grow(this._values, size);
    this._wallTimes = grow(this._wallTimes, size);
  }
}

function grow(array: Float64Array, size: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(size);
  next.set(array);
  return next;
}

/** Builds a PointBatch from plain arrays (tests, small readers). */
export function batchOf(steps: number[], values: number[], wallTimes?: number[]): PointBatch {
  return {
    steps: Float64Array.from(steps),
    values: Float64Array.from(values),
    wallTimes: wallTimes ? Float64Array.from(wallTimes) : new Float64Array(steps.length).fill(NaN),
  };
}

/** Collects points for several series, then hands them over as one delta's `points`. */
export class PointCollector {
  private readonly pending = new Map<string, { steps: number[]; values: number[]; wallTimes: number[] }>();

  add(name: string, step: number, value: number, wallTime = NaN): void {
    let cols = this.pending.get(name);
    if (!cols) {
      cols = { steps: [], values: [], wallTimes: [] };
      this.pending.set(name, cols);
    }
    cols.steps.push(step);
    cols.values.push(value);
    cols.wallTimes.push(wallTime);
  }

  get size(): number {
    return this.pending.size;
  }

  /** The collected batches; the collector is empty afterwards. */
  take(): Map<string, PointBatch> {
    const out = new Map<string, PointBatch>();
    for (const [name, cols] of this.pending) {
      out.set(name, batchOf(cols.steps, cols.values, cols.wallTimes));
    }
    this.pending.clear();
    return out;
  }
}
