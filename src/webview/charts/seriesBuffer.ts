// The webview's copy of one series: the host's overview plus points appended live, in growable typed
// arrays, and the full-resolution window the host sent for the current zoom.
import type { SeriesDataDto } from '../../shared/runProtocol';

export interface Points {
  steps: Float64Array;
  values: Float64Array;
  wallTimes: Float64Array;
  length: number;
}

export class SeriesBuffer {
  private data: Points;
  /**
   * Points for the current zoom window: the overview's until the host answers, then its answer (`full`:
   * every point in the window, not decimated).
   */
  zoomed?: { xMin: number; xMax: number; points: Points; full?: boolean };

  constructor(overview: SeriesDataDto) {
    this.data = toPoints(overview);
  }

  get overview(): Points {
    return this.data;
  }

  /** What to draw now: the zoom window's points when zoomed, else the overview. */
  get visible(): Points {
    return this.zoomed?.points ?? this.data;
  }

  replace(overview: SeriesDataDto): void {
    this.data = toPoints(overview);
  }

  append(points: SeriesDataDto): void {
    const n = points.steps.length;
    if (n === 0) {
      return;
    }
    const d = this.data;
    if (d.length + n > d.steps.length) {
      const capacity = Math.max(64, (d.length + n) * 2);
      d.steps = grow(d.steps, capacity, d.length);
      d.values = grow(d.values, capacity, d.length);
      d.wallTimes = grow(d.wallTimes, capacity, d.length);
    }
    d.steps.set(points.steps, d.length);
    d.values.set(points.values, d.length);
    d.wallTimes.set(points.wallTimes, d.length);
    d.length += n;
  }
}

function toPoints(dto: SeriesDataDto): Points {
  return { steps: dto.steps, values: dto.values, wallTimes: dto.wallTimes, length: dto.steps.length };
}

export function pointsOf(dto: SeriesDataDto): Points {
  return toPoints(dto);
}

function grow(array: Float64Array, capacity: number, used: number): Float64Array {
  const next = new Float64Array(capacity);
  next.set(array.subarray(0, used));
  return next;
}
