// The Compare Runs webview app: runs' series overlaid per metric, a legend to hide/highlight/remove runs,
// a baseline mode, the summary (best per column marked) and the config diff. The host owns the data.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type {
  CompareFromWebview,
  CompareRunDto,
  CompareSeriesDto,
  CompareToWebview,
  CompareViewState,
} from '../../shared/compareProtocol';
import { bucketsFor } from '../../shared/compareProtocol';
import type { SeriesInfoDto } from '../../shared/runProtocol';
import type { CompareChartOptions } from '../charts/compareChart';
import { pointsOf } from '../charts/seriesBuffer';
import { onThemeChange, readTheme, type ChartTheme } from '../charts/theme';
import { el } from '../dom';
import type { WebviewApi } from '../vscodeApi';
import { CompareData } from './compareData';
import { compareDebug, type CompareDebug } from './compareDebug';
import { CompareGrid } from './compareGrid';
import { reportMessage, summaryCsvMessage } from './compareExports';
import { compareLines } from './compareLines';
import { renderCompareToolbar } from './compareToolbar';
import { ZoomRequests, type XWindow } from './compareZoom';
import { renderConfigDiff } from './configDiffView';
import { renderLegend } from './legend';
import { renderSummaryTable } from './summaryView';
import { summaryColumns } from './summaryTable';

export class CompareApp {
  private runs: CompareRunDto[] = [];
  private readonly data = new CompareData();
  private configs: Record<string, [string, string][]> = {};
  private ignoreKeys: string[] = [];
  private theme: ChartTheme = readTheme();
  private highlighted?: string;
  private readonly legendEl = el('div', { class: 'legend' });
  private readonly chartsEl = el('div', { class: 'charts' });
  private readonly summaryEl = el('div');
  private readonly configEl = el('div');
  private readonly titleEl = el('h1');
  private readonly zoom = new ZoomRequests((metric, requestId, window) => this.requestRange(metric, requestId, window));
  private readonly grid = new CompareGrid(this.chartsEl, {
    options: () => this.chartOptions(),
    fill: (metric) => this.fillChart(metric),
    onRangeChange: (metric, range) => {
      this.zoom.set(metric, range);
      if (!range) {
        this.fillChart(metric);
      }
    },
  });

  constructor(
    root: HTMLElement,
    private state: CompareViewState,
    private readonly api: WebviewApi<CompareViewState, CompareFromWebview>,
  ) {
    const toolbar = el('div', { class: 'toolbar', attrs: { role: 'toolbar' } });
    renderCompareToolbar(toolbar, state, (change) => this.onToolbar(change));
    const actions = el(
      'div',
      { class: 'actions' },
      this.button('Add Runs…', 'add-runs', () => this.api.postMessage({ type: 'addRuns' })),
      this.button('Export Summary CSV', 'export-csv', () => this.exportCsv()),
      this.button('Export Report…', 'export-report', () => this.exportReport()),
    );
    root.append(
      el('header', { class: 'compare-header' }, this.titleEl, actions),
      this.legendEl,
      toolbar,
      this.chartsEl,
      el('details', { class: 'section', attrs: { open: '' } }, el('summary', { text: 'Summary' }), this.summaryEl),
      el(
        'details',
        { class: 'section', attrs: { open: '' } },
        el('summary', { text: 'Config differences' }),
        this.configEl,
      ),
    );
    onThemeChange(() => {
      this.theme = readTheme();
      this.grid.refresh();
    });
  }

  handle(message: CompareToWebview): void {
    switch (message.type) {
      case 'snapshot':
        this.runs = message.runs;
        this.configs = message.configs;
        this.ignoreKeys = message.ignoreKeys;
        this.data.reset(message.data, message.infos);
        this.setState({ runIds: this.runs.map((r) => r.id) });
        return this.renderAll();
      case 'append':
        return this.onAppend(message.data, message.infos);
      case 'runs':
        this.runs = message.runs;
        return this.renderLegendOnly();
      case 'range':
        if (this.zoom.accept(message.requestId, message.metric, message.data)) {
          this.fillChart(message.metric);
        }
        return;
      default: {
        const unknown: never = message;
        console.error('unknown message', unknown);
      }
    }
  }

  /** For tests (window.runboardDebug.compare()). */
  debug(): CompareDebug {
    return compareDebug({
      runs: this.runs,
      charts: this.grid.charts,
      xAxis: this.state.xAxis,
      diffKeys: Array.from(this.configEl.querySelectorAll('tbody tr th')).map((th) => th.textContent ?? ''),
      overview: (runId, metric) => {
        const points = this.data.overview(runId, metric);
        return points && { points, full: this.data.isFull(runId, metric) };
      },
      zoomFull: (runId, metric) => this.zoom.points(metric, runId)?.full,
    });
  }

  private metrics(): string[] {
    return this.data.metrics(this.runs, this.state.onlyCommon, this.state.search);
  }

  private renderAll(): void {
    this.renderLegendOnly();
    this.renderCharts();
    this.renderTables();
  }

  private renderLegendOnly(): void {
    this.titleEl.textContent = `Compare ${this.runs.length} run${this.runs.length === 1 ? '' : 's'}`;
    renderLegend(this.legendEl, this.runs, this.state, {
      toggle: (id) => this.setHidden(id),
      highlight: (id) => {
        this.highlighted = id;
        this.refreshCharts();
      },
      remove: (runId) => this.api.postMessage({ type: 'removeRun', runId }),
      open: (runId) => this.api.postMessage({ type: 'openRun', runId }),
      baseline: (runId, mode) => {
        this.setState({ baseline: runId, baselineMode: mode });
        this.renderCharts();
      },
    });
  }

  private renderCharts(): void {
    this.zoom.clear();
    this.grid.render(this.metrics(), this.runs.length > 0);
  }

  private fillChart(metric: string): void {
    const chart = this.grid.charts.get(metric);
    if (!chart) {
      return;
    }
    const { lines, beats } = compareLines(metric, this.runs, this.state, {
      overview: (runId) => this.data.overview(runId, metric),
      window: (runId) => {
        const answer = this.zoom.points(metric, runId);
        return answer && pointsOf(answer);
      },
    });
    chart.setLines(lines);
    const note = chart.chart.canvas.closest('.chart-card')?.querySelector('.chart-note');
    if (note) {
      note.textContent = beats.length ? `Beats the baseline first at: ${beats.join(' · ')}` : '';
    }
  }

  /** Asks the host for a zoomed chart's window: the runs drawn on it (and the baseline run). */
  private requestRange(metric: string, requestId: number, window: XWindow): void {
    const { hidden, baseline, baselineMode } = this.state;
    const runIds = this.runs
      .filter((r) => !hidden.includes(r.id) || (baselineMode !== 'off' && r.id === baseline))
      .filter((r) => this.data.overview(r.id, metric) !== undefined)
      .map((r) => r.id);
    this.api.postMessage({
      type: 'requestRange',
      requestId,
      metric,
      runIds,
      xAxis: this.state.xAxis,
      xMin: window.xMin,
      xMax: window.xMax,
      buckets: bucketsFor(runIds.length),
    });
  }

  private refreshCharts(): void {
    this.grid.refresh();
  }

  private renderTables(): void {
    const columns = this.summary();
    renderSummaryTable(this.summaryEl, columns, this.runs, (metric) => {
      const flipped = this.state.flipped.includes(metric)
        ? this.state.flipped.filter((m) => m !== metric)
        : [...this.state.flipped, metric];
      this.setState({ flipped });
      this.renderTables();
    });
    renderConfigDiff(this.configEl, this.runs, this.configs, this.ignoreKeys, this.state.showAllConfig, (showAll) => {
      this.setState({ showAllConfig: showAll });
      this.renderTables();
    });
  }

  private onAppend(data: CompareSeriesDto[], infos: (SeriesInfoDto & { runId: string })[]): void {
    if (this.data.append(data, infos)) {
      return this.renderAll();
    }
    for (const name of new Set(data.map((d) => d.name))) {
      this.fillChart(name);
    }
    this.renderTables();
  }

  private onToolbar(change: Partial<CompareViewState>): void {
    const relayout =
      (change.search !== undefined && change.search !== this.state.search) || change.onlyCommon !== undefined;
    const axisChanged =
      (change.xAxis !== undefined && change.xAxis !== this.state.xAxis) ||
      (change.logX !== undefined && change.logX !== this.state.logX);
    this.setState(change);
    if (relayout) {
      this.renderAll();
      return;
    }
    if (axisChanged) {
      // Windows are in the old axis' units: forget them (the charts reset their zoom too).
      this.zoom.clear();
      for (const metric of this.grid.charts.keys()) {
        this.fillChart(metric);
      }
    }
    this.refreshCharts();
  }

  private setHidden(runId: string): void {
    const hidden = this.state.hidden.includes(runId)
      ? this.state.hidden.filter((h) => h !== runId)
      : [...this.state.hidden, runId];
    this.setState({ hidden });
    this.renderLegendOnly();
    this.refreshCharts();
    // A run shown again has no points for the zoomed windows yet.
    this.zoom.refetch();
  }

  private chartOptions(): CompareChartOptions {
    const s = this.state;
    return {
      smoothing: s.smoothing,
      logY: s.logY,
      logX: s.logX,
      xAxis: s.xAxis,
      hidden: new Set(s.hidden),
      highlighted: this.highlighted,
      theme: this.theme,
    };
  }

  private exportCsv(): void {
    this.api.postMessage(summaryCsvMessage(this.summary(), this.runs));
  }

  private exportReport(): void {
    this.api.postMessage(
      reportMessage(this.runs, this.summary(), this.configs, this.ignoreKeys, this.grid.chartImages()),
    );
  }

  private summary() {
    return summaryColumns(
      this.metrics(),
      this.runs.map((r) => r.id),
      this.data.infos,
      this.state.flipped,
    );
  }

  private button(label: string, action: string, onClick: () => void): HTMLElement {
    const b = document.createElement('vscode-button');
    b.textContent = label;
    b.setAttribute('data-action', action);
    b.setAttribute('secondary', '');
    b.addEventListener('click', onClick);
    return b;
  }

  private setState(change: Partial<CompareViewState>): void {
    this.state = { ...this.state, ...change };
    this.api.setState(this.state);
  }
}
