// The run dashboard's host side: one webview panel per run (opening it again reveals it). It answers
// the webview's ready handshake with a snapshot, then streams only appended points; it serves
// full-resolution ranges on zoom and opens/exports files on request.
import * as vscode from 'vscode';
import type { RunStore } from '../../core/runs/runStore';
import type { RunState } from '../../core/runs/runState';
import type { RunFromWebview, RunToWebview, RunViewState } from '../../shared/runProtocol';
import { Disposable } from '../disposable';
import { exportSeriesCsv, savePng } from './exports';
import { appendedData, configRows, fileEntries, headerDto, seriesData, seriesInfo, snapshotMessage } from './runDtos';
import { RunHistogramFeed } from './runHistogramFeed';
import { embeddedImage, imageDtos } from './runImages';
import { RunLogFeed } from './runLogFeed';
import { openRunCheckpoint, openRunFile } from './runOpen';
import { webviewHtml, webviewOptions } from './webviewHtml';
import { fromWire, toWire } from '../../shared/wireNumbers';

export const RUN_PANEL_VIEW_TYPE = 'runboard.runDashboard';
/** Coalesce store events: a live run writing every few ms still costs one message per frame or so. */
const APPEND_COALESCE_MS = 16;

export class RunPanel extends Disposable {
  private static readonly open = new Map<string, RunPanel>();
  private ready = false;
  /** Messages posted to the webview, by type (the in-VS-Code tests read this). */
  readonly posted = new Map<RunToWebview['type'], number>();
  /** The last message posted of each type (the in-VS-Code tests read what was sent). */
  readonly lastPosted = new Map<RunToWebview['type'], RunToWebview>();
  private pendingAppends = new Map<string, number>();
  private pendingDetails = false;
  private readonly histogramFeed: RunHistogramFeed;
  private readonly logFeed: RunLogFeed;
  private flushTimer?: NodeJS.Timeout;

  /** Opens the dashboard of a run, or reveals it when it is open already. */
  static show(extensionUri: vscode.Uri, store: RunStore, runId: string, preserveFocus = false): RunPanel | undefined {
    const existing = RunPanel.open.get(runId);
    if (existing) {
      existing.panel.reveal(undefined, preserveFocus);
      return existing;
    }
    const run = store.get(runId);
    if (!run) {
      return undefined;
    }
    const panel = vscode.window.createWebviewPanel(
      RUN_PANEL_VIEW_TYPE,
      run.name,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus },
      {
        ...webviewOptions(extensionUri, [vscode.Uri.file(run.dir)]),
        enableFindWidget: true,
      },
    );
    return new RunPanel(panel, extensionUri, store, runId);
  }

  /** Re-creates a panel VS Code restored after a reload (its state names the run). */
  static revive(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    store: RunStore,
    state: RunViewState | undefined,
  ): void {
    const runId = state?.runId;
    if (!runId || RunPanel.open.has(runId)) {
      panel.dispose();
      return;
    }
    const run = store.get(runId);
    panel.webview.options = webviewOptions(extensionUri, run ? [vscode.Uri.file(run.dir)] : []);
    new RunPanel(panel, extensionUri, store, runId);
  }

  static get(runId: string): RunPanel | undefined {
    return RunPanel.open.get(runId);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly store: RunStore,
    readonly runId: string,
  ) {
    super();
    RunPanel.open.set(runId, this);
    this.register({ dispose: () => RunPanel.open.delete(runId) });
    this.register({ dispose: () => clearTimeout(this.flushTimer) });
    this.histogramFeed = this.register(
      new RunHistogramFeed(
        () => this.run(),
        (histograms) => this.post({ type: 'histograms', histograms }),
      ),
    );
    this.logFeed = this.register(
      new RunLogFeed(
        () => this.run(),
        (log) => {
          if (this.ready) {
            this.post({ type: 'log', logTail: log.text, logFile: log.file });
          }
        },
      ),
    );
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'runboard.svg');
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(panel.webview.onDidReceiveMessage((m: RunFromWebview) => void this.onMessage(fromWire(m))));
    this.register(
      store.onDidChangeRun(({ run, applied }) => {
        if (run.id !== runId) {
          return;
        }
        if (applied.reset) {
          this.pendingAppends.clear();
          this.histogramFeed.clear();
          void this.postSnapshot();
          return;
        }
        if (this.ready) {
          this.histogramFeed.changed(applied.histogramsChanged);
        }
        this.logFeed.schedule();
        for (const [name, from] of applied.appended) {
          const known = this.pendingAppends.get(name);
          this.pendingAppends.set(name, known === undefined ? from : Math.min(known, from));
        }
        this.pendingDetails = true;
        this.scheduleFlush();
      }),
    );
    this.register(
      store.onDidRemoveRun((run) => {
        if (run.id === runId) {
          this.post({
            type: 'header',
            header: { ...headerDto(run), errors: [{ code: 'run-removed', message: 'This run is no longer on disk.' }] },
          });
        }
      }),
    );
    panel.webview.html = webviewHtml(panel.webview, extensionUri, {
      app: 'run',
      title: this.run()?.name ?? 'Run',
      data: { 'run-id': runId },
    });
  }

  /** True once the webview said it is ready (tests wait for it). */
  get isReady(): boolean {
    return this.ready;
  }

  override dispose(): void {
    super.dispose();
    this.panel.dispose();
  }

  private run(): RunState | undefined {
    return this.store.get(this.runId);
  }

  private async onMessage(message: RunFromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.pendingAppends.clear();
        this.histogramFeed.clear();
        return this.postSnapshot();
      case 'requestRange':
        return this.postRange(message);
      case 'openFile':
        await openRunFile(this.run(), message.path);
        return;
      case 'openCheckpoint':
        await this.openCheckpoint(message.path);
        return;
      case 'requestImage': {
        const run = this.run();
        if (run) {
          this.post({ type: 'image', key: message.key, ...(await embeddedImage(run, message.key)) });
        }
        return;
      }
      case 'exportCsv': {
        const series = this.run()?.series.get(message.name);
        if (series) {
          await exportSeriesCsv(series, this.run()?.name ?? 'run');
        }
        return;
      }
      case 'exportPng':
        return savePng(message.name, message.dataUrl);
      default: {
        const unknown: never = message;
        console.error('[runboard] unknown message from the run dashboard:', unknown);
      }
    }
  }

  private async postSnapshot(): Promise<void> {
    const run = this.run();
    if (!run || !this.ready) {
      return;
    }
    const images = await imageDtos(run, this.panel.webview);
    const log = await this.logFeed.current();
    this.panel.title = run.name;
    this.post(snapshotMessage(run, { images, log }));
  }

  private postRange(message: Extract<RunFromWebview, { type: 'requestRange' }>): void {
    const series = this.run()?.series.get(message.name);
    if (!series) {
      return;
    }
    const buckets = Math.max(16, Math.min(8192, Math.floor(message.buckets)));
    const mode = message.xAxis === 'step' ? 'step' : 'wall';
    this.post({
      type: 'range',
      requestId: message.requestId,
      data: seriesData(series, mode, message.xMin, message.xMax, buckets),
    });
  }

  private scheduleFlush(): void {
    if (this.flushTimer || !this.ready) {
      return;
    }
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, APPEND_COALESCE_MS);
  }

  private async flush(): Promise<void> {
    const run = this.run();
    if (!run) {
      return;
    }
    const data = [];
    const infos = [];
    for (const [name, from] of this.pendingAppends) {
      const series = run.series.get(name);
      if (!series) {
        continue;
      }
      data.push(appendedData(series, from));
      infos.push(seriesInfo(series));
    }
    this.pendingAppends.clear();
    if (data.length > 0) {
      this.post({ type: 'append', data, series: infos });
    }
    this.post({ type: 'header', header: headerDto(run) });
    if (this.pendingDetails) {
      this.pendingDetails = false;
      this.post({
        type: 'details',
        config: configRows(run),
        files: fileEntries(run),
        images: await imageDtos(run, this.panel.webview),
      });
    }
  }

  /** Opens one of this run's checkpoints in the Checkpoint Inspector (any other path is refused). */
  openCheckpoint(file: string): Promise<boolean> {
    return openRunCheckpoint(this.run(), file);
  }

  private post(message: RunToWebview): void {
    this.posted.set(message.type, (this.posted.get(message.type) ?? 0) + 1);
    this.lastPosted.set(message.type, message);
    void this.panel.webview.postMessage(toWire(message));
  }
}
