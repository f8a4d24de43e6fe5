// One metric across several runs: a line per run in the run's stable colour (raw faint behind the
// smoothed line), hidden/highlighted runs, log y, step or relative-time x, drag-zoom, double-click reset.
import { Chart } from 'chart.js';
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { durationText, formatValue } from '../../shared/format';
import { buildChartSeries, type XY } from './chartData';
import { setupCharts } from './chartSetup';
import type { Points } from './seriesBuffer';
import { withAlpha, type ChartTheme } from './theme';

export interface CompareLine {
  runId: string;
  label: string;
  color: string;
  points: Points;
  /** Seconds since the epoch (relative-time x axis). */
  startTime: number;
}

export interface CompareChartOptions {
  smoothing: number;
  logY: boolean;
  xAxis: 'step' | 'relative';
  hidden: Set<string>;
  highlighted?: string;
  theme: ChartTheme;
}

export class CompareChart {
  readonly chart: Chart<'line'>;
  private lines: CompareLine[] = [];
  private options: CompareChartOptions;

  constructor(
    canvas: HTMLCanvasElement,
    readonly name: string,
    options: CompareChartOptions,
  ) {
    setupCharts();
    this.options = options;
    this.chart = new Chart(canvas, this.config());
    canvas.tabIndex = 0;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `Chart of ${name} across runs`);
    canvas.addEventListener('dblclick', () => this.chart.resetZoom('none'));
    canvas.addEventListener('keydown', (e) => {
      if (e.key === '0') {
        this.chart.resetZoom('none');
      }
      if (e.key === '+' || e.key === '=') {
        this.chart.zoom(1.25);
      }
      if (e.key === '-') {
        this.chart.zoom(0.8);
      }
    });
  }

  setLines(lines: CompareLine[]): void {
    this.lines = lines;
    this.refresh();
  }

  setOptions(options: CompareChartOptions): void {
    const axisChanged = options.xAxis !== this.options.xAxis;
    this.options = options;
    if (axisChanged) {
      this.chart.resetZoom('none');
    }
    const fresh = this.config();
    this.chart.options.scales = fresh.options?.scales;
    this.refresh();
  }

  refresh(): void {
    const o = this.options;
    const datasets: ChartDataset<'line', XY[]>[] = [];
    for (const line of this.lines) {
      const hidden = o.hidden.has(line.runId);
      const dim = o.highlighted !== undefined && o.highlighted !== line.runId;
      const series = buildChartSeries(line.points, o.xAxis, o.smoothing, line.startTime);
      const color = dim ? withAlpha(line.color, 0.15) : line.color;
      if (o.smoothing > 0) {
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
        borderWidth: o.highlighted === line.runId ? 2.6 : 1.6,
        pointRadius: 0,
        pointHoverRadius: 3,
        hidden,
        spanGaps: false,
      });
    }
    this.chart.data.datasets = datasets;
    this.chart.update('none');
  }

  /** Points drawn per visible run (tests read this). */
  datasetCount(): number {
    return this.chart.data.datasets.filter((d) => !d.hidden && !String(d.label).endsWith('(raw)')).length;
  }

  toPng(): string {
    return this.chart.toBase64Image('image/png', 1);
  }

  destroy(): void {
    this.chart.destroy();
  }

  private config(): ChartConfiguration<'line', XY[]> {
    const o = this.options;
    const t = o.theme;
    const tick = { color: t.foreground, font: { family: t.font, size: 11 } };
    return {
      type: 'line',
      data: { datasets: [] },
      options: {
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: {
            type: 'linear',
            ticks: {
              ...tick,
              maxRotation: 0,
              callback: (v) => (o.xAxis === 'relative' ? durationText(Number(v)) : formatValue(Number(v))),
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
          tooltip: {
            filter: (item) => !String(item.dataset.label).endsWith('(raw)'),
            itemSort: (a, b) => (b.parsed.y ?? 0) - (a.parsed.y ?? 0),
            callbacks: {
              title: (items) =>
                items.length
                  ? o.xAxis === 'relative'
                    ? `+${durationText(items[0].parsed.x ?? 0)}`
                    : `step ${formatValue(items[0].parsed.x ?? NaN)}`
                  : '',
              label: (item) => `${item.dataset.label}: ${formatValue(item.parsed.y ?? NaN)}`,
            },
          },
          zoom: {
            zoom: {
              drag: { enabled: true, backgroundColor: 'rgba(128,128,128,0.15)' },
              wheel: { enabled: true, modifierKey: 'ctrl' },
              mode: 'x',
            },
            pan: { enabled: true, mode: 'x', modifierKey: 'shift' },
          },
        },
      },
    };
  }
}
