// The run dashboard's webview app: keeps the series the host sent, the UI state (persisted with
// setState), and wires header, toolbar, charts and tables together. The host owns the data.
import type {
  FileEntryDto,
  RunFromWebview,
  RunHeaderDto,
  RunToWebview,
  RunViewState,
  SeriesInfoDto,
} from '../../shared/runProtocol';
import type { ChartOptions } from '../charts/metricChart';
import { pointsOf, SeriesBuffer } from '../charts/seriesBuffer';
import { onThemeChange, readTheme, type ChartTheme } from '../charts/theme';
import { el } from '../dom';
import type { WebviewApi } from '../vscodeApi';
import { ChartGrid } from './chartGrid';
import { renderHeader } from './header';
import { ImageGallery } from './images';
import { renderConfig, renderFiles, renderSummary } from './tables';
import { chartFilter, renderToolbar, type ToolbarChange } from './toolbar';

/** When live appends grow an overview past this, the host is asked for a fresh decimated overview. */
const REDECIMATE_AT = 20_000;
const BUCKETS_PER_CHART = 1000;

export class RunApp {
  private readonly buffers = new Map<string, SeriesBuffer>();
  private series: SeriesInfoDto[] = [];
  private header?: RunHeaderDto;
  private config: [string, string][] = [];
  private files: FileEntryDto[] = [];
  private theme: ChartTheme = readTheme();
  private nextRequest = 1;
  private readonly pendingRanges = new Map<number, { name: string; overview: boolean }>();
  private readonly grid: ChartGrid;
  private readonly headerEl = el('header', { class: 'run-header' });
  private readonly summaryEl = el('div');
  private readonly configEl = el('div');
  private readonly filesEl = el('div');
  private readonly imagesEl = el('div');
  private readonly gallery: ImageGallery;
  private configFilter = '';

  constructor(
    root: HTMLElement,
    private state: RunViewState,
    private readonly api: WebviewApi<RunViewState, RunFromWebview>,
  ) {
    const toolbar = el('div', { class: 'toolbar', attrs: { role: 'toolbar' } });
    renderToolbar(toolbar, state, (change) => this.onToolbar(change));
    const chartsEl = el('div', { class: 'charts' });
    this.grid = new ChartGrid(chartsEl, {
      buffer: (name) => this.buffers.get(name),
      options: () => this.chartOptions(),
      isPinned: (name) => this.state.pinned.includes(name),
      togglePin: (name) => this.togglePin(name),
      isCollapsed: (section) => this.state.collapsed.includes(section),
      toggleSection: (section, open) =>
        this.setState({
          collapsed: open
            ? this.state.collapsed.filter((s) => s !== section)
            : [...new Set([...this.state.collapsed, section])],
        }),
      onRangeChange: (name, range) => this.onRangeChange(name, range),
      exportCsv: (name) => this.api.postMessage({ type: 'exportCsv', name }),
      exportPng: (name, dataUrl) => this.api.postMessage({ type: 'exportPng', name, dataUrl }),
    });
    this.gallery = new ImageGallery(this.imagesEl, {
      open: (path) => this.api.postMessage({ type: 'openFile', path }),
      request: (key) => this.api.postMessage({ type: 'requestImage', key }),
    });
    const configSearch = el('input', {
      class: 'config-search',
      attrs: { type: 'search', placeholder: 'Filter config', 'aria-label': 'Filter config' },
    });
    configSearch.addEventListener('input', () => {
      this.configFilter = configSearch.value;
      renderConfig(this.configEl, this.config, this.configFilter);
    });
    root.append(
      this.headerEl,
      toolbar,
      chartsEl,
      el('details', { class: 'section', attrs: { open: '' } }, el('summary', { text: 'Images' }), this.imagesEl),
      el('details', { class: 'section', attrs: { open: '' } }, el('summary', { text: 'Summary' }), this.summaryEl),
      el(
        'details',
        { class: 'section', attrs: { open: '' } },
        el('summary', { text: 'Config' }),
        configSearch,
        this.configEl,
      ),
      el('details', { class: 'section', attrs: { open: '' } }, el('summary', { text: 'Files' }), this.filesEl),
    );
    onThemeChange(() => {
      this.theme = readTheme();
      this.grid.setOptions(this.chartOptions());
    });
  }

  handle(message: RunToWebview): void {
    switch (message.type) {
      case 'snapshot':
        return this.onSnapshot(message);
      case 'header':
        this.header = message.header;
        return renderHeader(this.headerEl, message.header);
      case 'append':
        return this.onAppend(message.data, message.series);
      case 'details':
        this.config = message.config;
        this.files = message.files;
        renderConfig(this.configEl, this.config, this.configFilter);
        if (JSON.stringify(message.images) !== JSON.stringify(this.imagesShown)) {
          this.setImages(message.images);
        }
        return renderFiles(this.filesEl, this.files, (path) => this.api.postMessage({ type: 'openFile', path }));
      case 'image':
        return this.gallery.gotImage(message.key, message.dataUrl, message.error);
      case 'range':
        return this.onRange(message.requestId, message.data);
      default: {
        const unknown: never = message;
        console.error('unknown message', unknown);
      }
    }
  }

  /** For tests: what each chart draws. */
  debugCharts(): Record<
    string,
    { raw: number; smoothed: number; markers: number; zoomed: boolean; total: number; logY: boolean }
  > {
    const out: ReturnType<RunApp['debugCharts']> = {};
    for (const [name, chart] of this.grid.charts) {
      const buffer = this.buffers.get(name);
      out[name] = {
        ...chart.pointCounts(),
        zoomed: !!buffer?.zoomed,
        total: buffer?.overview.length ?? 0,
        logY: this.state.logY,
      };
    }
    return out;
  }

  private onSnapshot(m: Extract<RunToWebview, { type: 'snapshot' }>): void {
    this.header = m.header;
    this.series = m.series;
    this.config = m.config;
    this.files = m.files;
    this.buffers.clear();
    for (const overview of m.overviews) {
      this.buffers.set(overview.name, new SeriesBuffer(overview));
    }
    renderHeader(this.headerEl, m.header);
    this.renderCharts();
    renderSummary(this.summaryEl, this.series);
    renderConfig(this.configEl, this.config, this.configFilter);
    renderFiles(this.filesEl, this.files, (path) => this.api.postMessage({ type: 'openFile', path }));
    this.setImages(m.images);
  }

  private imagesShown: unknown = undefined;

  private setImages(images: Extract<RunToWebview, { type: 'snapshot' }>['images']): void {
    this.imagesShown = images;
    this.gallery.setImages(images);
  }

  private onAppend(
    data: { name: string; steps: Float64Array; values: Float64Array; wallTimes: Float64Array; full: boolean }[],
    infos: SeriesInfoDto[],
  ): void {
    let newSeries = false;
    for (const d of data) {
      const buffer = this.buffers.get(d.name);
      if (buffer) {
        buffer.append(d);
      } else {
        this.buffers.set(d.name, new SeriesBuffer(d));
        newSeries = true;
      }
      if ((this.buffers.get(d.name)?.overview.length ?? 0) > REDECIMATE_AT) {
        this.requestOverview(d.name);
      }
    }
    for (const info of infos) {
      const i = this.series.findIndex((s) => s.name === info.name);
      if (i >= 0) {
        this.series[i] = info;
      } else {
        this.series.push(info);
      }
      this.grid.updateTitle(info);
    }
    if (newSeries) {
      this.renderCharts();
    } else {
      this.grid.refresh(data.map((d) => d.name));
    }
    renderSummary(this.summaryEl, this.series);
  }

  private onRangeChange(name: string, range: { xMin: number; xMax: number } | undefined): void {
    const buffer = this.buffers.get(name);
    if (!buffer) {
      return;
    }
    if (!range) {
      buffer.zoomed = undefined;
      this.grid.refresh([name]);
      return;
    }
    const requestId = this.nextRequest++;
    this.pendingRanges.set(requestId, { name, overview: false });
    buffer.zoomed = { ...range, points: buffer.zoomed?.points ?? buffer.overview };
    const xAxis = this.state.xAxis;
    const shift = xAxis === 'relative' ? (this.header?.startTime ?? 0) : 0;
    this.api.postMessage({
      type: 'requestRange',
      requestId,
      name,
      xAxis,
      xMin: range.xMin + shift,
      xMax: range.xMax + shift,
      buckets: BUCKETS_PER_CHART,
    });
  }

  private requestOverview(name: string): void {
    const requestId = this.nextRequest++;
    this.pendingRanges.set(requestId, { name, overview: true });
    this.api.postMessage({
      type: 'requestRange',
      requestId,
      name,
      xAxis: 'step',
      xMin: -Infinity,
      xMax: Infinity,
      buckets: BUCKETS_PER_CHART,
    });
  }

  private onRange(
    requestId: number,
    data: { name: string; steps: Float64Array; values: Float64Array; wallTimes: Float64Array; full: boolean },
  ): void {
    const pending = this.pendingRanges.get(requestId);
    this.pendingRanges.delete(requestId);
    const buffer = pending && this.buffers.get(pending.name);
    if (!pending || !buffer) {
      return;
    }
    if (pending.overview) {
      buffer.replace(data);
    } else if (buffer.zoomed) {
      buffer.zoomed = { ...buffer.zoomed, points: pointsOf(data) };
    }
    this.grid.refresh([pending.name]);
  }

  private onToolbar(change: ToolbarChange): void {
    const searchChanged = change.search !== undefined && change.search !== this.state.search;
    this.setState(change);
    if (searchChanged) {
      this.renderCharts();
    } else {
      this.grid.setOptions(this.chartOptions());
    }
  }

  private togglePin(name: string): void {
    const pinned = this.state.pinned.includes(name)
      ? this.state.pinned.filter((p) => p !== name)
      : [...this.state.pinned, name];
    this.setState({ pinned });
    this.renderCharts();
  }

  private renderCharts(): void {
    this.grid.render(this.series, chartFilter(this.state.search));
  }

  private chartOptions(): ChartOptions {
    const s = this.state;
    return {
      smoothing: s.smoothing,
      logY: s.logY,
      logX: s.logX,
      xAxis: s.xAxis,
      ignoreOutliers: s.ignoreOutliers,
      startTime: this.header?.startTime ?? 0,
      theme: this.theme,
    };
  }

  private setState(change: Partial<RunViewState>): void {
    this.state = { ...this.state, ...change };
    this.api.setState(this.state);
  }
}
