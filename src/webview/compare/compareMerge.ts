// Splices a zoom window's full-resolution points into a run's overview. Drawing and smoothing the spliced
// line means the EMA enters the window carrying the overview's smoothed state (it is seeded from the
// overview), so the smoothed line does not jump at the window's left edge; and panning past the window
// shows the overview there until the host's answer for the new window arrives. Pure (unit-tested in Node).
import type { CompareXAxis } from '../../shared/compareProtocol';
import { xOf } from '../charts/chartData';
import type { Points } from '../charts/seriesBuffer';

/** x of point i on the Compare axis: the step, seconds since the run's start, or wall-clock seconds. */
export function compareX(points: Points, i: number, axis: CompareXAxis, startTime: number): number {
  return xOf(points, i, axis, startTime);
}

/**
 * The overview's points before the window's first x, then the window's points, then the overview's points
 * after the window's last x. The window alone when the overview is not in x order (steps that go back).
 */
export function spliceWindow(overview: Points, window: Points, axis: CompareXAxis, startTime: number): Points {
  const n = window.length;
  if (n === 0) {
    return overview;
  }
  const lo = compareX(window, 0, axis, startTime);
  const hi = compareX(window, n - 1, axis, startTime);
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !sortedByX(overview, axis, startTime)) {
    return window;
  }
  let before = 0;
  while (before < overview.length && compareX(overview, before, axis, startTime) < lo) {
    before++;
  }
  let after = before;
  while (after < overview.length && compareX(overview, after, axis, startTime) <= hi) {
    after++;
  }
  const length = before + n + (overview.length - after);
  const out: Points = {
    steps: new Float64Array(length),
    values: new Float64Array(length),
    wallTimes: new Float64Array(length),
    length,
  };
  for (const key of ['steps', 'values', 'wallTimes'] as const) {
    out[key].set(overview[key].subarray(0, before), 0);
    out[key].set(window[key].subarray(0, n), before);
    out[key].set(overview[key].subarray(after, overview.length), before + n);
  }
  return out;
}

function sortedByX(points: Points, axis: CompareXAxis, startTime: number): boolean {
  let prev = -Infinity;
  for (let i = 0; i < points.length; i++) {
    const x = compareX(points, i, axis, startTime);
    if (!Number.isFinite(x)) {
      return false;
    }
    if (x < prev) {
      return false;
    }
    prev = x;
  }
  return true;
}

/** How many points have x inside [xMin, xMax]. */
export function countInWindow(
  points: Points,
  axis: CompareXAxis,
  startTime: number,
  window: { xMin: number; xMax: number },
): number {
  let count = 0;
  for (let i = 0; i < points.length; i++) {
    const x = compareX(points, i, axis, startTime);
    if (x >= window.xMin && x <= window.xMax) {
      count++;
    }
  }
  return count;
}
