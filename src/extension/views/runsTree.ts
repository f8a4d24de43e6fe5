// The Runs view: a pure projection of the RunStore (projects → runs → metrics/config/artifacts).
// No I/O here; store events refresh the view, coalesced so a busy live run does not flood it.
import * as vscode from 'vscode';
import { bestCheckpoint, checkpointDetail } from '../../core/checkpoints/runCheckpoints';
import type { CheckpointArtifact } from '../../core/runs/model';
import { OPEN_ROW_COMMAND } from '../commands/internalCommands';
import { formatValue } from '../../shared/format';
import type { RunStore } from '../../core/runs/runStore';
import type { RunState } from '../../core/runs/runState';
import { Disposable } from '../disposable';
import { nodeKey, type RunGroup, type RunsNode } from './runNodes';
import { fileLabel, groupItem, runItem } from './runItems';
import type { RunsViewState } from './runsViewState';

/** Rows shown above the projects for launched runs that have no run folder yet (extension/launch). */
export interface PendingRows {
  ids(): string[];
  item(id: string): vscode.TreeItem;
  readonly onDidChange: vscode.Event<void>;
}

const REFRESH_COALESCE_MS = 100;
/**
 * At most one whole-tree refresh per second: each one makes the workbench ask again for every
 * expanded node, and a live run every 100 ms kept the renderer so busy that a new webview took
 * 15 s or more to show (seen in the launch e2e on 2 cores).
 */
const REFRESH_MIN_INTERVAL_MS = 1000;
const MAX_LEAVES = 500;

export class RunsTreeProvider extends Disposable implements vscode.TreeDataProvider<RunsNode> {
  private readonly changed = new vscode.EventEmitter<RunsNode[] | undefined>();
  private refreshTimer?: NodeJS.Timeout;
  private lastRefresh = 0;
  private refreshDue = 0;
  private pending?: PendingRows;
  /** Runs whose data changed since the last refresh, and whether anything else did. */
  private readonly grown = new Set<string>();
  private structural = true;
  /** The projects, their order and their runs' order as last shown (undefined: the view was hidden). */
  private shownLayout?: string;
  private isVisible: () => boolean = () => true;
  /**
   * One object per node: VS Code finds an element again by identity, so only an element it has
   * seen before can be refreshed on its own.
   */
  private readonly nodes = new Map<string, RunsNode>();
  /** The keys of each run's nodes, to forget them at once when the run goes. */
  private readonly nodeKeysOfRun = new Map<string, string[]>();
  /** Each run's best checkpoint, found once per refresh (not once per checkpoint row). */
  private readonly bests = new Map<string, CheckpointArtifact | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly store: RunStore,
    private readonly viewState: RunsViewState,
  ) {
    super();
    this.register(this.changed);
    this.register(store.onDidAddRun(() => this.scheduleRefresh()));
    this.register(
      store.onDidRemoveRun((run) => {
        this.forgetNodes(run.id);
        this.scheduleRefresh();
      }),
    );
    this.register(
      store.onDidChangeRun(({ run }) => {
        this.grown.add(run.id);
        this.scheduleRefresh(true);
      }),
    );
    this.register(viewState.onDidChange(() => this.scheduleRefresh()));
    this.register({ dispose: () => clearTimeout(this.refreshTimer) });
  }

  /** A hidden view gets whole refreshes (VS Code holds them until it shows): no layout to compute. */
  setVisibility(isVisible: () => boolean): void {
    this.isVisible = isVisible;
  }

  /** Shows launched runs that are still starting as rows of their own. */
  setPendingRows(rows: PendingRows): void {
    this.pending = rows;
    this.register(rows.onDidChange(() => this.scheduleRefresh()));
  }

  /** `growth`: a run's data changed (throttled to once a second); else a user action or a run came or went. */
  scheduleRefresh(growth = false): void {
    this.structural ||= !growth;
    const delay = growth
      ? Math.max(REFRESH_COALESCE_MS, REFRESH_MIN_INTERVAL_MS - (Date.now() - this.lastRefresh))
      : REFRESH_COALESCE_MS;
    const due = Date.now() + delay;
    if (this.refreshTimer && this.refreshDue <= due) {
      return;
    }
    clearTimeout(this.refreshTimer);
    this.refreshDue = due;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.lastRefresh = Date.now();
      this.fireRefresh();
    }, delay);
  }

  /**
   * Refreshes only the rows of runs that grew when the layout did not change. A whole-tree refresh
   * makes VS Code forget every row until it has asked for them again: a context-menu command picked
   * in that gap arrives without its row (Stop Run on a live run did nothing in CI), and every
   * expanded node is asked for again each second.
   */
  private fireRefresh(): void {
    const grown = [...this.grown].flatMap((id) => this.nodes.get(nodeKey({ kind: 'run', runId: id })) ?? []);
    // The layout costs a sort of every run (as VS Code's own fetch after a whole refresh does): not
    // for a hidden view, which gets whole refreshes (VS Code holds them until it shows).
    const layout = this.isVisible() ? this.layout() : undefined;
    const whole = this.structural || layout === undefined || layout !== this.shownLayout;
    this.grown.clear();
    this.bests.clear();
    this.structural = false;
    this.shownLayout = layout;
    if (whole) {
      this.changed.fire(undefined);
    } else if (grown.length > 0) {
      this.changed.fire(grown);
    }
  }

  /** What the top two levels show (a run starting or ending, or moving, changes it). */
  private layout(): string {
    const projects = new Map<string, string[]>();
    for (const run of this.viewState.visibleRuns(this.store.all())) {
      const rows = projects.get(run.project) ?? [];
      rows.push(run.status === 'running' ? `${run.id}*` : run.id);
      projects.set(run.project, rows);
    }
    return JSON.stringify([this.pending?.ids() ?? [], [...projects]]);
  }

  private bestOf(run: RunState): CheckpointArtifact | undefined {
    if (!this.bests.has(run.id)) {
      this.bests.set(run.id, bestCheckpoint(run.checkpoints));
    }
    return this.bests.get(run.id);
  }

  private node(node: RunsNode): RunsNode {
    const key = nodeKey(node);
    const known = this.nodes.get(key);
    if (known) {
      return known;
    }
    this.nodes.set(key, node);
    if ('runId' in node) {
      const keys = this.nodeKeysOfRun.get(node.runId);
      if (keys) {
        keys.push(key);
      } else {
        this.nodeKeysOfRun.set(node.runId, [key]);
      }
    }
    return node;
  }

  private forgetNodes(runId: string): void {
    for (const key of this.nodeKeysOfRun.get(runId) ?? []) {
      this.nodes.delete(key);
    }
    this.nodeKeysOfRun.delete(runId);
  }

  getChildren(node?: RunsNode): RunsNode[] {
    return this.children(node).map((child) => this.node(child));
  }

  private children(node?: RunsNode): RunsNode[] {
    if (!node) {
      const pending = (this.pending?.ids() ?? []).map((id): RunsNode => ({ kind: 'pending', id }));
      return [...pending, ...this.projects()];
    }
    switch (node.kind) {
      case 'project':
        return this.viewState
          .visibleRuns(this.store.all().filter((r) => r.project === node.project))
          .map((r) => ({ kind: 'run', runId: r.id }));
      case 'run':
        return this.groups(node.runId);
      case 'group':
        return this.leaves(node.runId, node.group);
      case 'leaf':
      case 'pending':
        return [];
    }
  }

  getParent(node: RunsNode): RunsNode | undefined {
    const parent = this.parentOf(node);
    return parent && this.node(parent);
  }

  private parentOf(node: RunsNode): RunsNode | undefined {
    switch (node.kind) {
      case 'project':
      case 'pending':
        return undefined;
      case 'run': {
        const run = this.store.get(node.runId);
        return run ? { kind: 'project', project: run.project } : undefined;
      }
      case 'group':
        return { kind: 'run', runId: node.runId };
      case 'leaf':
        return { kind: 'group', runId: node.runId, group: node.group };
    }
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'project':
        return this.projectItem(node.project);
      case 'run': {
        const run = this.store.get(node.runId);
        return run ? runItem(run, this.viewState.isPinned(run.id)) : new vscode.TreeItem('(gone)');
      }
      case 'group':
        return groupItem(node.runId, node.group, this.groupEntries(node.runId, node.group).length);
      case 'leaf':
        return this.leafItem(node);
      case 'pending':
        return this.pending?.item(node.id) ?? new vscode.TreeItem('(gone)');
    }
  }

  private projects(): RunsNode[] {
    const visible = this.viewState.visibleRuns(this.store.all());
    const names = [...new Set(visible.map((r) => r.project))].sort((a, b) => a.localeCompare(b));
    return names.map((project) => ({ kind: 'project', project }));
  }

  private projectItem(project: string): vscode.TreeItem {
    const runs = this.viewState.visibleRuns(this.store.all().filter((r) => r.project === project));
    const item = new vscode.TreeItem(project, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `project:${project}`;
    item.iconPath = new vscode.ThemeIcon('folder-library');
    const live = runs.filter((r) => r.status === 'running').length;
    const count = `${runs.length} run${runs.length === 1 ? '' : 's'}`;
    item.description = live > 0 ? `${count}, ${live} live` : count;
    item.contextValue = 'project';
    return item;
  }

  private groups(runId: string): RunsNode[] {
    const order: RunGroup[] = ['errors', 'metrics', 'config', 'checkpoints', 'images', 'files'];
    return order
      .filter((g) => this.groupEntries(runId, g).length > 0)
      .map((group) => ({ kind: 'group', runId, group }));
  }

  private leaves(runId: string, group: RunGroup): RunsNode[] {
    return this.groupEntries(runId, group)
      .slice(0, MAX_LEAVES)
      .map((key, index) => ({ kind: 'leaf', runId, group, key, index }));
  }

  /** The keys of one group's leaves: series names, config keys, artifact paths, error indexes. */
  private groupEntries(runId: string, group: RunGroup): string[] {
    const run = this.store.get(runId);
    if (!run) {
      return [];
    }
    switch (group) {
      case 'metrics':
        return [...run.series.keys()];
      case 'config':
        return Object.keys(run.config).sort();
      case 'checkpoints':
        return run.checkpoints.map((c) => c.path);
      case 'images':
        return run.images.map((_, i) => String(i));
      case 'files':
        return run.otherFiles.map((f) => f.path);
      case 'errors':
        return run.errors.map((_, i) => String(i));
    }
  }

  private leafItem(node: Extract<RunsNode, { kind: 'leaf' }>): vscode.TreeItem {
    const run = this.store.get(node.runId);
    const item = new vscode.TreeItem(node.key, vscode.TreeItemCollapsibleState.None);
    item.id = `leaf:${node.runId}:${node.group}:${node.key}`;
    if (!run) {
      return item;
    }
    fillLeaf(item, run, node.group, node.key, node.group === 'checkpoints' ? this.bestOf(run) : undefined);
    return item;
  }
}

function fillLeaf(
  item: vscode.TreeItem,
  run: RunState,
  group: RunGroup,
  key: string,
  runBest: CheckpointArtifact | undefined,
): void {
  switch (group) {
    case 'metrics': {
      const stats = run.series.get(key)?.stats();
      item.description = formatValue(stats?.last?.[1]);
      item.tooltip = `${key}: ${stats?.n ?? 0} points, min ${formatValue(stats?.min)}, max ${formatValue(stats?.max)}`;
      item.iconPath = new vscode.ThemeIcon('graph-line');
      item.contextValue = 'metric';
      return;
    }
    case 'config':
      item.description = String(run.config[key]);
      item.tooltip = `${key} = ${String(run.config[key])}`;
      item.contextValue = 'config';
      return;
    case 'checkpoints': {
      const ckpt = run.checkpoints.find((c) => c.path === key);
      const best = !!ckpt && ckpt === runBest;
      item.label = fileLabel(key);
      item.description = ckpt ? checkpointDetail(ckpt, best) : undefined;
      item.tooltip = item.description ? `${key}\n${item.description}` : key;
      item.iconPath = new vscode.ThemeIcon(best ? 'star-full' : 'package');
      item.resourceUri = vscode.Uri.file(key);
      item.command = { command: OPEN_ROW_COMMAND, title: 'Open Checkpoint' };
      item.contextValue = 'checkpoint';
      return;
    }
    case 'images': {
      const image = run.images[Number(key)];
      item.label = image ? image.tag : key;
      item.description = image?.step !== undefined ? `step ${image.step}` : '';
      item.iconPath = new vscode.ThemeIcon('file-media');
      if (image?.source.kind === 'file') {
        item.resourceUri = vscode.Uri.file(image.source.path);
        item.command = { command: OPEN_ROW_COMMAND, title: 'Open Image' };
      }
      item.contextValue = 'image';
      return;
    }
    case 'files':
      item.label = fileLabel(key);
      item.resourceUri = vscode.Uri.file(key);
      item.iconPath = vscode.ThemeIcon.File;
      item.command = { command: OPEN_ROW_COMMAND, title: 'Open File' };
      item.contextValue = 'file';
      return;
    case 'errors': {
      const error = run.errors[Number(key)];
      item.label = error?.message ?? key;
      item.description = error?.code;
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      if (error?.file) {
        item.command = { command: OPEN_ROW_COMMAND, title: 'Reveal' };
      }
      return;
    }
  }
}
