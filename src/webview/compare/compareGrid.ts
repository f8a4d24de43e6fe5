// The Compare chart grid: one card per metric; a card's chart is created only when it scrolls near the
// viewport (50 runs × dozens of metrics would otherwise draw everything up front).
import { CompareChart, type CompareChartOptions } from '../charts/compareChart';
import { clear, el } from '../dom';
import type { XWindow } from './compareZoom';

export interface CompareGridCallbacks {
  options(): CompareChartOptions;
  /** Give a chart its lines (when created, and whenever the app's data changes). */
  fill(metric: string): void;
  onRangeChange(metric: string, range: XWindow | undefined): void;
}

export class CompareGrid {
  readonly charts = new Map<string, CompareChart>();
  private readonly observer = new IntersectionObserver((entries) => this.onVisible(entries), { rootMargin: '200px' });
  private readonly pending = new Map<Element, string>();
  private metrics: string[] = [];

  constructor(
    private readonly root: HTMLElement,
    private readonly cb: CompareGridCallbacks,
  ) {}

  /** Replaces every card (and chart) with one per metric. */
  render(metrics: string[], hasRuns: boolean): void {
    for (const chart of this.charts.values()) {
      chart.destroy();
    }
    this.charts.clear();
    this.pending.clear();
    this.observer.disconnect();
    this.metrics = metrics;
    clear(this.root);
    if (!hasRuns) {
      this.root.append(el('p', { class: 'muted', text: 'No runs to compare: use "Add Runs…".' }));
      return;
    }
    const grid = el('div', { class: 'chart-grid' });
    for (const metric of metrics) {
      const canvas = el('canvas');
      grid.append(
        el(
          'div',
          { class: 'chart-card', attrs: { 'data-metric': metric } },
          el('div', { class: 'chart-head' }, el('span', { class: 'chart-title', text: metric, title: metric })),
          el('div', { class: 'chart-body' }, canvas),
          el('div', { class: 'chart-note muted' }),
        ),
      );
      this.pending.set(canvas, metric);
      this.observer.observe(canvas);
    }
    this.root.append(metrics.length ? grid : el('p', { class: 'muted', text: 'No metric matches.' }));
  }

  /** New options (smoothing, log y, hidden/highlighted runs, theme) for every chart. */
  refresh(): void {
    for (const chart of this.charts.values()) {
      chart.setOptions(this.cb.options());
    }
  }

  /**
   * A PNG of every metric's chart in grid order (the report wants all of them, not just those the user
   * happened to scroll to). A chart not made yet is drawn, pictured and dropped again, one at a time, so
   * 100 metrics × 50 runs never sit in memory together.
   */
  chartImages(): { metric: string; dataUrl: string }[] {
    const canvases = new Map([...this.pending].map(([canvas, metric]) => [metric, canvas]));
    const out: { metric: string; dataUrl: string }[] = [];
    for (const metric of this.metrics) {
      const made = this.charts.get(metric);
      const canvas = canvases.get(metric);
      if (made) {
        out.push({ metric, dataUrl: made.toPng() });
      } else if (canvas) {
        const chart = this.create(canvas, metric);
        out.push({ metric, dataUrl: chart.toPng() });
        chart.destroy();
        this.charts.delete(metric);
        this.pending.set(canvas, metric);
        this.observer.observe(canvas);
      }
    }
    return out;
  }

  private onVisible(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const metric = entry.isIntersecting ? this.pending.get(entry.target) : undefined;
      if (metric) {
        this.create(entry.target, metric);
      }
    }
  }

  private create(canvas: Element, metric: string): CompareChart {
    this.pending.delete(canvas);
    this.observer.unobserve(canvas);
    const chart = new CompareChart(canvas as HTMLCanvasElement, metric, this.cb.options(), {
      onRangeChange: (range) => this.cb.onRangeChange(metric, range),
    });
    this.charts.set(metric, chart);
    this.cb.fill(metric);
    return chart;
  }
}
