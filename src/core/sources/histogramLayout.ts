// Conversions of the histogram layouts tools write into TensorBoard's `[k, 3]` layout (left edge,
// right edge, count per bucket; see HistogramSnapshot). Pure functions, shared by the readers.

/**
 * A legacy `HistogramProto` (TF1, PyTorch, tensorboardX) as TensorBoard converts it
 * (tensorboard/data_compat.py `_migrate_histogram_value`): `bucket_limit` holds right edges only, so
 * the empty buckets at both ends are dropped (TF1's default limits start at -DBL_MAX and end at DBL_MAX;
 * PyTorch adds an empty bucket on the left), `min` becomes the first left edge, `max` the last right
 * edge, and every other bucket's left edge is the previous bucket's right edge. Empty buckets inside
 * the range are kept. All empty → `k = 0`.
 *
 * Where TensorBoard would make a backwards bucket (a `min` above the first right edge or a `max` below
 * the last left edge, i.e. a writer that did not fill them) or a non-finite or ±DBL_MAX-sized
 * `min`/`max`, the bucket's own limit is used instead, so one bad field never stretches the range
 * to ±DBL_MAX or ±Infinity.
 * Unlike TensorBoard's Python (float32) this keeps float64 precision.
 */
export function legacyHistogramToBuckets(
  min: number,
  max: number,
  limits: ArrayLike<number>,
  counts: ArrayLike<number>,
): Float64Array {
  const n = Math.min(limits.length, counts.length);
  let start = 0;
  while (start < n && !(counts[start] > 0)) {
    start++;
  }
  let end = n - 1;
  while (end >= start && !(counts[end] > 0)) {
    end--;
  }
  if (start > end) {
    return new Float64Array(0);
  }
  const k = end - start + 1;
  const out = new Float64Array(k * 3);
  for (let i = 0; i < k; i++) {
    const j = start + i;
    out[3 * i] = i === 0 ? NaN : limits[j - 1];
    out[3 * i + 1] = i === k - 1 ? NaN : limits[j];
    out[3 * i + 2] = counts[j];
  }
  // First left edge: `min`, unless it is missing or lies beyond the bucket's right edge.
  const firstRight = k === 1 ? limits[end] : out[1];
  out[0] = isEdge(min) && !(min > firstRight) ? min : innerEdge(firstRight, limits, start - 1);
  // Last right edge: `max`, unless it is missing or lies before the bucket's left edge.
  const lastLeft = out[3 * (k - 1)];
  const lastLimit = limits[end];
  const fallback = isEdge(lastLimit) ? lastLimit : lastLeft;
  out[3 * k - 2] = isEdge(max) && !(max < lastLeft) ? max : fallback;
  return out;
}

/** TF1's outermost limits are ±DBL_MAX: edges that large (or NaN, ±Inf) are not a usable range. */
const HUGE = 1e300;

function isEdge(x: number): boolean {
  return Math.abs(x) < HUGE;
}

/** A left edge for the first bucket when `min` is unusable: the limit before it, else its right edge. */
function innerEdge(right: number, limits: ArrayLike<number>, before: number): number {
  const prev = before >= 0 ? limits[before] : NaN;
  return isEdge(prev) ? prev : right;
}

/** W&B's `wandb.Histogram` as logged in history: `bins` (k+1 edges) or `packedBins`, and `values` (k counts). */
export interface WandbHistogram {
  _type?: string;
  values?: unknown;
  bins?: unknown;
  packedBins?: { min?: unknown; size?: unknown; count?: unknown };
}

/**
 * W&B history histogram → `[k, 3]`: bucket i spans `bins[i]`..`bins[i+1]` with `values[i]` counts;
 * `packedBins {min, size, count}` stands for `count + 1` equal-width edges from `min`. Undefined when
 * the object is not a readable histogram (wrong types, edge/count lengths that do not fit).
 */
export function wandbHistogramToBuckets(h: WandbHistogram): Float64Array | undefined {
  if (h._type !== undefined && h._type !== 'histogram') {
    return undefined;
  }
  const counts = numbers(h.values);
  if (!counts) {
    return undefined;
  }
  let edges = numbers(h.bins);
  if (!edges && h.packedBins) {
    const { min, size, count } = h.packedBins;
    // `count` comes from the file: it must match the counts before anything is allocated.
    if (Number.isFinite(min) && Number.isFinite(size) && Number.isInteger(count) && count === counts.length) {
      edges = Array.from({ length: counts.length + 1 }, (_, i) => (min as number) + i * (size as number));
    }
  }
  if (!edges || edges.length !== counts.length + 1) {
    return undefined;
  }
  const k = counts.length;
  const out = new Float64Array(k * 3);
  for (let i = 0; i < k; i++) {
    out[3 * i] = edges[i];
    out[3 * i + 1] = edges[i + 1];
    out[3 * i + 2] = counts[i];
  }
  return out;
}

function numbers(value: unknown): number[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  const out: number[] = [];
  for (const v of value) {
    if (typeof v !== 'number') {
      return undefined;
    }
    out.push(v);
  }
  return out;
}

/** Sum of the counts of a `[k, 3]` histogram. */
export function histogramCount(buckets: Float64Array): number {
  let total = 0;
  for (let i = 2; i < buckets.length; i += 3) {
    total += buckets[i];
  }
  return total;
}
