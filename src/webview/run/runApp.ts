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
import type { ChartCheckpoint } from '../charts/checkpointMarkers';
import type { ChartOptions } from '../charts/metricChart';
import { SeriesBuffer } from '../charts/seriesBuffer';
import { onThemeChange, readTheme, type ChartTheme } from '../charts/theme';
import { el } from '../dom';
import type { WebviewApi } from '../vscodeApi';
import { ChartGrid, type ChartDebug } from './chartGrid';
import { checkpointsOf } from './checkpoints';
import { ConsoleView } from './console';
import { HistogramsView } from './histograms';
import { renderHeader } from './header';
import { ImageGallery } from './images';
import { renderConfig, renderFiles, renderSummary } from './tables';
import { RangeRequests } from './rangeRequests';
import { chartFilter } from './chartFilter';
import { renderToolbar, type ToolbarChange } from './toolbar';

/** When live appends grow an overview past this, the host is asked for a fresh decimated overview. */
const REDECIMATE_AT = 20_000;

export class RunApp {
  private readonly buffers = new Map<string, SeriesBuffer>();
  private series: SeriesInfoDto[] = [];
  private header?: RunHeaderDto;
  private config: [string, string][] = [];
  private theme: ChartTheme = readTheme();
  private readonly ranges: RangeRequests;
  private readonly console: ConsoleView;
  private readonly histograms: HistogramsView;
  private readonly grid: ChartGrid;
  private readonly headerEl = el('header', { class: 'run-header' });
  private readonly summaryEl = el('div');
  private readonly configEl = el('div');
  private readonly filesEl = el('div');
  private readonly imagesEl = el('div');
  private readonly gallery: ImageGallery;
  private configFilter = '';
  private checkpoints: ChartCheckpoint[] = [];

  constructor(
    root: HTMLElement,
    private state: RunViewState,
    private readonly api: WebviewApi<RunViewState, RunFromWebview>,
  ) {
    this.ranges = new RangeRequests((m) => this.api.postMessage(m));
    this.console = new ConsoleView((path) => this.api.postMessage({ type: 'openFile', path }));
    this.histograms = new HistogramsView({
      theme: () => this.theme,
      mode: () => this.state.histogramMode,
      setMode: (histogramMode) => this.setState({ histogramMode }),
      matches: () => chartFilter(this.state.search),
    });
    const toolbar = el('div', { class: 'toolbar', attrs: { role: 'toolbar' } });
    renderToolbar(toolbar, state, (change) => this.onToolbar(change));
    const chartsEl = el('div', { class: 'charts' });
    this.grid = new ChartGrid(chartsEl, {
      buffer: (name) => this.buffers.get(name),
      options: () => this.chartOptions(),
      isPinned: (name) => this.state.pinned.includes(name),
      togglePin: (name) => this.togglePin(name),
      isCollapsed: (section) => this.state.collapsed.includes(section),
      toggleSection: (section, open) => this.setCollapsed(section, !open),
      onRangeChange: (name, range) => this.onRangeChange(name, range),
      exportCsv: (name) => this.api.postMessage({ type: 'exportCsv', name }),
      exportPng: (name, dataUrl) => this.api.postMessage({ type: 'exportPng', name, dataUrl }),
      openCheckpoint: (path) => this.api.postMessage({ type: 'openCheckpoint', path }),
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
      this.histograms.element,
      this.pageSection('Images', this.imagesEl),
      this.console.element,
      this.pageSection('Summary', this.summaryEl),
      this.pageSection('Config', configSearch, this.configEl),
      this.pageSection('Files', this.filesEl),
    );
    onThemeChange(() => {
      this.theme = readTheme();
      this.grid.setOptions(this.chartOptions());
      this.histograms.redrawAll();
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
        renderConfig(this.configEl, this.config, this.configFilter);
        if (JSON.stringify(message.images) !== JSON.stringify(this.imagesShown)) {
          this.setImages(message.images);
        }
        return this.setFiles(message.files);
      case 'image':
        return this.gallery.gotImage(message.key, message.dataUrl, message.error);
      case 'range': {
        const name = this.ranges.answer(message.requestId, message.data, this.buffers);
        return name === undefined ? undefined : this.grid.refresh([name]);
      }
      case 'log':
        return this.console.set(message.logTail, message.logFile);
      case 'histograms':
        return this.histograms.update(message.histograms);
      default: {
        const unknown: never = message;
        console.error('unknown message', unknown);
      }
    }
  }

  /** For tests: what each chart draws. */
  debugCharts(): Record<string, ChartDebug> {
    return this.grid.debug();
  }

  private onSnapshot(m: Extract<RunToWebview, { type: 'snapshot' }>): void {
    this.header = m.header;
    this.series = m.series;
    this.config = m.config;
    this.checkpoints = checkpointsOf(m.files);
    this.buffers.clear();
    for (const overview of m.overviews) {
      this.buffers.set(overview.name, new SeriesBuffer(overview));
    }
    renderHeader(this.headerEl, m.header);
    this.renderCharts();
    renderSummary(this.summaryEl, this.series);
    renderConfig(this.configEl, this.config, this.configFilter);
    this.setFiles(m.files);
    this.setImages(m.images);
    this.console.set(m.logTail, m.logFile);
    this.histograms.setAll(m.histograms);
  }

  private imagesShown: unknown = undefined;

  /** The files list, and the checkpoint markers on the charts when the checkpoints changed. */
  private setFiles(files: FileEntryDto[]): void {
    renderFiles(this.filesEl, files, {
      openFile: (path) => this.api.postMessage({ type: 'openFile', path }),
      openCheckpoint: (path) => this.api.postMessage({ type: 'openCheckpoint', path }),
    });
    const checkpoints = checkpointsOf(files);
    if (JSON.stringify(checkpoints) !== JSON.stringify(this.checkpoints)) {
      this.checkpoints = checkpoints;
      this.grid.setOptions(this.chartOptions());
    }
  }

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
        this.ranges.overview(d.name);
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
    if (buffer && range) {
      this.ranges.zoom(name, buffer, range, this.state.xAxis, this.header?.startTime);
    } else if (buffer) {
      buffer.zoomed = undefined;
      this.grid.refresh([name]);
    }
  }

  private onToolbar(change: ToolbarChange): void {
    const searchChanged = change.search !== undefined && change.search !== this.state.search;
    this.setState(change);
    if (searchChanged) {
      this.renderCharts();
      this.histograms.refilter();
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
      checkpoints: this.checkpoints,
    };
  }

  /** A section of the page below the charts, open unless the user closed it (kept in the view state). */
  private pageSection(title: string, ...content: HTMLElement[]): HTMLDetailsElement {
    const key = `page:${title}`;
    const details = el(
      'details',
      {
        class: 'section',
        attrs: this.state.collapsed.includes(key) ? { 'data-section': key } : { open: '', 'data-section': key },
      },
      el('summary', { text: title }),
      ...content,
    );
    details.addEventListener('toggle', () => this.setCollapsed(key, !details.open));
    return details;
  }

  private setCollapsed(section: string, collapsed: boolean): void {
    const others = this.state.collapsed.filter((s) => s !== section);
    this.setState({ collapsed: collapsed ? [...others, section] : others });
  }

  private setState(change: Partial<RunViewState>): void {
    this.state = { ...this.state, ...change };
    this.api.setState(this.state);
  }
}
