// Status bar: how many runs are live and the newest live run's key metric; a click focuses the Runs view.
import * as vscode from 'vscode';
import type { RunStore } from '../../core/runs/runStore';
import { Disposable } from '../disposable';
import { keyMetricText } from './runItems';

const UPDATE_COALESCE_MS = 250;

export class LiveStatusBar extends Disposable {
  private readonly item = this.register(
    vscode.window.createStatusBarItem('runboard.live', vscode.StatusBarAlignment.Left, 10),
  );
  private timer?: NodeJS.Timeout;

  constructor(private readonly store: RunStore) {
    super();
    this.item.name = 'Runboard live runs';
    this.item.command = 'runboard.runs.focus';
    this.register(store.onDidChangeRun(() => this.schedule()));
    this.register(store.onDidAddRun(() => this.schedule()));
    this.register(store.onDidRemoveRun(() => this.schedule()));
    this.register({ dispose: () => clearTimeout(this.timer) });
    this.update();
  }

  private schedule(): void {
    if (this.timer) {
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, UPDATE_COALESCE_MS);
  }

  private update(): void {
    const live = this.store.all().filter((r) => r.status === 'running');
    if (live.length === 0) {
      this.item.hide();
      return;
    }
    const newest = live.reduce((a, b) => (b.lastUpdate > a.lastUpdate ? b : a));
    const metric = keyMetricText(newest);
    this.item.text = `$(sync~spin) ${live.length} live${metric ? ` · ${newest.name}: ${metric}` : ''}`;
    this.item.tooltip = `Runboard: ${live.length} live run${live.length === 1 ? '' : 's'}: ${live.map((r) => r.name).join(', ')}\nClick to show the Runs view.`;
    this.item.show();
  }
}
