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
import { PALETTE } from '../../shared/compareProtocol';
import { sectionOf, type SeriesInfoDto } from '../../shared/runProtocol';
import { CompareChart, type CompareChartOptions, type CompareLine } from '../charts/compareChart';
import { pointsOf, SeriesBuffer } from '../charts/seriesBuffer';
import { onThemeChange, readTheme, type ChartTheme } from '../charts/theme';
import { clear, el } from '../dom';
import { chartFilter } from '../run/toolbar';
import type { WebviewApi } from '../vscodeApi';
import { againstBaseline, firstStepBeating } from './baseline';
import { renderCompareToolbar } from './compareToolbar';
import { renderConfigDiff } from './configDiffView';
import { buildReport } from './report';
import { renderLegend } from './legend';
import { renderSummaryTable } from './summaryView';
import { lowerIsBetter } from '../../shared/metricDirection';
import { summaryColumns, summaryCsv } from './summaryTable';

const key = (runId: string, metric: string) => `${runId}\u0000${metric}`;

export class CompareApp {
  private runs: CompareRunDto[] = [];
  private readonly buffers = new Map<string, SeriesBuffer>();
  private readonly infos = new Map<string, SeriesInfoDto>();
  private configs: Record<string, [string, string][]> = {};
  private ignoreKeys: string[] = [];
  private theme: ChartTheme = readTheme();
  private readonly charts = new Map<string, CompareChart>();
  private readonly observer = new IntersectionObserver((entries) => this.onVisible(entries), { rootMargin: '200px' });
  private readonly pending = new Map<Element, string>();
  private highlighted?: string;
  private readonly legendEl = el('div', { class: 'legend' });
  private readonly chartsEl = el('div', { class: 'charts' });
  private readonly summaryEl = el('div');
  private readonly configEl = el('div');
  private readonly titleEl = el('h1');

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
      for (const chart of this.charts.values()) {
        chart.setOptions(this.chartOptions());
      }
    });
  }

  handle(message: CompareToWebview): void {
    switch (message.type) {
      case 'snapshot':
        this.runs = message.runs;
        this.configs = message.configs;
        this.ignoreKeys = message.ignoreKeys;
        this.buffers.clear();
        this.infos.clear();
        for (const d of message.data) {
          this.buffers.set(key(d.runId, d.name), new SeriesBuffer(d));
        }
        for (const i of message.infos) {
          this.infos.set(key(i.runId, i.name), i);
        }
        this.setState({ runIds: this.runs.map((r) => r.id) });
        return this.renderAll();
      case 'append':
        return this.onAppend(message.data, message.infos);
      case 'runs':
        this.runs = message.runs;
        return this.renderLegendOnly();
      default: {
        const unknown: never = message;
        console.error('unknown message', unknown);
      }
    }
  }

  /** For tests: visible datasets per chart and the config diff's keys. */
  debug(): { charts: Record<string, number>; diffKeys: string[]; runs: string[] } {
    const charts: Record<string, number> = {};
    for (const [name, chart] of this.charts) {
      charts[name] = chart.datasetCount();
    }
    const diffKeys = Array.from(this.configEl.querySelectorAll('tbody tr th')).map((th) => th.textContent ?? '');
    return { charts, diffKeys, runs: this.runs.map((r) => r.name) };
  }

  private metrics(): string[] {
    const byRun = new Map<string, Set<string>>(this.runs.map((r) => [r.id, new Set<string>()]));
    for (const k of this.infos.keys()) {
      const [runId, metric] = k.split('\u0000');
      byRun.get(runId)?.add(metric);
    }
    const perRun = [...byRun.values()];
    const all = new Set(perRun.flatMap((s) => [...s]));
    const names = [...all].filter((m) => !this.state.onlyCommon || perRun.every((s) => s.has(m)));
    const matches = chartFilter(this.state.search);
    return names.filter(matches).sort((a, b) => sectionOf(a).localeCompare(sectionOf(b)) || a.localeCompare(b));
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
    for (const chart of this.charts.values()) {
      chart.destroy();
    }
    this.charts.clear();
    this.pending.clear();
    this.observer.disconnect();
    clear(this.chartsEl);
    const metrics = this.metrics();
    if (this.runs.length === 0) {
      this.chartsEl.append(el('p', { class: 'muted', text: 'No runs to compare: use "Add Runs…".' }));
      return;
    }
    const grid = el('div', { class: 'chart-grid' });
    for (const metric of metrics) {
      const canvas = el('canvas');
      const note = el('div', { class: 'chart-note muted' });
      grid.append(
        el(
          'div',
          { class: 'chart-card', attrs: { 'data-metric': metric } },
          el('div', { class: 'chart-head' }, el('span', { class: 'chart-title', text: metric, title: metric })),
          el('div', { class: 'chart-body' }, canvas),
          note,
        ),
      );
      this.pending.set(canvas, metric);
      this.observer.observe(canvas);
    }
    this.chartsEl.append(metrics.length ? grid : el('p', { class: 'muted', text: 'No metric matches.' }));
  }

  private onVisible(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) {
        continue;
      }
      const metric = this.pending.get(entry.target);
      if (!metric) {
        continue;
      }
      this.pending.delete(entry.target);
      this.observer.unobserve(entry.target);
      const chart = new CompareChart(entry.target as HTMLCanvasElement, metric, this.chartOptions());
      this.charts.set(metric, chart);
      this.fillChart(metric, chart);
    }
  }

  private fillChart(metric: string, chart: CompareChart): void {
    const { baseline, baselineMode } = this.state;
    const base = baseline && baselineMode !== 'off' ? this.buffers.get(key(baseline, metric))?.overview : undefined;
    const lines: CompareLine[] = [];
    const beats: string[] = [];
    for (const run of this.runs) {
      const buffer = this.buffers.get(key(run.id, metric));
      if (!buffer) {
        continue;
      }
      let points = buffer.overview;
      if (base && baselineMode !== 'off') {
        if (run.id === baseline) {
          continue;
        }
        const d = againstBaseline(points, base, baselineMode);
        points = pointsOf({
          name: metric,
          steps: Float64Array.from(d.steps),
          values: Float64Array.from(d.values),
          wallTimes: new Float64Array(d.steps.length).fill(NaN),
          full: true,
        });
        const step = firstStepBeating(buffer.overview, base, lowerIsBetter(metric));
        beats.push(`${run.name}: ${step === undefined ? 'never' : `step ${step}`}`);
      }
      lines.push({
        runId: run.id,
        label: run.name,
        color: PALETTE[run.color % PALETTE.length],
        points,
        startTime: run.startTime ?? 0,
      });
    }
    chart.setLines(lines);
    const note = chart.chart.canvas.closest('.chart-card')?.querySelector('.chart-note');
    if (note) {
      note.textContent = beats.length ? `Beats the baseline first at: ${beats.join(' · ')}` : '';
    }
  }

  private refreshCharts(): void {
    for (const chart of this.charts.values()) {
      chart.setOptions(this.chartOptions());
    }
  }

  private renderTables(): void {
    const metrics = this.metrics();
    const columns = summaryColumns(
      metrics,
      this.runs.map((r) => r.id),
      this.infos,
      this.state.flipped,
    );
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
    let newMetric = false;
    for (const d of data) {
      const k = key(d.runId, d.name);
      const buffer = this.buffers.get(k);
      if (buffer) {
        buffer.append(d);
      } else {
        this.buffers.set(k, new SeriesBuffer(d));
        newMetric = true;
      }
    }
    for (const i of infos) {
      this.infos.set(key(i.runId, i.name), i);
    }
    if (newMetric) {
      return this.renderAll();
    }
    for (const name of new Set(data.map((d) => d.name))) {
      const chart = this.charts.get(name);
      if (chart) {
        this.fillChart(name, chart);
      }
    }
    this.renderTables();
  }

  private onToolbar(change: Partial<CompareViewState>): void {
    const relayout =
      (change.search !== undefined && change.search !== this.state.search) || change.onlyCommon !== undefined;
    this.setState(change);
    if (relayout) {
      this.renderAll();
    } else {
      this.refreshCharts();
    }
  }

  private setHidden(runId: string): void {
    const hidden = this.state.hidden.includes(runId)
      ? this.state.hidden.filter((h) => h !== runId)
      : [...this.state.hidden, runId];
    this.setState({ hidden });
    this.renderLegendOnly();
    this.refreshCharts();
  }

  private chartOptions(): CompareChartOptions {
    const s = this.state;
    return {
      smoothing: s.smoothing,
      logY: s.logY,
      xAxis: s.xAxis,
      hidden: new Set(s.hidden),
      highlighted: this.highlighted,
      theme: this.theme,
    };
  }

  private exportCsv(): void {
    const columns = summaryColumns(
      this.metrics(),
      this.runs.map((r) => r.id),
      this.infos,
      this.state.flipped,
    );
    this.api.postMessage({
      type: 'exportSummaryCsv',
      csv: summaryCsv(
        columns,
        this.runs.map((r) => r.name),
      ),
    });
  }

  private exportReport(): void {
    const metrics = this.metrics();
    const columns = summaryColumns(
      metrics,
      this.runs.map((r) => r.id),
      this.infos,
      this.state.flipped,
    );
    const charts = [...this.charts.entries()].map(([metric, chart], i) => ({
      metric,
      file: `chart-${i + 1}.png`,
      dataUrl: chart.toPng(),
    }));
    const markdown = buildReport(this.runs, columns, this.configs, this.ignoreKeys, charts);
    this.api.postMessage({
      type: 'exportReport',
      markdown,
      charts: charts.map(({ file, dataUrl }) => ({ file, dataUrl })),
    });
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
