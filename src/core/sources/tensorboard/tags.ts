// Per-directory tag table: interns tag bytes (no string decoding per event), remembers each tag's
// plugin from its FIRST metadata (writers strip it from later values), and buffers new points.
import type { PointBatch } from '../../runs/model';
import type { HistogramSampler } from '../histogramReservoir';

export class TagEntry {
  /** Set from the first value of this tag that carried metadata (EventAccumulator semantics). */
  hasMetadata = false;
  plugin = '';
  dataClass = 0;
  /** Set by the tag's first value: like RustBoard, that value's kind decides what the tag is. */
  kindDecided = false;
  /** Present when the first value was a histogram: the tag's snapshots (histogram tags have no points). */
  histograms: HistogramSampler | undefined;
  /** Buffered points in fixed-size chunks (one per column): no regrowth copies while reading. */
  private full: Array<[Float64Array, Float64Array, Float64Array]> = [];
  private steps: Float64Array = EMPTY;
  private values: Float64Array = EMPTY;
  private walls: Float64Array = EMPTY;
  private at = 0;
  length = 0;
  /** The tag that followed this one last time: writers repeat the same tag cycle every step. */
  next: TagEntry | undefined;

  constructor(
    readonly tag: string,
    /** The series name this tag's points go to (sub-run folding may rename it). */
    readonly series: string,
    readonly bytes: Uint8Array,
  ) {}

  push(step: number, value: number, wallTime: number): void {
    let at = this.at;
    if (at === this.steps.length) {
      if (at > 0) {
        this.full.push([this.steps, this.values, this.walls]);
      }
      const size = this.length === 0 ? FIRST_CHUNK : CHUNK;
      this.steps = new Float64Array(size);
      this.values = new Float64Array(size);
      this.walls = new Float64Array(size);
      at = 0;
    }
    this.steps[at] = step;
    this.values[at] = value;
    this.walls[at] = wallTime;
    this.at = at + 1;
    this.length++;
  }

  /** The buffered points as a batch; the buffer is emptied. */
  take(): PointBatch {
    const n = this.length;
    let batch: PointBatch;
    if (this.full.length === 0) {
      // One chunk: hand over views of it (it is replaced below, so nobody writes to it again).
      batch = {
        steps: this.steps.subarray(0, n),
        values: this.values.subarray(0, n),
        wallTimes: this.walls.subarray(0, n),
      };
    } else {
      batch = { steps: new Float64Array(n), values: new Float64Array(n), wallTimes: new Float64Array(n) };
      let i = 0;
      for (const [st, va, wa] of [...this.full, [this.steps, this.values, this.walls] as const]) {
        const m = st === this.steps ? this.at : st.length;
        batch.steps.set(st.subarray(0, m), i);
        batch.values.set(va.subarray(0, m), i);
        batch.wallTimes.set(wa.subarray(0, m), i);
        i += m;
      }
    }
    this.full = [];
    this.steps = this.values = this.walls = EMPTY;
    this.at = 0;
    this.length = 0;
    return batch;
  }

  matches(buf: Uint8Array, start: number, end: number): boolean {
    const b = this.bytes;
    if (b.length !== end - start) {
      return false;
    }
    for (let i = 0; i < b.length; i++) {
      if (b[i] !== buf[start + i]) {
        return false;
      }
    }
    return true;
  }
}

const EMPTY = new Float64Array(0);
const FIRST_CHUNK = 64;
const CHUNK = 8192;

const utf8 = new TextDecoder('utf-8');

export class TagTable {
  private readonly byHash = new Map<number, TagEntry>();
  private readonly byName = new Map<string, TagEntry>();
  private last: TagEntry | undefined;

  constructor(private readonly rename: (tag: string) => string = (tag) => tag) {}

  get(buf: Uint8Array, start: number, end: number): TagEntry {
    const guess = this.last?.next;
    if (guess !== undefined && guess.matches(buf, start, end)) {
      return (this.last = guess);
    }
    const found = this.lookup(buf, start, end);
    if (this.last) {
      this.last.next = found;
    }
    return (this.last = found);
  }

  private lookup(buf: Uint8Array, start: number, end: number): TagEntry {
    let h = 0x811c9dc5 ^ (end - start);
    for (let i = start; i < end; i++) {
      h = Math.imul(h ^ buf[i], 16777619);
    }
    const hit = this.byHash.get(h);
    if (hit !== undefined && hit.matches(buf, start, end)) {
      return hit;
    }
    const tag = utf8.decode(buf.subarray(start, end));
    let entry = this.byName.get(tag);
    if (!entry) {
      entry = new TagEntry(tag, this.rename(tag), buf.slice(start, end));
      this.byName.set(tag, entry);
    }
    if (hit === undefined) {
      this.byHash.set(h, entry);
    }
    return entry;
  }

  entries(): IterableIterator<TagEntry> {
    return this.byName.values();
  }
}
