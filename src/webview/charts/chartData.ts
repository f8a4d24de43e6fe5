// Turns a series' points into Chart.js datasets: the raw line (faint), the smoothed line, and markers
// for NaN/±Inf values (which are never dropped silently: they become gaps plus a marker).
import { smoothEma } from '../../shared/smoothing';
import type { XAxisMode } from '../../shared/runProtocol';
import type { Points } from './seriesBuffer';

export interface XY {
  x: number;
  y: number;
}

export interface ChartSeries {
  raw: XY[];
  smoothed: XY[];
  markers: XY[];
  /** The non-finite value behind each marker (NaN, Infinity, -Infinity). */
  markerValues: number[];
  /** True when the x axis needed wall times and the format has none. */
  noWallTime: boolean;
}

export function xOf(points: Points, i: number, mode: XAxisMode, startTime: number): number {
  if (mode === 'step') {
    return points.steps[i];
  }
  const w = points.wallTimes[i];
  return mode === 'wall' ? w : w - startTime;
}

export function buildChartSeries(points: Points, mode: XAxisMode, smoothing: number, startTime: number): ChartSeries {
  const n = points.length;
  const values = points.values.subarray(0, n);
  const smooth = smoothEma(values, smoothing);
  const raw: XY[] = [];
  const smoothed: XY[] = [];
  const markers: XY[] = [];
  const markerValues: number[] = [];
  let lastFinite = NaN;
  let noWallTime = false;
  for (let i = 0; i < n; i++) {
    const x = xOf(points, i, mode, startTime);
    if (!Number.isFinite(x)) {
      noWallTime = true;
      continue;
    }
    const y = values[i];
    if (Number.isFinite(y)) {
      raw.push({ x, y });
      smoothed.push({ x, y: smooth[i] });
      lastFinite = y;
    } else {
      // A gap in both lines, and a marker at the last finite height.
      raw.push({ x, y: NaN });
      smoothed.push({ x, y: NaN });
      markers.push({ x, y: Number.isFinite(lastFinite) ? lastFinite : 0 });
      markerValues.push(y);
    }
  }
  return { raw, smoothed, markers, markerValues, noWallTime };
}

/** The y range without outliers: 1st–99th percentile of the finite values, padded a little. */
export function robustRange(points: Points): { min: number; max: number } | undefined {
  const finite: number[] = [];
  const n = points.length;
  const step = Math.max(1, Math.floor(n / 20000));
  for (let i = 0; i < n; i += step) {
    const v = points.values[i];
    if (Number.isFinite(v)) {
      finite.push(v);
    }
  }
  if (finite.length < 10) {
    return undefined;
  }
  finite.sort((a, b) => a - b);
  const lo = finite[Math.floor(finite.length * 0.01)];
  const hi = finite[Math.ceil(finite.length * 0.99) - 1];
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
  return { min: lo - pad, max: hi + pad };
}

/**
 * Where a step is on the x axis: the step itself, or (wall / relative axes) the wall time of that step
 * in these points, interpolated between the points around it; undefined when not known.
 */
export function xOfStep(points: Points, step: number, mode: XAxisMode, startTime: number): number | undefined {
  if (mode === 'step') {
    return step;
  }
  // Binary search for the first point at or after `step` (steps are in logging order, ascending in
  // practice): this runs for every checkpoint on every refresh of a live chart.
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points.steps[mid] < step) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  const after = lo;
  if (after >= points.length) {
    return undefined;
  }
  let wall = points.wallTimes[after];
  const s1 = points.steps[after];
  if (s1 !== step) {
    if (after === 0) {
      return undefined;
    }
    const s0 = points.steps[after - 1];
    const w0 = points.wallTimes[after - 1];
    wall = w0 + ((wall - w0) * (step - s0)) / (s1 - s0);
  }
  if (!Number.isFinite(wall)) {
    return undefined;
  }
  return mode === 'wall' ? wall : wall - startTime;
}

/**
 * The points a log x axis can place (x > 0). Left in, a step 0 or the first point of a time axis sets the
 * scale's minimum to 0, which Chart.js turns into a decade below the maximum: most of the curve is cut.
 */
export function positiveX(points: XY[]): XY[] {
  return points.every((p) => p.x > 0) ? points : points.filter((p) => p.x > 0);
}
