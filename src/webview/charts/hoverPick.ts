// What a hover over a Compare chart shows, without the DOM: each run's point nearest the cursor's x
// (binary search, so 50 runs cost 50 × log n), which runs the tooltip lists, and which it leaves out.
import type { XY } from './chartData';

export interface HoverLine {
  label: string;
  color: string;
  /** The drawn (smoothed) points, x non-decreasing. */
  data: readonly XY[];
}

export interface HoverPoint {
  label: string;
  color: string;
  x: number;
  y: number;
}

export interface HoverPick {
  /** The x the crosshair snaps to: the drawn point nearest the cursor, over every run. */
  x: number;
  /** One point per run that has data at x, highest value first. */
  points: HoverPoint[];
}

/** Index of the point whose x is nearest `x` (x non-decreasing); -1 when there are no points. */
export function nearestIndex(data: readonly XY[], x: number): number {
  const n = data.length;
  if (n === 0) {
    return -1;
  }
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (data[mid].x < x) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo > 0 && Math.abs(data[lo - 1].x - x) <= Math.abs(data[lo].x - x) ? lo - 1 : lo;
}

/** The nearest point with a finite value, looking outwards from `i` a few points at most (gaps are NaN). */
function finiteNear(data: readonly XY[], i: number): XY | undefined {
  for (let d = 0; d < 4; d++) {
    for (const j of d === 0 ? [i] : [i - d, i + d]) {
      const p = data[j];
      if (p && Number.isFinite(p.y) && Number.isFinite(p.x)) {
        return p;
      }
    }
  }
  return undefined;
}

/**
 * The hover at data x `x`. A run is listed when x lies within its drawn range, or its nearest point is
 * within `slack` (data units, about a few pixels): a run that ended at step 300 is not listed at 900.
 */
export function pickHover(lines: readonly HoverLine[], x: number, slack: number): HoverPick | undefined {
  let snap: number | undefined;
  for (const line of lines) {
    const p = finiteNear(line.data, nearestIndex(line.data, x));
    if (p && (snap === undefined || Math.abs(p.x - x) < Math.abs(snap - x))) {
      snap = p.x;
    }
  }
  if (snap === undefined) {
    return undefined;
  }
  const points: HoverPoint[] = [];
  for (const line of lines) {
    const n = line.data.length;
    const p = finiteNear(line.data, nearestIndex(line.data, snap));
    if (!p || n === 0) {
      continue;
    }
    const inRange = snap >= line.data[0].x && snap <= line.data[n - 1].x;
    if (inRange || Math.abs(p.x - snap) <= slack) {
      points.push({ label: line.label, color: line.color, x: p.x, y: p.y });
    }
  }
  points.sort((a, b) => b.y - a.y);
  return { x: snap, points };
}

/**
 * The rows a tooltip has room for: all of them when they fit, else the `max` nearest the cursor
 * (`distance`, in pixels: the lines under the pointer are the ones named), still highest first; `more`
 * counts the rest.
 */
export function tooltipRows(
  points: readonly HoverPoint[],
  distance: (p: HoverPoint) => number,
  max: number,
): { rows: HoverPoint[]; more: number } {
  if (points.length <= max) {
    return { rows: points.slice(), more: 0 };
  }
  const nearest = new Set(
    points
      .map((p, i) => ({ i, d: distance(p) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, max)
      .map((e) => e.i),
  );
  return { rows: points.filter((_, i) => nearest.has(i)), more: points.length - max };
}
