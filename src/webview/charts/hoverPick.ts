// What a hover over a Compare chart shows, without the DOM: each run's point nearest the cursor's x
// (binary search where x is sorted, so 50 runs cost 50 × log n; a scan where it is not: time can go
// back, a run can restart at an earlier step), which runs the tooltip lists, and which it leaves out.
import type { XY } from './chartData';

export interface HoverLine {
  label: string;
  color: string;
  /** The drawn (smoothed) points. */
  data: readonly XY[];
  /** x never decreases along `data` (then a binary search finds the nearest point). */
  sorted: boolean;
  /** The smallest and largest finite x of `data`. */
  xMin: number;
  xMax: number;
}

/** What the hover needs to know of a drawn line, worked out once per redraw. */
export function hoverLine(label: string, color: string, data: readonly XY[]): HoverLine {
  let sorted = true;
  let xMin = Infinity;
  let xMax = -Infinity;
  let previous = -Infinity;
  for (const p of data) {
    if (Number.isFinite(p.x)) {
      sorted &&= p.x >= previous;
      previous = p.x;
      xMin = Math.min(xMin, p.x);
      xMax = Math.max(xMax, p.x);
    }
  }
  return { label, color, data, sorted, xMin, xMax };
}

/** Where the chart can show a point: its x window, and which values its y axis can draw. */
export interface HoverView {
  xMin: number;
  xMax: number;
  yValid?: (y: number) => boolean;
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

/** Index of the point nearest `x` by a scan (x in any order), skipping non-finite x; -1 when none. */
function nearestByScan(data: readonly XY[], x: number): number {
  let best = -1;
  let bestD = Infinity;
  for (let i = 0; i < data.length; i++) {
    const d = Math.abs(data[i].x - x);
    if (d < bestD) {
      best = i;
      bestD = d;
    }
  }
  return best;
}

/**
 * The point nearest `x` that the chart can show (finite, in the x window, drawable on the y axis), and
 * whether it is the nearest point outright (else a neighbour, found past a gap or the window's edge).
 */
function nearestShown(line: HoverLine, x: number, view: HoverView): { p: XY; nearest: boolean } | undefined {
  const { data } = line;
  const ok = (p: XY | undefined): p is XY =>
    !!p &&
    Number.isFinite(p.x) &&
    Number.isFinite(p.y) &&
    p.x >= view.xMin &&
    p.x <= view.xMax &&
    (view.yValid?.(p.y) ?? true);
  const i = line.sorted ? nearestIndex(data, x) : nearestByScan(data, x);
  // Gaps (NaN) and points outside the window sit next to it: look a few points outwards.
  for (let d = 0; d < 4; d++) {
    for (const j of d === 0 ? [i] : [i - d, i + d]) {
      if (ok(data[j])) {
        return { p: data[j], nearest: d === 0 };
      }
    }
  }
  return undefined;
}

/**
 * The hover at data x `x`. A run is listed when x lies within its drawn range, or its nearest point is
 * within `slack` (data units, about a few pixels): a run that ended at step 300 is not listed at 900.
 * Only points the chart shows count (`view`): none outside the zoom window, none a log axis cannot draw.
 */
export function pickHover(
  lines: readonly HoverLine[],
  x: number,
  slack: number,
  view: HoverView = { xMin: -Infinity, xMax: Infinity },
): HoverPick | undefined {
  let snap: number | undefined;
  for (const line of lines) {
    const p = nearestShown(line, x, view)?.p;
    if (p && (snap === undefined || Math.abs(p.x - x) < Math.abs(snap - x))) {
      snap = p.x;
    }
  }
  if (snap === undefined) {
    return undefined;
  }
  const points: HoverPoint[] = [];
  for (const line of lines) {
    const found = nearestShown(line, snap, view);
    if (!found) {
      continue;
    }
    const { p, nearest } = found;
    // A neighbour stands in for a point the chart cannot show only when it is as close as the slack.
    const inRange = nearest && snap >= line.xMin && snap <= line.xMax;
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
      // A distance that is not a number (a value the axis cannot place) sorts last.
      .map(({ i, d }) => ({ i, d: Number.isFinite(d) ? d : Infinity }))
      .sort((a, b) => a.d - b.d)
      .slice(0, max)
      .map((e) => e.i),
  );
  return { rows: points.filter((_, i) => nearest.has(i)), more: points.length - max };
}
