// The Compare Runs panel's host side: one panel; runs can be added and removed while it is open. It
// sends a snapshot after `ready` and whenever the set of runs changes, then only appended points.
import * as vscode from 'vscode';
import type { RunStore } from '../../core/runs/runStore';
import type { CompareFromWebview, CompareToWebview, CompareViewState } from '../../shared/compareProtocol';
import { pickRuns } from '../commands/pickRuns';
import { Disposable } from '../disposable';
import { bucketsFor, compareAppended, compareInfos, compareOverviews, compareRunDto } from './compareDtos';
import { configRows } from './runDtos';
import { saveReport, saveText } from './exports';
import { webviewHtml, webviewOptions } from './webviewHtml';

export const COMPARE_VIEW_TYPE = 'runboard.compare';
const DEFAULT_IGNORE = ['seed', '*seed', '*path*', '*dir*', '*time*', '*date*', '_wandb*', 'mlflow.*', 'tags.mlflow.*'];

export class ComparePanel extends Disposable {
  private static current?: ComparePanel;
  private runIds: string[] = [];
  private readonly colors = new Map<string, number>();
  private nextColor = 0;
  private ready = false;

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
    new ComparePanel(panel, extensionUri, store, state?.runIds ?? []);
  }

  static get open(): ComparePanel | undefined {
    return ComparePanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly store: RunStore,
    runIds: string[],
  ) {
    super();
    ComparePanel.current = this;
    this.register({ dispose: () => (ComparePanel.current = undefined) });
    this.setRuns(runIds, false);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'runboard.svg');
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(panel.webview.onDidReceiveMessage((m: CompareFromWebview) => void this.onMessage(m)));
    this.register(
      store.onDidChangeRun(({ run, applied }) => {
        if (!this.ready || !this.runIds.includes(run.id)) {
          return;
        }
        if (applied.reset) {
          return this.postSnapshot();
        }
        const { data, infos } = compareAppended(run, applied.appended);
        if (data.length) {
          this.post({ type: 'append', data, infos });
        }
        if (applied.metaChanged) {
          this.post({ type: 'runs', runs: this.runDtos() });
        }
      }),
    );
    this.register(
      store.onDidRemoveRun(
        (run) => this.runIds.includes(run.id) && this.setRuns(this.runIds.filter((id) => id !== run.id)),
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

  setRuns(runIds: string[], post = true): void {
    this.runIds = [...new Set(runIds)].filter((id) => this.store.has(id));
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

  private runDtos() {
    return this.runIds.flatMap((id) => {
      const run = this.store.get(id);
      return run ? [compareRunDto(run, this.colors.get(id) ?? 0)] : [];
    });
  }

  private postSnapshot(): void {
    if (!this.ready) {
      return;
    }
    const runs = this.runIds.flatMap((id) => this.store.get(id) ?? []);
    const buckets = bucketsFor(runs.length);
    const ignoreKeys =
      vscode.workspace.getConfiguration('runboard').get<string[]>('compare.ignoreKeys') ?? DEFAULT_IGNORE;
    this.post({
      type: 'snapshot',
      runs: this.runDtos(),
      data: runs.flatMap((run) => compareOverviews(run, buckets)),
      infos: runs.flatMap(compareInfos),
      configs: Object.fromEntries(runs.map((run) => [run.id, configRows(run)])),
      ignoreKeys,
    });
  }

  private post(message: CompareToWebview): void {
    void this.panel.webview.postMessage(message);
  }
}
