// Zoom windows of the Compare charts and their full-resolution requests: a zoom or pan asks the host
// for that window once the user pauses (debounced), each request gets an id, and an answer is kept only
// when it answers the latest request of its chart (a superseded or reset window's answer is dropped).
// A chart keeps drawing the last answer it kept until a newer one arrives. No DOM (unit-tested in Node).
import type { CompareSeriesDto } from '../../shared/compareProtocol';

export interface XWindow {
  xMin: number;
  xMax: number;
}

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Quiet time after the last zoom/pan step before asking (keyboard zoom and wheel come in bursts). */
export const ZOOM_DEBOUNCE_MS = 120;

interface Zoom {
  window: XWindow;
  /** Id of the request whose answer is awaited; 0 while none is (a newer window is being debounced). */
  awaited: number;
  timer?: unknown;
  /** The last kept answer, by run id. */
  points: Map<string, CompareSeriesDto>;
}

export class ZoomRequests {
  private readonly zooms = new Map<string, Zoom>();
  private nextId = 1;

  constructor(
    private readonly send: (metric: string, requestId: number, window: XWindow) => void,
    private readonly delayMs = ZOOM_DEBOUNCE_MS,
    private readonly timers: Timers = realTimers,
  ) {}

  /** The user zoomed or panned `metric`'s chart to `window`; undefined when they reset it. */
  set(metric: string, window: XWindow | undefined): void {
    const zoom = this.zooms.get(metric);
    if (!window) {
      this.timers.clear(zoom?.timer);
      this.zooms.delete(metric);
      return;
    }
    if (zoom) {
      zoom.window = window;
      zoom.awaited = 0;
      this.schedule(metric, zoom);
    } else {
      const fresh: Zoom = { window, awaited: 0, points: new Map() };
      this.zooms.set(metric, fresh);
      this.schedule(metric, fresh);
    }
  }

  /** Ask again for the current window of one zoomed chart, or of all (runs shown again, new points). */
  refetch(metric?: string): void {
    for (const [name, zoom] of this.zooms) {
      if (metric === undefined || metric === name) {
        zoom.awaited = 0;
        this.schedule(name, zoom);
      }
    }
  }

  /** Keeps an answer when it is the one awaited; false when it is stale (dropped). */
  accept(requestId: number, metric: string, data: CompareSeriesDto[]): boolean {
    const zoom = this.zooms.get(metric);
    if (!zoom || zoom.awaited !== requestId) {
      return false;
    }
    zoom.awaited = 0;
    zoom.points = new Map(data.map((d) => [d.runId, d]));
    return true;
  }

  window(metric: string): XWindow | undefined {
    return this.zooms.get(metric)?.window;
  }

  /** The kept full-resolution points of a run in `metric`'s window, if any. */
  points(metric: string, runId: string): CompareSeriesDto | undefined {
    return this.zooms.get(metric)?.points.get(runId);
  }

  /** Forget every window (new snapshot, x axis changed). */
  clear(): void {
    for (const zoom of this.zooms.values()) {
      this.timers.clear(zoom.timer);
    }
    this.zooms.clear();
  }

  private schedule(metric: string, zoom: Zoom): void {
    this.timers.clear(zoom.timer);
    zoom.timer = this.timers.set(() => {
      zoom.timer = undefined;
      if (this.zooms.get(metric) !== zoom) {
        return;
      }
      zoom.awaited = this.nextId++;
      this.send(metric, zoom.awaited, zoom.window);
    }, this.delayMs);
  }
}
