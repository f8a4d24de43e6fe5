// Sends histogram updates to the dashboard at most once per HISTOGRAM_POST_MS: a run writing
// histograms every step would otherwise re-send (and the webview redraw) whole tags every frame.
import type { RunState } from '../../core/runs/runState';
import type { HistogramDto } from '../../shared/runProtocol';
import { histogramDtos } from './runHistograms';

export const HISTOGRAM_POST_MS = 1000;

export class RunHistogramFeed {
  private readonly pending = new Set<string>();
  private timer?: NodeJS.Timeout;
  private lastPost = 0;

  constructor(
    private readonly run: () => RunState | undefined,
    private readonly post: (histograms: HistogramDto[]) => void,
  ) {}

  /** These tags grew. */
  changed(tags: string[]): void {
    tags.forEach((tag) => this.pending.add(tag));
    if (this.pending.size === 0 || this.timer) {
      return;
    }
    const wait = Math.max(0, this.lastPost + HISTOGRAM_POST_MS - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** A snapshot carries every histogram: nothing is pending any more. */
  clear(): void {
    this.pending.clear();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.clear();
  }

  private flush(): void {
    this.timer = undefined;
    const run = this.run();
    if (run && this.pending.size > 0) {
      this.lastPost = Date.now();
      this.post(histogramDtos(run.histograms, this.pending));
    }
    this.pending.clear();
  }
}
