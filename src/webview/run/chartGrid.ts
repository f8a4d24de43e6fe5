// The charts, one per metric, grouped in collapsible sections by prefix (pinned charts first). Charts
// are created when their card scrolls into view, so a run with hundreds of metrics opens fast.
import { sectionOf } from '../../shared/runProtocol';
import type { SeriesInfoDto, XAxisMode } from '../../shared/runProtocol';
import { formatValue } from '../../shared/format';
import { MetricChart, type ChartOptions } from '../charts/metricChart';
import type { SeriesBuffer } from '../charts/seriesBuffer';
import { clear, el } from '../dom';

export interface GridCallbacks {
  buffer(name: string): SeriesBuffer | undefined;
  options(): ChartOptions;
  isPinned(name: string): boolean;
  togglePin(name: string): void;
  isCollapsed(section: string): boolean;
  toggleSection(section: string, open: boolean): void;
  onRangeChange(name: string, range: { xMin: number; xMax: number } | undefined): void;
  exportCsv(name: string): void;
  exportPng(name: string, dataUrl: string): void;
  openCheckpoint(path: string): void;
}

/** What the e2e tests read of one chart (window.runboardDebug.charts()). */
export interface ChartDebug {
  raw: number;
  smoothed: number;
  /** The smoothed line is not the raw one (smoothing is on and does something). */
  smoothedDiffers: boolean;
  markers: number;
  /** x of the first and last point drawn (on the axis shown: step, or seconds). */
  xRange?: [number, number];
  xAxis: XAxisMode;
  zoomed: boolean;
  /** The zoom window and its points: the host's answer once `full` is set. */
  zoom?: { xMin: number; xMax: number; points: number; full?: boolean };
  total: number;
  logY: boolean;
  /** Checkpoint markers drawn, and where their glyphs are (CSS pixels in the canvas). */
  checkpoints: number;
  checkpointGlyphs: { x: number; y: number; path: string; best: boolean }[];
}

export class ChartGrid {
  readonly charts = new Map<string, MetricChart>();
  private readonly observer: IntersectionObserver;
  private readonly pendingCanvas = new Map<Element, string>();

  constructor(
    private readonly root: HTMLElement,
    private readonly cb: GridCallbacks,
  ) {
    this.observer = new IntersectionObserver((entries) => this.onVisible(entries), { rootMargin: '200px' });
  }

  /** Lays out every chart card again (metrics, filter, pins or sections changed). */
  render(series: SeriesInfoDto[], matches: (name: string) => boolean): void {
    for (const chart of this.charts.values()) {
      chart.destroy();
    }
    this.charts.clear();
    this.pendingCanvas.clear();
    this.observer.disconnect();
    clear(this.root);
    const shown = series.filter((s) => matches(s.name));
    if (shown.length === 0) {
      this.root.append(
        el('p', { class: 'muted', text: series.length ? 'No chart matches the filter.' : 'No metrics yet.' }),
      );
      return;
    }
    const sections = new Map<string, SeriesInfoDto[]>();
    const pinned = shown.filter((s) => this.cb.isPinned(s.name));
    if (pinned.length) {
      sections.set('Pinned', pinned);
    }
    for (const s of shown) {
      if (this.cb.isPinned(s.name)) {
        continue;
      }
      const key = sectionOf(s.name);
      sections.set(key, [...(sections.get(key) ?? []), s]);
    }
    for (const [section, items] of sections) {
      this.root.append(this.section(section, items));
    }
  }

  /** For tests: what each chart draws. */
  debug(): Record<string, ChartDebug> {
    const out: Record<string, ChartDebug> = {};
    for (const [name, chart] of this.charts) {
      const buffer = this.cb.buffer(name);
      const glyphs = chart.checkpointGlyphs();
      out[name] = {
        ...chart.pointCounts(),
        zoomed: !!buffer?.zoomed,
        ...(buffer?.zoomed
          ? {
              zoom: {
                xMin: buffer.zoomed.xMin,
                xMax: buffer.zoomed.xMax,
                points: buffer.zoomed.points.length,
                full: buffer.zoomed.full,
              },
            }
          : {}),
        total: buffer?.overview.length ?? 0,
        logY: this.cb.options().logY,
        xAxis: this.cb.options().xAxis,
        checkpoints: glyphs.length,
        checkpointGlyphs: glyphs,
      };
    }
    return out;
  }

  /** Redraws the charts of these series (new points arrived). */
  refresh(names: Iterable<string>): void {
    for (const name of names) {
      this.charts.get(name)?.refresh();
    }
  }

  setOptions(options: ChartOptions): void {
    for (const chart of this.charts.values()) {
      chart.setOptions(options);
    }
  }

  updateTitle(info: SeriesInfoDto): void {
    const value = this.root.querySelector(`[data-last="${CSS.escape(info.name)}"]`);
    if (value) {
      value.textContent = formatValue(info.last?.[1]);
    }
  }

  private section(name: string, items: SeriesInfoDto[]): HTMLElement {
    const details = el('details', { class: 'section', attrs: { 'data-section': name } });
    details.open = !this.cb.isCollapsed(name);
    details.addEventListener('toggle', () => this.cb.toggleSection(name, details.open));
    details.append(
      el('summary', {}, el('span', { text: name }), el('span', { class: 'muted', text: ` ${items.length}` })),
    );
    const grid = el('div', { class: 'chart-grid' });
    for (const info of items) {
      grid.append(this.card(info));
    }
    details.append(grid);
    return details;
  }

  private card(info: SeriesInfoDto): HTMLElement {
    const canvas = el('canvas');
    const pin = this.button(this.cb.isPinned(info.name) ? 'Unpin' : 'Pin', 'pin', () => this.cb.togglePin(info.name));
    const png = this.button('PNG', 'export-png', () => {
      const chart = this.charts.get(info.name);
      if (chart) {
        this.cb.exportPng(info.name, chart.toPng());
      }
    });
    const csv = this.button('CSV', 'export-csv', () => this.cb.exportCsv(info.name));
    const reset = this.button('Reset zoom', 'reset-zoom', () => this.charts.get(info.name)?.resetZoom());
    const card = el(
      'div',
      { class: 'chart-card', attrs: { 'data-metric': info.name } },
      el(
        'div',
        { class: 'chart-head' },
        el('span', { class: 'chart-title', text: info.name, title: info.name }),
        el('span', { class: 'chart-last', text: formatValue(info.last?.[1]), attrs: { 'data-last': info.name } }),
        el('span', { class: 'chart-actions' }, pin, reset, png, csv),
      ),
      el('div', { class: 'chart-body' }, canvas),
    );
    this.pendingCanvas.set(canvas, info.name);
    this.observer.observe(canvas);
    return card;
  }

  private button(label: string, action: string, onClick: () => void): HTMLButtonElement {
    const b = el('button', { class: 'icon-button', text: label, attrs: { 'data-action': action, type: 'button' } });
    b.addEventListener('click', onClick);
    return b;
  }

  private onVisible(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) {
        continue;
      }
      const name = this.pendingCanvas.get(entry.target);
      const buffer = name ? this.cb.buffer(name) : undefined;
      if (!name || !buffer) {
        continue;
      }
      this.pendingCanvas.delete(entry.target);
      this.observer.unobserve(entry.target);
      const chart = new MetricChart(entry.target as HTMLCanvasElement, name, buffer, this.cb.options(), {
        onRangeChange: (range) => this.cb.onRangeChange(name, range),
        onOpenCheckpoint: (path) => this.cb.openCheckpoint(path),
      });
      this.charts.set(name, chart);
    }
  }
}
