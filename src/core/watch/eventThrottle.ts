// When the watcher acts on file events: per key (a run, a folder), at once on the first event, then at
// the end of every window that saw events, and, when asked to settle, at the end of the window after
// the last of them. A file appended to now and then is read at once; one written without pause is read
// every window, never starved. The settling call is for chokidar, which drops a 'change' coming within
// 50 ms of the last one it emitted, with no later one to make up for it: a call a whole window (≥ 50 ms)
// after the last event catches what such a dropped change brought.

export interface ThrottleTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const REAL_TIMERS: ThrottleTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface KeyWindow {
  timer: unknown;
  /** Events since the window opened. */
  events: number;
  /** Windows in a row that ended without events. */
  idle: number;
}

export class EventThrottle {
  private readonly windows = new Map<string, KeyWindow>();

  constructor(
    private readonly windowMs: () => number,
    private readonly timers: ThrottleTimers = REAL_TIMERS,
  ) {}

  /** An event on `key`: runs `fn` now, or notes it for the end of the open window. */
  event(key: string, fn: () => void, settle: boolean): void {
    const current = this.windows.get(key);
    if (current) {
      current.events++;
      return;
    }
    fn();
    const ms = this.windowMs();
    // Settling: as if the window that just opened had seen an event of its own.
    const open: KeyWindow = { events: 0, idle: settle ? 0 : 1, timer: undefined };
    const close = (): void => {
      if (open.events > 0 || open.idle === 0) {
        fn();
      }
      open.idle = open.events > 0 ? (settle ? 0 : 1) : open.idle + 1;
      open.events = 0;
      if (open.idle >= 2) {
        this.windows.delete(key);
      } else {
        open.timer = this.timers.set(close, ms);
      }
    };
    open.timer = this.timers.set(close, ms);
    this.windows.set(key, open);
  }

  dispose(): void {
    for (const w of this.windows.values()) {
      this.timers.clear(w.timer);
    }
    this.windows.clear();
  }
}
