// Histogram values of an event into TensorBoard's `[k, 3]` layout: legacy `Summary.Value.histo`
// (HistogramProto: min=1, max=2, num=3, sum=4, sum_squares=5, bucket_limit=6, bucket=7; PyTorch,
// tensorboardX, TF1) and TF2 `tensor`s of the `histograms` plugin (float64 or float32, shape [k, 3]).
import { legacyHistogramToBuckets } from '../histogramLayout';
import type { HistogramSampler } from '../histogramReservoir';
import { DT_DOUBLE, DT_FLOAT } from './tensor';
import { MalformedProto, type WireReader } from './wire';

/** A single value broadcast to more elements than this is not a histogram (guards memory). */
const MAX_BROADCAST = 3 * 100_000;

/** A growable list of doubles, reused between values (the decoder allocates only its results). */
class Doubles {
  data = new Float64Array(64);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }

  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

export class HistogramDecoder {
  private limits = new Doubles();
  private counts = new Doubles();
  private numbers = new Doubles();
  private readonly dims: number[] = [];

  /**
   * One value of a histogram tag: the TF2 tensor at [tensorStart, tensorEnd) or else the legacy histo at
   * [histoStart, histoEnd) (-1 when absent) goes to the tag's sampler; a tensor that is not a [k, 3]
   * histogram is dropped. Throws MalformedProto on bad bytes (the record is then reported).
   */
  value(
    r: WireReader,
    into: HistogramSampler,
    tensorStart: number,
    tensorEnd: number,
    histoStart: number,
    histoEnd: number,
    step: number,
    wallTime: number,
  ): void {
    let buckets: Float64Array | undefined;
    if (tensorStart >= 0) {
      buckets = this.tensor(r, tensorStart, tensorEnd);
    } else if (histoStart >= 0) {
      buckets = this.legacy(r, histoStart, histoEnd);
    }
    if (buckets) {
      into.offer({ step, wallTime, buckets });
    }
  }

  /** The HistogramProto in r.buf[start, end). Throws MalformedProto on bytes that are not one. */
  legacy(r: WireReader, start: number, end: number): Float64Array {
    // proto3 leaves out zeros: an absent min/max is 0 (e.g. ReLU activations, whose min is 0).
    let min = 0;
    let max = 0;
    this.limits.length = 0;
    this.counts.length = 0;
    r.pos = start;
    while (r.pos < end) {
      const key = r.varint(end);
      const field = key >>> 3;
      const wt = key & 7;
      if ((field === 1 || field === 2) && wt === 1) {
        const v = r.fixed64Double(end);
        if (field === 1) {
          min = v;
        } else {
          max = v;
        }
      } else if ((field === 6 || field === 7) && (wt === 1 || wt === 2)) {
        readDoubles(r, wt, end, field === 6 ? this.limits : this.counts);
      } else if (field === 0) {
        throw new MalformedProto('field number 0');
      } else {
        r.skip(wt, end);
      }
    }
    return legacyHistogramToBuckets(min, max, this.limits.view(), this.counts.view());
  }

  /**
   * The TensorProto in r.buf[start, end) as a histogram: DT_DOUBLE or DT_FLOAT, shape [k, 3] (k = 0 for
   * TF2's empty histogram), from tensor_content or double_val/float_val (one value stands for all, as
   * in TensorProto). Undefined when the tensor is not such a histogram; throws MalformedProto on bad bytes.
   */
  tensor(r: WireReader, start: number, end: number): Float64Array | undefined {
    let dtype = 0;
    let contentStart = -1;
    let contentEnd = -1;
    const dims = this.dims;
    dims.length = 0;
    this.numbers.length = 0;
    r.pos = start;
    while (r.pos < end) {
      const key = r.varint(end);
      const field = key >>> 3;
      const wt = key & 7;
      if (field === 1 && wt === 0) {
        dtype = r.varint(end);
      } else if (field === 2 && wt === 2) {
        readDims(r, r.delimitedEnd(end), dims);
      } else if (field === 4 && wt === 2) {
        contentEnd = r.delimitedEnd(end);
        contentStart = r.pos;
        r.pos = contentEnd;
      } else if (field === 5 && (wt === 5 || wt === 2)) {
        readFloats(r, wt, end, this.numbers);
      } else if (field === 6 && (wt === 1 || wt === 2)) {
        readDoubles(r, wt, end, this.numbers);
      } else if (field === 0) {
        throw new MalformedProto('field number 0');
      } else {
        r.skip(wt, end);
      }
    }
    if ((dtype !== DT_DOUBLE && dtype !== DT_FLOAT) || dims.length !== 2 || dims[1] !== 3) {
      return undefined;
    }
    const n = dims[0] * 3;
    if (!Number.isSafeInteger(n) || n < 0) {
      return undefined;
    }
    const size = dtype === DT_DOUBLE ? 8 : 4;
    if (contentStart >= 0 && contentEnd > contentStart) {
      if (contentEnd - contentStart !== n * size) {
        return undefined;
      }
      const out = new Float64Array(n);
      for (let i = 0, p = contentStart; i < n; i++, p += size) {
        out[i] = size === 8 ? r.dv.getFloat64(p, true) : r.dv.getFloat32(p, true);
      }
      return out;
    }
    const values = this.numbers.view();
    if (values.length === n) {
      return Float64Array.from(values);
    }
    if (values.length === 1 && n > 0 && n <= MAX_BROADCAST) {
      return new Float64Array(n).fill(values[0]);
    }
    return n === 0 ? new Float64Array(0) : undefined;
  }
}

/** A packed (wire type 2) or unpacked (wire type 1) repeated double. */
function readDoubles(r: WireReader, wt: number, end: number, out: Doubles): void {
  if (wt === 1) {
    out.push(r.fixed64Double(end));
    return;
  }
  const stop = r.delimitedEnd(end);
  if ((stop - r.pos) % 8 !== 0) {
    throw new MalformedProto('packed doubles not a multiple of 8 bytes');
  }
  while (r.pos < stop) {
    out.push(r.fixed64Double(stop));
  }
}

/** A packed (wire type 2) or unpacked (wire type 5) repeated float. */
function readFloats(r: WireReader, wt: number, end: number, out: Doubles): void {
  if (wt === 5) {
    out.push(r.fixed32Float(end));
    return;
  }
  const stop = r.delimitedEnd(end);
  if ((stop - r.pos) % 4 !== 0) {
    throw new MalformedProto('packed floats not a multiple of 4 bytes');
  }
  while (r.pos < stop) {
    out.push(r.fixed32Float(stop));
  }
}

/** TensorShapeProto: dim=2 (Dim{size=1}); unknown_rank and names are skipped. */
function readDims(r: WireReader, end: number, dims: number[]): void {
  while (r.pos < end) {
    const key = r.varint(end);
    if (key === 0x12) {
      const stop = r.delimitedEnd(end);
      let size = 0;
      while (r.pos < stop) {
        const k = r.varint(stop);
        if (k === 0x08) {
          size = r.int64(stop);
        } else {
          r.skip(k & 7, stop);
        }
      }
      dims.push(size);
    } else {
      r.skip(key & 7, end);
    }
  }
}
