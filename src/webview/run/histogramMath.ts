// Percentiles of re-binned histograms (TensorBoard's distributions view). Pure: no DOM.
import type { HistogramDto } from '../../shared/runProtocol';

/** TensorBoard's distribution percentiles, in basis points: ±1/2/3 sigma of a normal around the median. */
export const DISTRIBUTION_BPS = [0, 668, 1587, 3085, 5000, 6915, 8413, 9332, 10000];

/**
 * The value below which `bp`/10000 of the counts lie, for `bins` equal-width bins over [min, max]
 * (counts spread uniformly within a bin). 0 is the left edge of the first non-empty bin, 10000 the
 * right edge of the last one. NaN when every count is zero.
 */
export function valueAtBasisPoint(
  counts: ArrayLike<number>,
  offset: number,
  bins: number,
  min: number,
  max: number,
  bp: number,
): number {
  const width = (max - min) / bins;
  let total = 0;
  let first = -1;
  let last = -1;
  for (let b = 0; b < bins; b++) {
    const c = counts[offset + b];
    if (c > 0) {
      total += c;
      last = b;
      if (first < 0) {
        first = b;
      }
    }
  }
  if (total <= 0) {
    return NaN;
  }
  if (bp <= 0) {
    return min + first * width;
  }
  if (bp >= 10000) {
    return min + (last + 1) * width;
  }
  const target = (total * bp) / 10000;
  let seen = 0;
  for (let b = first; b <= last; b++) {
    const c = counts[offset + b];
    if (c > 0 && seen + c >= target) {
      return min + (b + (target - seen) / c) * width;
    }
    seen += c;
  }
  return min + (last + 1) * width;
}

/** One row per percentile of DISTRIBUTION_BPS, one value per step of the histogram. */
export function distributionBands(h: HistogramDto, bps = DISTRIBUTION_BPS): number[][] {
  return bps.map((bp) => h.steps.map((_, row) => valueAtBasisPoint(h.counts, row * h.bins, h.bins, h.min, h.max, bp)));
}

/** The rows (steps) the offset view draws: the last `max`, oldest first. */
export function ridgeRows(h: HistogramDto, max = 50): number[] {
  const n = h.steps.length;
  return Array.from({ length: Math.min(n, max) }, (_, i) => n - Math.min(n, max) + i);
}
