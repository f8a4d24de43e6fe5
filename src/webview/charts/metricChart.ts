// One metric's chart: raw + smoothed line, NaN/Inf markers, log axes, three x-axis modes, drag to zoom,
// shift-drag to pan, double-click (or 0) to reset, keyboard zoom/pan, `[` `]` to step through the
// checkpoint markers and Enter to open one. On zoom it asks for that window at full resolution through
// `onRangeChange`.
import { Chart } from 'chart.js';
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { formatValue } from '../../shared/format';
import type { XAxisMode } from '../../shared/runProtocol';
import { buildChartSeries, positiveX, robustRange, xOf, type ChartSeries } from './chartData';
import { el } from '../dom';
import { setupCharts } from './chartSetup';
import {
  markerAxisMax,
  placeCheckpoints,
  setCheckpointMarkers,
  type ChartCheckpoint,
  type CheckpointMarker,
  type MarkerState,
} from './checkpointMarkers';
import type { SeriesBuffer } from './seriesBuffer';
import { xPointText, xTickText } from './xAxisText';
import { pngOnBackground, type ChartTheme } from './theme';

export interface ChartOptions {
  smoothing: number;
  logY: boolean;
  logX: boolean;
  xAxis: XAxisMode;
  ignoreOutliers: boolean;
  /** Seconds since the epoch, for the "relative" x axis. */
  startTime: number;
  theme: ChartTheme;
  /** The run's checkpoints that have a step (markers on the curves). */
  checkpoints: ChartCheckpoint[];
}

export interface ChartCallbacks {
  /** The user zoomed or panned to [xMin, xMax]; undefined when reset. */
  onRangeChange(range: { xMin: number; xMax: number } | undefined): void;
  /** The user clicked a checkpoint marker. */
  onOpenCheckpoint(path: string): void;
}

export class MetricChart {
  readonly chart: Chart<'line'>;
  private current?: ChartSeries;
  private options: ChartOptions;
  private readonly markers: MarkerState;
  private readonly announcer: HTMLElement;

  constructor(
    readonly canvas: HTMLCanvasElement,
    readonly name: string,
    private readonly buffer: SeriesBuffer,
    options: ChartOptions,
    private readonly callbacks: ChartCallbacks,
  ) {
    setupCharts();
    this.options = options;
    this.chart = new Chart(canvas, this.config());
    this.markers = {
      markers: [],
      color: options.theme.checkpoint,
      bestColor: options.theme.bestCheckpoint,
      drawn: [],
      onClick: (m) => callbacks.onOpenCheckpoint(m.path),
      onHover: (m) => {
        canvas.classList.toggle('on-marker', !!m);
        canvas.title = m ? `${m.title} (click to inspect)` : '';
        // The pointer moved the pick (or dropped it): what the keys picked is no longer what is shown.
        this.announcer.textContent = '';
      },
    };
    setCheckpointMarkers(this.chart, this.markers);
    canvas.addEventListener('dblclick', () => this.resetZoom());
    canvas.tabIndex = 0;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `Chart of ${name}`);
    canvas.setAttribute('aria-keyshortcuts', '+ - 0 ArrowLeft ArrowRight [ ] Enter');
    canvas.addEventListener('keydown', (e) => this.onKey(e));
    // A checkpoint picked with [ or ] is said aloud (and shown as when hovered) until the chart blurs.
    this.announcer = el('span', { class: 'sr-only', attrs: { 'aria-live': 'polite' } });
    canvas.after(this.announcer);
    canvas.addEventListener('blur', () => this.pickCheckpoint(undefined));
    this.refresh();
  }

  setOptions(options: ChartOptions): void {
    const axesChanged = options.xAxis !== this.options.xAxis || options.logX !== this.options.logX;
    const themeChanged = options.theme !== this.options.theme;
    this.options = options;
    if (axesChanged) {
      this.chart.resetZoom('none');
      this.buffer.zoomed = undefined;
    }
    if (axesChanged || themeChanged) {
      // Rebuild options and colours; the zoom window is gone anyway when the axes changed.
      const fresh = this.config();
      this.chart.options = fresh.options ?? {};
      fresh.data.datasets.forEach((d, i) =>
        Object.assign(this.chart.data.datasets[i], { borderColor: d.borderColor, backgroundColor: d.backgroundColor }),
      );
    } else {
      // Keep the zoom window: change only what the new options touch.
      const y = this.chart.options.scales?.y;
      if (y) {
        y.type = options.logY ? 'logarithmic' : 'linear';
      }
    }
    this.refresh();
  }

  /** Redraws from the buffer (after data arrived). */
  refresh(): void {
    const o = this.options;
    const built = buildChartSeries(this.buffer.visible, o.xAxis, o.smoothing, o.startTime);
    this.current = o.logX ? onLogX(built) : built;
    const [raw, smoothed, markers] = this.chart.data.datasets;
    raw.data = this.current.raw;
    raw.hidden = o.smoothing <= 0;
    smoothed.data = this.current.smoothed;
    markers.data = this.current.markers;
    this.markers.markers = placeCheckpoints(o.checkpoints, this.buffer.overview, o.xAxis, o.startTime, o.logX);
    Object.assign(this.markers, {
      color: o.theme.checkpoint,
      bestColor: o.theme.bestCheckpoint,
      labelColor: o.theme.foreground,
      labelBackground: o.theme.background,
      font: o.theme.font,
    });
    const x = this.chart.options.scales?.x;
    if (x) {
      const data = this.buffer.overview;
      const last = data.length - 1;
      x.suggestedMax =
        last >= 0
          ? markerAxisMax(
              this.markers.markers,
              xOf(data, 0, o.xAxis, o.startTime),
              xOf(data, last, o.xAxis, o.startTime),
            )
          : undefined;
    }
    const y = this.chart.options.scales?.y;
    if (y) {
      const range = o.ignoreOutliers && !o.logY ? robustRange(this.buffer.visible) : undefined;
      y.min = range?.min;
      y.max = range?.max;
    }
    this.chart.update('none');
  }

  /** The x window shown now, or undefined when not zoomed. */
  zoomWindow(): { xMin: number; xMax: number } | undefined {
    return this.chart.isZoomedOrPanned() ? { xMin: this.chart.scales.x.min, xMax: this.chart.scales.x.max } : undefined;
  }

  resetZoom(): void {
    this.chart.resetZoom('none');
    this.callbacks.onRangeChange(undefined);
  }

  /** Points drawn per dataset (tests read this from the page). */
  pointCounts(): {
    raw: number;
    smoothed: number;
    smoothedDiffers: boolean;
    markers: number;
    xRange?: [number, number];
  } {
    const raw = this.current?.raw ?? [];
    const smoothed = this.current?.smoothed ?? [];
    return {
      raw: raw.length,
      smoothed: smoothed.length,
      smoothedDiffers: smoothed.some((p, i) => raw[i] !== undefined && p.y !== raw[i].y),
      markers: this.current?.markers.length ?? 0,
      ...(raw.length > 0 ? { xRange: [raw[0].x, raw[raw.length - 1].x] as [number, number] } : {}),
    };
  }

  /** Checkpoint glyphs drawn last, in CSS pixels of the canvas (tests click them). */
  checkpointGlyphs(): { x: number; y: number; path: string; best: boolean }[] {
    return this.markers.drawn.map((g) => ({ x: g.x, y: g.y, path: g.marker.path, best: g.marker.best }));
  }

  toPng(): string {
    return pngOnBackground(this.chart.canvas);
  }

  destroy(): void {
    this.chart.destroy();
  }

  private onKey(e: KeyboardEvent): void {
    const actions: Record<string, () => void> = {
      '+': () => this.chart.zoom(1.25),
      '=': () => this.chart.zoom(1.25),
      '-': () => this.chart.zoom(0.8),
      '0': () => this.resetZoom(),
      ArrowLeft: () => this.chart.pan({ x: 50 }),
      ArrowRight: () => this.chart.pan({ x: -50 }),
    };
    const checkpointKeys: Record<string, () => void> = {
      ']': () => this.stepCheckpoint(1),
      '[': () => this.stepCheckpoint(-1),
      Enter: () => this.markers.hovered && this.markers.onClick(this.markers.hovered),
      Escape: () => this.pickCheckpoint(undefined),
    };
    // With Ctrl, Alt or Cmd these keys are the workbench's, not the chart's.
    const checkpointAction = e.ctrlKey || e.altKey || e.metaKey ? undefined : checkpointKeys[e.key];
    if (checkpointAction) {
      if (e.key !== 'Escape' || this.markers.hovered) {
        e.preventDefault();
      }
      checkpointAction();
      return;
    }
    const action = actions[e.key];
    if (!action) {
      return;
    }
    e.preventDefault();
    action();
    if (e.key !== '0') {
      this.emitRange();
    }
  }

  /** The next (or previous) checkpoint drawn in the window, left to right, wrapping around. */
  private stepCheckpoint(direction: 1 | -1): void {
    const drawn = [...this.markers.drawn].sort((a, b) => a.x - b.x);
    if (drawn.length === 0) {
      this.announcer.textContent = 'No checkpoint in view.';
      return;
    }
    // By path: a live refresh places the markers anew.
    const at = drawn.findIndex((g) => g.marker.path === this.markers.hovered?.path);
    const next = at < 0 ? (direction > 0 ? 0 : drawn.length - 1) : (at + direction + drawn.length) % drawn.length;
    this.pickCheckpoint(drawn[next].marker);
  }

  private pickCheckpoint(marker: CheckpointMarker | undefined): void {
    if (marker !== this.markers.hovered) {
      this.markers.hovered = marker;
      this.markers.onHover(marker);
      this.chart.draw();
    }
    this.announcer.textContent = marker
      ? `Checkpoint ${marker.title}${marker.best ? ' (best)' : ''}. Enter opens it.`
      : '';
  }

  private emitRange(): void {
    this.callbacks.onRangeChange(this.zoomWindow());
  }

  private config(): ChartConfiguration<'line'> {
    const o = this.options;
    const t = o.theme;
    const tick = { color: t.foreground, font: { family: t.font, size: 11 } };
    return {
      type: 'line',
      data: {
        datasets: [
          {
            label: `${this.name} (raw)`,
            data: [],
            borderColor: t.raw,
            borderWidth: 1,
            pointRadius: 0,
            spanGaps: false,
            order: 2,
          },
          {
            label: this.name,
            data: [],
            borderColor: t.line,
            borderWidth: 1.6,
            pointRadius: 0,
            pointHoverRadius: 3,
            spanGaps: false,
            order: 1,
          },
          {
            label: `${this.name} (not finite)`,
            type: 'scatter' as 'line',
            data: [],
            borderColor: t.marker,
            backgroundColor: t.marker,
            pointStyle: 'triangle',
            pointRadius: 5,
            showLine: false,
            order: 0,
          },
        ],
      },
      options: {
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: {
            type: o.logX ? 'logarithmic' : 'linear',
            ticks: { ...tick, maxRotation: 0, autoSkipPadding: 12, callback: (v) => this.xTick(Number(v)) },
            grid: { color: t.grid },
            border: { color: t.grid },
          },
          y: {
            type: o.logY ? 'logarithmic' : 'linear',
            ticks: { ...tick, callback: (v) => formatValue(Number(v)) },
            grid: { color: t.grid },
            border: { color: t.grid },
          },
        },
        plugins: {
          tooltip: {
            callbacks: {
              title: (items) => (items.length ? this.xLabel(items[0].parsed.x ?? NaN) : ''),
              label: (item) => this.tooltipLabel(item),
            },
          },
          zoom: {
            zoom: {
              drag: { enabled: true, backgroundColor: 'rgba(128,128,128,0.15)' },
              wheel: { enabled: true, modifierKey: 'ctrl' },
              pinch: { enabled: true },
              mode: 'x',
              onZoomComplete: () => this.emitRange(),
            },
            pan: { enabled: true, mode: 'x', modifierKey: 'shift', onPanComplete: () => this.emitRange() },
          },
        },
      },
    };
  }

  private tooltipLabel(item: TooltipItem<'line'>): string {
    if (item.datasetIndex === 2) {
      const v = this.current?.markerValues[item.dataIndex];
      return `${this.name}: ${formatValue(v)}`;
    }
    const label = item.datasetIndex === 0 ? 'raw' : this.options.smoothing > 0 ? 'smoothed' : this.name;
    return `${label}: ${formatValue(item.parsed.y ?? NaN)}`;
  }

  private xTick(v: number): string {
    return xTickText(this.options.xAxis, v);
  }

  private xLabel(v: number): string {
    return xPointText(this.options.xAxis, v);
  }
}

/** The series a log x axis can draw: points with x > 0 (NaN/Inf markers and their values kept in step). */
function onLogX(series: ChartSeries): ChartSeries {
  const kept = series.markers.map((p, i) => (p.x > 0 ? i : -1)).filter((i) => i >= 0);
  return {
    ...series,
    raw: positiveX(series.raw),
    smoothed: positiveX(series.smoothed),
    markers: kept.map((i) => series.markers[i]),
    markerValues: kept.map((i) => series.markerValues[i]),
  };
}
