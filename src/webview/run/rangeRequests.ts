// Range requests of the run dashboard: a zoom window at full resolution, or a fresh decimated overview
// once live appends made a series' overview large. Answers are matched to requests by id.
import type { RunFromWebview, SeriesDataDto, XAxisMode } from '../../shared/runProtocol';
import { pointsOf, type SeriesBuffer } from '../charts/seriesBuffer';

const BUCKETS_PER_CHART = 1000;

export class RangeRequests {
  private next = 1;
  private readonly pending = new Map<number, { name: string; overview: boolean }>();

  constructor(private readonly post: (message: RunFromWebview) => void) {}

  /** The chart of `name` was zoomed to `range` (x of the axis shown; relative time is shifted back). */
  zoom(name: string, buffer: SeriesBuffer, range: { xMin: number; xMax: number }, xAxis: XAxisMode, start = 0): void {
    const requestId = this.next++;
    this.pending.set(requestId, { name, overview: false });
    buffer.zoomed = { ...range, points: buffer.zoomed?.points ?? buffer.overview, full: undefined };
    const shift = xAxis === 'relative' ? start : 0;
    this.post({
      type: 'requestRange',
      requestId,
      name,
      xAxis,
      xMin: range.xMin + shift,
      xMax: range.xMax + shift,
      buckets: BUCKETS_PER_CHART,
    });
  }

  overview(name: string): void {
    const requestId = this.next++;
    this.pending.set(requestId, { name, overview: true });
    this.post({
      type: 'requestRange',
      requestId,
      name,
      xAxis: 'step',
      xMin: -Infinity,
      xMax: Infinity,
      buckets: BUCKETS_PER_CHART,
    });
  }

  /** Puts an answer into its buffer; returns the series to redraw. */
  answer(requestId: number, data: SeriesDataDto, buffers: Map<string, SeriesBuffer>): string | undefined {
    const pending = this.pending.get(requestId);
    this.pending.delete(requestId);
    const buffer = pending && buffers.get(pending.name);
    if (!pending || !buffer) {
      return undefined;
    }
    if (pending.overview) {
      buffer.replace(data);
    } else if (buffer.zoomed) {
      buffer.zoomed = { ...buffer.zoomed, points: pointsOf(data), full: data.full };
    }
    return pending.name;
  }
}
