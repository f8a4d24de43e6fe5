// Owns the RunStore and the RunWatcher for the window: which folders are scanned, re-scans when the
// workspace or settings change, scan progress in the Runs view, and the periodic status refresh.
import * as vscode from 'vscode';
import { RunStore } from '../core/runs/runStore';
import { enabledFormats } from '../core/sources/registry';
import { makeExcluder } from '../core/watch/excludes';
import { RunWatcher, type ScanProgress } from '../core/watch/runWatcher';
import { Disposable } from './disposable';
import { affectsDiscovery, readSettings } from './settings';

const STATUS_REFRESH_MS = 5_000;

export class RunsController extends Disposable {
  readonly store: RunStore;
  private readonly watcher: RunWatcher;
  private readonly progressEvents = new vscode.EventEmitter<ScanProgress>();
  private scanning: Promise<void> = Promise.resolve();

  /** Scan progress, for views that show a count while a large workspace is walked. */
  readonly onDidChangeProgress = this.progressEvents.event;

  constructor(viewId: string) {
    super();
    const settings = readSettings();
    this.store = this.register(new RunStore({ quietPeriodMs: settings.quietPeriodMs }));
    this.watcher = this.register(new RunWatcher(this.store, this.watcherOptions()));
    this.register(this.progressEvents);
    this.register(this.watcher.onDidChangeProgress((p) => this.progressEvents.fire(p)));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescan(viewId)));
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsDiscovery(e)) {
          void this.rescan(viewId);
        }
      }),
    );
    const timer = setInterval(() => this.store.refreshStatuses(), STATUS_REFRESH_MS);
    this.register({ dispose: () => clearInterval(timer) });
  }

  /** The folders scanned: every workspace folder on disk plus `runboard.runRoots`. */
  roots(): string[] {
    const folders = (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => f.uri.fsPath);
    return [...new Set([...folders, ...readSettings().runRoots])];
  }

  /** Walks all roots again (showing progress in the view) and re-reads every known run. */
  rescan(viewId: string): Promise<void> {
    // A failed scan is said, and does not stop the scans after it (they chain on this promise).
    this.scanning = this.scanning.then(() =>
      vscode.window
        .withProgress({ location: { viewId }, title: 'Scanning for runs' }, async () => {
          await this.watcher.start(this.roots(), this.watcherOptions());
          await this.store.pollAll();
        })
        .then(undefined, (err: unknown) => {
          void vscode.window.showErrorMessage(`Runboard: scanning for runs failed: ${String(err)}`);
        }),
    );
    return this.scanning;
  }

  /** Resolves when the scans asked for so far are done. */
  rescanDone(): Promise<void> {
    return this.scanning;
  }

  private watcherOptions() {
    const settings = readSettings();
    return {
      formats: enabledFormats(settings.isFormatEnabled),
      isExcluded: makeExcluder(settings.watcherExclude),
      usePolling: settings.usePolling,
    };
  }
}
