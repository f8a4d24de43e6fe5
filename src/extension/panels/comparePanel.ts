// The Compare Runs panel's host side: one panel; runs can be added and removed while it is open. It
// sends a snapshot after `ready` and whenever the set of runs changes, then only appended points, and
// answers a zoomed chart's request for its window at full resolution.
import * as vscode from 'vscode';
import type { RunStore } from '../../core/runs/runStore';
import type {
  CompareFromWebview,
  CompareSeriesDto,
  CompareToWebview,
  CompareViewState,
} from '../../shared/compareProtocol';
import { pickRuns } from '../commands/pickRuns';
import { Disposable } from '../disposable';
import { PendingAppends } from './compareAppends';
import { compareRunDtos, compareSnapshot } from './compareDtos';
import { compareRange, type CompareRangeRequest } from './compareRange';
import { saveReport, saveText } from './exports';
import { webviewHtml, webviewOptions } from './webviewHtml';
import { fromWire, toWire } from '../../shared/wireNumbers';
import { DEFAULT_IGNORE_KEYS } from '../../shared/compareProtocol';

export const COMPARE_VIEW_TYPE = 'runboard.compare';
/** Live points of all compared runs go out together, at most about once a frame. */
const APPEND_COALESCE_MS = 16;

export class ComparePanel extends Disposable {
  private static current?: ComparePanel;
  private runIds: string[] = [];
  private readonly colors = new Map<string, number>();
  private nextColor = 0;
  private ready = false;
  private readonly pending = new PendingAppends();
  private flushTimer?: NodeJS.Timeout;
  /** Messages posted to the webview, by type (the in-VS-Code tests read this). */
  readonly posted = new Map<CompareToWebview['type'], number>();
  /** Told the compared runs whenever the user changes them (the palette's pick starts from them). */
  static remember: (runIds: readonly string[]) => void = () => undefined;

  /** Opens the panel with these runs (or adds them to the open one). */
  static show(extensionUri: vscode.Uri, store: RunStore, runIds: string[], replace = true): ComparePanel {
    if (ComparePanel.current) {
      const panel = ComparePanel.current;
      panel.setRuns(replace ? runIds : [...panel.runIds, ...runIds]);
      panel.panel.reveal();
      return panel;
    }
    const webview = vscode.window.createWebviewPanel(
      COMPARE_VIEW_TYPE,
      'Compare Runs',
      vscode.ViewColumn.Active,
      webviewOptions(extensionUri),
    );
    return new ComparePanel(webview, extensionUri, store, runIds);
  }

  static revive(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    store: RunStore,
    state: CompareViewState | undefined,
  ): void {
    if (ComparePanel.current) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(extensionUri);
    new ComparePanel(panel, extensionUri, store, state?.runIds ?? [], false);
  }

  static get open(): ComparePanel | undefined {
    return ComparePanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly store: RunStore,
    runIds: string[],
    byUser = true,
  ) {
    super();
    ComparePanel.current = this;
    this.register({ dispose: () => (ComparePanel.current = undefined) });
    this.register({ dispose: () => clearTimeout(this.flushTimer) });
    this.setRuns(runIds, { post: false, byUser });
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'runboard.svg');
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(panel.webview.onDidReceiveMessage((m: CompareFromWebview) => void this.onMessage(fromWire(m))));
    this.register(
      store.onDidChangeRun(({ run, applied }) => {
        if (!this.ready || !this.runIds.includes(run.id)) {
          return;
        }
        if (applied.reset) {
          return this.postSnapshot();
        }
        this.pending.add(run.id, applied.appended, applied.metaChanged);
        this.scheduleFlush();
      }),
    );
    this.register(
      store.onDidRemoveRun(
        (run) =>
          this.runIds.includes(run.id) &&
          this.setRuns(
            this.runIds.filter((id) => id !== run.id),
            { byUser: false },
          ),
      ),
    );
    panel.webview.html = webviewHtml(panel.webview, extensionUri, {
      app: 'compare',
      title: 'Compare Runs',
      data: { 'run-ids': JSON.stringify(this.runIds) },
    });
  }

  /** The runs compared now (tests read this). */
  get runs(): readonly string[] {
    return this.runIds;
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** `byUser`: the user chose this set (remembered); not when a run's folder went away. */
  setRuns(runIds: string[], { post = true, byUser = true } = {}): void {
    this.runIds = [...new Set(runIds)].filter((id) => this.store.has(id));
    if (byUser) {
      ComparePanel.remember(this.runIds);
    }
    for (const id of this.runIds) {
      if (!this.colors.has(id)) {
        this.colors.set(id, this.nextColor++);
      }
    }
    this.panel.title = `Compare ${this.runIds.length} Runs`;
    if (post) {
      this.postSnapshot();
    }
  }

  override dispose(): void {
    super.dispose();
    this.panel.dispose();
  }

  private async onMessage(message: CompareFromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        return this.postSnapshot();
      case 'addRuns': {
        const added = await pickRuns(this.store, 'Add runs to the comparison', [], this.runIds);
        if (added?.length) {
          this.setRuns([...this.runIds, ...added]);
        }
        return;
      }
      case 'requestRange':
        this.post({
          type: 'range',
          requestId: message.requestId,
          metric: message.metric,
          data: this.range(message),
        });
        return;
      case 'removeRun':
        return this.setRuns(this.runIds.filter((id) => id !== message.runId));
      case 'openRun':
        await vscode.commands.executeCommand('runboard.openRun', message.runId);
        return;
      case 'exportSummaryCsv':
        return saveText('Export the comparison summary as CSV', 'comparison-summary.csv', message.csv, {
          CSV: ['csv'],
        });
      case 'exportReport':
        return saveReport(message.markdown, message.charts);
      default: {
        const unknown: never = message;
        console.error('[runboard] unknown message from Compare Runs:', unknown);
      }
    }
  }

  /** One metric's points of some compared runs in an x window (what a zoomed chart asks for). */
  range(request: CompareRangeRequest): CompareSeriesDto[] {
    return compareRange(
      this.compared().filter((run) => request.runIds.includes(run.id)),
      request,
    );
  }

  /** The labels the panel shows, by run id (names made unique when runs share one). */
  labels(): Map<string, string> {
    return new Map(this.runDtos().map((r) => [r.id, r.label]));
  }

  private compared() {
    return this.runIds.flatMap((id) => this.store.get(id) ?? []);
  }

  private runDtos() {
    return compareRunDtos(this.compared(), this.colors);
  }

  private scheduleFlush(): void {
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      const { data, infos, metaChanged } = this.pending.take((id) =>
        this.runIds.includes(id) ? this.store.get(id) : undefined,
      );
      if (data.length > 0) {
        this.post({ type: 'append', data, infos });
      }
      if (metaChanged) {
        this.post({ type: 'runs', runs: this.runDtos() });
      }
    }, APPEND_COALESCE_MS);
  }

  private postSnapshot(): void {
    if (!this.ready) {
      return;
    }
    // The snapshot holds every point: nothing pending is news any more.
    this.pending.clear();
    const ignoreKeys = vscode.workspace.getConfiguration('runboard').get<string[]>('compare.ignoreKeys') ?? [
      ...DEFAULT_IGNORE_KEYS,
    ];
    this.post(compareSnapshot(this.compared(), this.colors, ignoreKeys));
  }

  private post(message: CompareToWebview): void {
    this.posted.set(message.type, (this.posted.get(message.type) ?? 0) + 1);
    void this.panel.webview.postMessage(toWire(message));
  }
}
