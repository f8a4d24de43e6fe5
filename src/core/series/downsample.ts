// Min/max-per-bucket downsampling: each bucket of the x range keeps its first, min, max and last point,
// so a spike is never hidden and the line's shape survives. NaN/±Inf points are always kept (they are
// markers the chart must show). Works on the series' own arrays, no copy of the input.

export interface Decimated {
  /** Indexes into the source arrays of the points kept, ascending. */
  indexes: Uint32Array;
  /** True when every point in range was kept (no decimation happened). */
  full: boolean;
}

/**
 * Picks the points to draw for x in [xMin, xMax] (inclusive) at `buckets` buckets.
 * `xs` must be what the chart's x axis uses (steps, or wall times); it need not be sorted, but buckets
 * are by x, so unsorted input decimates less well (it is still correct: all extremes are kept).
 */
export function decimateMinMax(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  buckets: number,
  xMin = -Infinity,
  xMax = Infinity,
): Decimated {
  const n = xs.length;
  let first = 0;
  let last = n - 1;
  if (isSorted(xs)) {
    first = lowerBound(xs, xMin);
    last = upperBound(xs, xMax) - 1;
    // One point either side of the window so lines reach the edges.
    if (first > 0) {
      first--;
    }
    if (last < n - 1) {
      last++;
    }
  }
  const count = last - first + 1;
  if (count <= 0) {
    return { indexes: new Uint32Array(0), full: true };
  }
  if (count <= buckets * 4) {
    const all = new Uint32Array(count);
    for (let i = 0; i < count; i++) {
      all[i] = first + i;
    }
    return { indexes: all, full: true };
  }
  const lo = Number.isFinite(xMin) ? xMin : xs[first];
  const hi = Number.isFinite(xMax) ? xMax : xs[last];
  const width = (hi - lo) / buckets || 1;
  const out: number[] = [];
  let bucket = -1;
  let bFirst = -1;
  let bMin = -1;
  let bMax = -1;
  let bLast = -1;
  const flush = () => {
    if (bFirst < 0) {
      return;
    }
    // bFirst ≤ min/max ≤ bLast: push the four in index order, each once (no per-bucket allocation).
    const lowMid = bMin < bMax ? bMin : bMax;
    const highMid = bMin < bMax ? bMax : bMin;
    out.push(bFirst);
    if (lowMid !== bFirst) {
      out.push(lowMid);
    }
    if (highMid !== lowMid) {
      out.push(highMid);
    }
    if (bLast !== highMid) {
      out.push(bLast);
    }
  };
  for (let i = first; i <= last; i++) {
    const y = ys[i];
    if (!Number.isFinite(y)) {
      // Keep non-finite points as their own markers.
      flush();
      bucket = -1;
      bFirst = bMin = bMax = bLast = -1;
      out.push(i);
      continue;
    }
    const b = Math.min(buckets - 1, Math.max(0, Math.floor((xs[i] - lo) / width)));
    if (b !== bucket) {
      flush();
      bucket = b;
      bFirst = bMin = bMax = bLast = i;
      continue;
    }
    if (y < ys[bMin]) {
      bMin = i;
    }
    if (y > ys[bMax]) {
      bMax = i;
    }
    bLast = i;
  }
  flush();
  return { indexes: Uint32Array.from(out), full: false };
}

export function isSorted(xs: ArrayLike<number>): boolean {
  for (let i = 1; i < xs.length; i++) {
    if (xs[i] < xs[i - 1]) {
      return false;
    }
  }
  return true;
}

/** First index with xs[i] >= x (xs sorted ascending). */
export function lowerBound(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < x) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** First index with xs[i] > x (xs sorted ascending). */
export function upperBound(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= x) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}
