// One metric across several runs: a line per run in the run's stable colour (raw faint behind the
// smoothed line while few runs are shown), hidden/highlighted runs, log y and x, step or relative-time x.
// The hover (crosshair, points, values) is CompareHover's, drawn over the chart without redrawing it.
// Drag or ctrl-wheel to zoom, shift-drag to pan, `+`/`-`/arrows on the focused chart, double-click or `0`
// to reset; every zoom or pan is reported through `onRangeChange` (the app asks the host for that window
// at full resolution).
import { Chart } from 'chart.js';
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { formatValue } from '../../shared/format';
import type { XAxisMode } from '../../shared/runProtocol';
import { buildChartSeries, positiveX, xOf, type XY } from './chartData';
import { setupCharts } from './chartSetup';
import { CompareHover } from './compareHover';
import { hoverLine, type HoverLine } from './hoverPick';
import type { Points } from './seriesBuffer';
import { pngOnBackground, withAlpha, type ChartTheme } from './theme';
import { xPointText, xTickText } from './xAxisText';

export interface CompareLine {
  runId: string;
  label: string;
  color: string;
  /** Line dash (empty: solid); runs past the palette's length repeat a colour with a dash. */
  dash: number[];
  points: Points;
  /** Seconds since the epoch (relative-time x axis). */
  startTime: number;
}

export interface CompareChartOptions {
  smoothing: number;
  logY: boolean;
  logX: boolean;
  xAxis: XAxisMode;
  hidden: Set<string>;
  highlighted?: string;
  theme: ChartTheme;
}

export interface CompareChartCallbacks {
  /** The user zoomed or panned to [xMin, xMax]; undefined when they reset the zoom. */
  onRangeChange(range: { xMin: number; xMax: number } | undefined): void;
}

/**
 * Above this many shown runs only the highlighted run keeps its faint raw line: the others are noise
 * at that density, and each doubles what a zoom or pan redraws.
 */
export const RAW_LINES_MAX = 10;

export class CompareChart {
  readonly chart: Chart<'line'>;
  readonly hover: CompareHover;
  private lines: CompareLine[] = [];
  private hoverLines: HoverLine[] = [];
  private options: CompareChartOptions;
  private readonly listeners = new AbortController();

  constructor(
    canvas: HTMLCanvasElement,
    readonly name: string,
    options: CompareChartOptions,
    private readonly callbacks: CompareChartCallbacks,
  ) {
    setupCharts();
    this.options = options;
    this.chart = new Chart(canvas, this.config());
    this.hover = new CompareHover(this.chart, () => this.hoverLines, {
      title: (x) => xPointText(this.options.xAxis, x),
      value: (y) => formatValue(y),
    });
    canvas.tabIndex = 0;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `Chart of ${name} across runs`);
    // Removed on destroy: the report draws charts on canvases that get a chart again later.
    const { signal } = this.listeners;
    canvas.addEventListener('dblclick', () => this.resetZoom(), { signal });
    canvas.addEventListener('keydown', (e) => this.onKey(e), { signal });
  }

  /** The x window shown now, or undefined when not zoomed. */
  zoomWindow(): { xMin: number; xMax: number } | undefined {
    return this.chart.isZoomedOrPanned() ? { xMin: this.chart.scales.x.min, xMax: this.chart.scales.x.max } : undefined;
  }

  resetZoom(): void {
    this.chart.resetZoom('none');
    this.callbacks.onRangeChange(undefined);
  }

  setLines(lines: CompareLine[]): void {
    this.lines = lines;
    this.refresh();
  }

  setOptions(options: CompareChartOptions): void {
    const previous = this.options;
    this.options = options;
    const xChanged = options.xAxis !== previous.xAxis || options.logX !== previous.logX;
    if (xChanged) {
      // The app has forgotten every zoom window already (the reset reports an empty range, harmlessly).
      this.chart.resetZoom('none');
    }
    if (xChanged || options.logY !== previous.logY || options.theme !== previous.theme) {
      // New scales drop the zoom plugin's limits: put the window back afterwards.
      const window = this.zoomWindow();
      this.chart.options.scales = this.config().options?.scales;
      this.refresh();
      if (window) {
        this.chart.zoomScale('x', { min: window.xMin, max: window.xMax }, 'none');
      }
      return;
    }
    this.refresh();
  }

  refresh(): void {
    const o = this.options;
    const datasets: ChartDataset<'line', XY[]>[] = [];
    const hoverLines: HoverLine[] = [];
    const shown = this.lines.filter((l) => !o.hidden.has(l.runId)).length;
    for (const line of this.lines) {
      const hidden = o.hidden.has(line.runId);
      const dim = o.highlighted !== undefined && o.highlighted !== line.runId;
      const built = buildChartSeries(line.points, o.xAxis, o.smoothing, line.startTime);
      const series = o.logX ? { raw: positiveX(built.raw), smoothed: positiveX(built.smoothed) } : built;
      const color = dim ? withAlpha(line.color, 0.15) : line.color;
      if (o.smoothing > 0 && (shown <= RAW_LINES_MAX || o.highlighted === line.runId)) {
        datasets.push({
          label: `${line.label} (raw)`,
          data: series.raw,
          borderColor: withAlpha(line.color, dim ? 0.05 : 0.22),
          borderWidth: 1,
          pointRadius: 0,
          hidden,
          spanGaps: false,
        });
      }
      datasets.push({
        label: line.label,
        data: series.smoothed,
        borderColor: color,
        borderDash: line.dash,
        borderWidth: o.highlighted === line.runId ? 2.6 : shown > RAW_LINES_MAX ? 1 : 1.6,
        pointRadius: 0,
        hidden,
        spanGaps: false,
      });
      if (!hidden) {
        hoverLines.push(hoverLine(line.label, line.color, series.smoothed));
      }
    }
    this.hoverLines = hoverLines;
    this.chart.data.datasets = datasets;
    this.chart.update('none');
  }

  /** Points drawn per visible run (tests read this). */
  datasetCount(): number {
    return this.chart.data.datasets.filter((d) => !d.hidden && !String(d.label).endsWith('(raw)')).length;
  }

  /** Per shown run (by label), how many of its points have x inside the current window (tests read this). */
  pointsInView(): Record<string, number> {
    const window = this.zoomWindow() ?? { xMin: -Infinity, xMax: Infinity };
    const counts: Record<string, number> = {};
    for (const line of this.lines) {
      if (this.options.hidden.has(line.runId)) {
        continue;
      }
      let count = 0;
      for (let i = 0; i < line.points.length; i++) {
        const x = xOf(line.points, i, this.options.xAxis, line.startTime);
        if (x >= window.xMin && x <= window.xMax && (!this.options.logX || x > 0)) {
          count++;
        }
      }
      counts[line.label] = count;
    }
    return counts;
  }

  toPng(): string {
    return pngOnBackground(this.chart.canvas);
  }

  destroy(): void {
    this.listeners.abort();
    this.hover.destroy();
    this.chart.destroy();
  }

  private onKey(e: KeyboardEvent): void {
    const actions: Record<string, () => void> = {
      '+': () => this.chart.zoom(1.25),
      '=': () => this.chart.zoom(1.25),
      '-': () => this.chart.zoom(0.8),
      ArrowLeft: () => this.chart.pan({ x: 50 }),
      ArrowRight: () => this.chart.pan({ x: -50 }),
    };
    if (e.key === '0') {
      e.preventDefault();
      this.resetZoom();
      return;
    }
    const action = actions[e.key];
    if (action) {
      e.preventDefault();
      action();
      this.emitRange();
    }
  }

  private emitRange(): void {
    this.callbacks.onRangeChange(this.zoomWindow());
  }

  private config(): ChartConfiguration<'line', XY[]> {
    const o = this.options;
    const t = o.theme;
    const tick = { color: t.foreground, font: { family: t.font, size: 11 } };
    return {
      type: 'line',
      data: { datasets: [] },
      plugins: [{ id: 'runboardCompareHover', afterDraw: () => this.hover?.redraw() }],
      options: {
        parsing: false,
        normalized: true,
        events: [],
        scales: {
          x: {
            type: o.logX ? 'logarithmic' : 'linear',
            ticks: {
              ...tick,
              maxRotation: 0,
              autoSkipPadding: 12,
              callback: (v) => xTickText(this.options.xAxis, Number(v)),
            },
            grid: { color: t.grid },
          },
          y: {
            type: o.logY ? 'logarithmic' : 'linear',
            ticks: { ...tick, callback: (v) => formatValue(Number(v)) },
            grid: { color: t.grid },
          },
        },
        plugins: {
          // The hover is CompareHover's: Chart.js sees no pointer events, so a move redraws nothing.
          tooltip: { enabled: false },
          zoom: {
            zoom: {
              drag: { enabled: true, backgroundColor: 'rgba(128,128,128,0.15)' },
              wheel: { enabled: true, modifierKey: 'ctrl' },
              mode: 'x',
              onZoomComplete: () => this.emitRange(),
            },
            pan: { enabled: true, mode: 'x', modifierKey: 'shift', onPanComplete: () => this.emitRange() },
          },
        },
      },
    };
  }
}
