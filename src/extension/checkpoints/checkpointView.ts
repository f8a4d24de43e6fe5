// The host side of one checkpoint inspector webview (a custom editor or a folder panel): answers the
// ready handshake with the snapshot, re-sends it when the file changes, and runs the webview's actions.
import * as vscode from 'vscode';
import type { RunStore } from '../../core/runs/runStore';
import type {
  CheckpointFromWebview,
  CheckpointSnapshotDto,
  CheckpointToWebview,
} from '../../shared/checkpointProtocol';
import { Disposable } from '../disposable';
import { webviewHtml } from '../panels/webviewHtml';
import { snapshotOf } from './checkpointDto';
import type { CheckpointModel } from './checkpointModel';
import { loadSnippet } from './loadSnippet';
import { runOfCheckpoint } from './runOfCheckpoint';
import { fromWire, toWire } from '../../shared/wireNumbers';

/** What an open inspector shows, without its tensors (for the in-VS-Code tests). */
export interface CheckpointViewDebug {
  target: string;
  viewType: string;
  ready: boolean;
  snapshot?: Omit<CheckpointSnapshotDto, 'tensors' | 'tree'>;
}

export class CheckpointView extends Disposable {
  private static readonly open = new Set<CheckpointView>();
  private ready = false;
  private snapshot?: CheckpointSnapshotDto;

  /** Every open inspector (the in-VS-Code tests read their state). */
  static all(): CheckpointView[] {
    return [...CheckpointView.open];
  }

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    readonly model: CheckpointModel,
    private readonly store: RunStore,
  ) {
    super();
    CheckpointView.open.add(this);
    this.register({ dispose: () => CheckpointView.open.delete(this) });
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(panel.webview.onDidReceiveMessage((m: CheckpointFromWebview) => void this.onMessage(fromWire(m))));
    this.register(model.onWillReload(() => this.post({ type: 'loading', path: model.target })));
    this.register(model.onDidChange(() => void this.postSnapshot()));
    this.register(store.onDidAddRun((run) => model.target.startsWith(run.dir) && this.refreshRun()));
    this.register(store.onDidRemoveRun((run) => run.id === this.snapshot?.run?.id && this.refreshRun()));
    panel.webview.html = webviewHtml(panel.webview, extensionUri, { app: 'checkpoint', title: 'Checkpoint' });
  }

  /** True once the webview said it is ready (tests wait for it). */
  get isReady(): boolean {
    return this.ready;
  }

  /** The snapshot last sent to the webview. */
  get lastSnapshot(): CheckpointSnapshotDto | undefined {
    return this.snapshot;
  }

  debugState(): CheckpointViewDebug {
    const state: CheckpointViewDebug = { target: this.model.target, viewType: this.panel.viewType, ready: this.ready };
    if (this.snapshot) {
      const { tensors: _tensors, tree: _tree, ...rest } = this.snapshot;
      state.snapshot = rest;
    }
    return state;
  }

  override dispose(): void {
    super.dispose();
    this.panel.dispose();
  }

  private async onMessage(message: CheckpointFromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        return this.postSnapshot();
      case 'copySnippet':
        return this.copySnippet();
      case 'openRun':
        return this.openRun();
      case 'reveal':
        return this.reveal();
      default: {
        const unknown: never = message;
        console.error('[runboard] unknown message from the checkpoint inspector:', unknown);
      }
    }
  }

  private async postSnapshot(): Promise<void> {
    const inspection = await this.model.inspection();
    if (this.isDisposed) {
      return;
    }
    const run = runOfCheckpoint(this.store.all(), this.model.target);
    this.snapshot = snapshotOf(inspection.result, inspection.isDirectory, inspection.weightsFiles, run);
    if (this.ready) {
      this.post({ type: 'snapshot', snapshot: this.snapshot });
    }
  }

  /** Runs are found after activation: link the run once the scan finds it. */
  private refreshRun(): void {
    if (!this.snapshot) {
      return;
    }
    const run = runOfCheckpoint(this.store.all(), this.model.target);
    if (run?.id === this.snapshot.run?.id) {
      return;
    }
    this.snapshot.run = run && { id: run.id, name: run.name, project: run.project };
    this.post({ type: 'run', run: this.snapshot.run });
  }

  private async copySnippet(): Promise<void> {
    if (!this.snapshot) {
      return;
    }
    const snippet = loadSnippet(this.snapshot);
    await vscode.env.clipboard.writeText(snippet);
    this.post({ type: 'snippetCopied', snippet });
  }

  private async openRun(): Promise<void> {
    const run = runOfCheckpoint(this.store.all(), this.model.target);
    if (run) {
      await vscode.commands.executeCommand('runboard.openRun', run.id);
    }
  }

  private async reveal(): Promise<void> {
    const uri = vscode.Uri.file(this.model.target);
    if (vscode.workspace.getWorkspaceFolder(uri)) {
      await vscode.commands.executeCommand('revealInExplorer', uri);
    } else {
      await vscode.commands.executeCommand('revealFileInOS', uri);
    }
  }

  private post(message: CheckpointToWebview): void {
    if (this.ready && !this.isDisposed) {
      void this.panel.webview.postMessage(toWire(message));
    }
  }
}
