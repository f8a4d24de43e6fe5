// Histograms for the dashboard, compact: per tag at most MAX_HISTOGRAM_STEPS steps (evenly sampled,
// the first and last always kept), each re-binned to HISTOGRAM_BINS equal-width bins over the tag's
// range across those steps (what TensorBoard's frontend does too). Pure: no vscode, no I/O.
import type { HistogramSnapshot } from '../../core/runs/model';
import type { HistogramDto } from '../../shared/runProtocol';

export const MAX_HISTOGRAM_STEPS = 100;
export const HISTOGRAM_BINS = 30;

/** `max` indexes of [0, n) spread evenly, always with the first and the last. */
export function sampleIndexes(n: number, max: number): number[] {
  if (n <= max) {
    return Array.from({ length: n }, (_, i) => i);
  }
  if (max <= 1) {
    return [n - 1];
  }
  const out: number[] = [];
  for (let k = 0; k < max; k++) {
    const i = Math.round((k * (n - 1)) / (max - 1));
    if (out[out.length - 1] !== i) {
      out.push(i);
    }
  }
  return out;
}

/** The [min, max] covered by the non-empty buckets with finite edges (undefined when none). */
export function bucketRange(buckets: Float64Array): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i + 2 < buckets.length; i += 3) {
    const [left, right] = finiteEdges(buckets[i], buckets[i + 1]);
    if (buckets[i + 2] > 0 && left !== undefined && right !== undefined) {
      min = Math.min(min, left);
      max = Math.max(max, right);
    }
  }
  return min <= max ? { min, max } : undefined;
}

/**
 * Re-bins `[k,3]` buckets into `bins` equal-width bins over [min, max]: each bucket's count is spread
 * over the bins it overlaps, in proportion to the overlap (uniform within the bucket, as TensorBoard
 * assumes). A zero-width bucket falls into the bin holding its edge. Counts outside are clamped in.
 */
export function rebin(buckets: Float64Array, min: number, max: number, bins: number): Float64Array {
  const out = new Float64Array(bins);
  const width = (max - min) / bins;
  const binOf = (x: number) => Math.min(bins - 1, Math.max(0, Math.floor((x - min) / width)));
  for (let i = 0; i + 2 < buckets.length; i += 3) {
    const count = buckets[i + 2];
    const [left, right] = finiteEdges(buckets[i], buckets[i + 1]);
    if (!(count > 0) || left === undefined || right === undefined) {
      continue;
    }
    if (!(width > 0) || right <= left) {
      out[binOf(left)] += count;
      continue;
    }
    const lo = Math.max(left, min);
    const hi = Math.min(right, max);
    if (hi <= lo) {
      out[binOf(left)] += count;
      continue;
    }
    for (let b = binOf(lo); b <= binOf(hi) && b < bins; b++) {
      const binLo = min + b * width;
      const overlap = Math.min(hi, binLo + width) - Math.max(lo, binLo);
      if (overlap > 0) {
        out[b] += (count * overlap) / (right - left);
      }
    }
  }
  return out;
}

export function histogramDto(
  tag: string,
  snapshots: HistogramSnapshot[],
  maxSteps = MAX_HISTOGRAM_STEPS,
  bins = HISTOGRAM_BINS,
): HistogramDto | undefined {
  const chosen = sampleIndexes(snapshots.length, maxSteps).map((i) => snapshots[i]);
  let min = Infinity;
  let max = -Infinity;
  for (const s of chosen) {
    const r = bucketRange(s.buckets);
    if (r) {
      min = Math.min(min, r.min);
      max = Math.max(max, r.max);
    }
  }
  if (!(min <= max)) {
    return undefined;
  }
  if (min === max) {
    // One value everywhere (a constant bias): a small range around it.
    const pad = Math.abs(min) * 0.1 || 0.5;
    min -= pad;
    max += pad;
  }
  const counts = new Float64Array(chosen.length * bins);
  chosen.forEach((s, row) => counts.set(rebin(s.buckets, min, max, bins), row * bins));
  return {
    tag,
    min,
    max,
    bins,
    steps: chosen.map((s) => s.step),
    wallTimes: chosen.map((s) => s.wallTime),
    counts,
  };
}

/** Every tag of a run, sorted by tag. */
export function histogramDtos(histograms: Map<string, HistogramSnapshot[]>, tags?: Iterable<string>): HistogramDto[] {
  const out: HistogramDto[] = [];
  for (const tag of [...(tags ?? histograms.keys())].sort()) {
    const dto = histogramDto(tag, histograms.get(tag) ?? []);
    if (dto) {
      out.push(dto);
    }
  }
  return out;
}

/** TensorBoard (TF1) writes ±DBL_MAX as the outer edges: clamp an infinite-looking edge to the other. */
function finiteEdges(left: number, right: number): [number | undefined, number | undefined] {
  const ok = (x: number) => Number.isFinite(x) && Math.abs(x) < 1e300;
  const l = ok(left) ? left : ok(right) ? right : undefined;
  const r = ok(right) ? right : ok(left) ? left : undefined;
  return [l, r];
}
