// Keeps the RunStore in step with the disk: an initial discovery walk, then chokidar events. New run
// folders are detected, growing files are polled, vanished runs are removed. The only chokidar importer.
import { watch, type FSWatcher } from 'chokidar';
import fs from 'node:fs';
import path from 'node:path';
import type { RunStore } from '../runs/runStore';
import type { SourceFormat } from '../sources/types';
import type { Disposable } from '../util/emitter';
import { Emitter } from '../util/emitter';
import { detectDirectory, discoverRuns } from './discovery';
import { EventThrottle } from './eventThrottle';
import { listDir } from './fsDetectIo';

export interface RunWatcherOptions {
  formats: SourceFormat[];
  isExcluded: (absPath: string) => boolean;
  /** Poll the file system instead of native events (network file systems). */
  usePolling?: boolean;
  /** Per folder or run, the first event acts at once, later ones once per this many ms (≥ 50). */
  windowMs?: number;
  /** How many folders above a changed one are re-detected (a run may be rooted higher: wandb/, mlruns/). */
  ancestorLevels?: number;
}

export interface ScanProgress {
  scanning: boolean;
  runsFound: number;
  foldersUnreadable: number;
}

const DEFAULT_WINDOW_MS = 50;
/** chokidar emits at most one 'change' per file per this many ms (see eventThrottle.ts). */
const CHOKIDAR_CHANGE_THROTTLE_MS = 50;
/** File-system timestamps can lag the process clock a little. */
const CLOCK_SLACK_MS = 2000;

export class RunWatcher implements Disposable {
  private watcher?: FSWatcher;
  private roots: string[] = [];
  private generation = 0;
  /** Per run and per folder: act on the first event at once, then once per window (see eventThrottle.ts). */
  private readonly throttle = new EventThrottle(() =>
    Math.max(this.options.windowMs ?? DEFAULT_WINDOW_MS, CHOKIDAR_CHANGE_THROTTLE_MS),
  );
  private readonly progress = new Emitter<ScanProgress>();
  /** Scan progress: fires when a scan starts, as runs are found, and when it ends. */
  readonly onDidChangeProgress = this.progress.event;

  constructor(
    private readonly store: RunStore,
    private options: RunWatcherOptions,
  ) {}

  /**
   * (Re)starts on these roots: drops runs no longer found, walks again, watches again. The walk and
   * chokidar's own start run side by side (runs show up at once); once chokidar is ready, folders
   * changed since the walk began are walked again, so nothing created in between is missed.
   */
  async start(roots: string[], options: Partial<RunWatcherOptions> = {}): Promise<void> {
    this.options = { ...this.options, ...options };
    this.roots = roots.map((r) => path.resolve(r));
    const generation = ++this.generation;
    await this.watcher?.close();
    this.watcher = undefined;
    const state: ScanProgress = { scanning: true, runsFound: 0, foldersUnreadable: 0 };
    this.progress.fire({ ...state });
    const walkStarted = Date.now() - CLOCK_SLACK_MS;
    const walk = (changedSince?: number) =>
      discoverRuns(this.roots, {
        formats: this.options.formats,
        isExcluded: this.options.isExcluded,
        changedSince,
        isCancelled: () => generation !== this.generation,
        onRun: ({ run, format }) => {
          if (this.store.has(run.id)) {
            return;
          }
          this.store.add(run, format);
          state.runsFound++;
          this.progress.fire({ ...state });
        },
        onUnreadable: () => state.foldersUnreadable++,
      });
    const [found] = await Promise.all([walk(), this.watch()]);
    if (generation !== this.generation) {
      return;
    }
    await walk(walkStarted);
    if (generation !== this.generation) {
      return;
    }
    const enabled = new Set(this.options.formats.map((f) => f.id));
    const foundIds = new Set(found.map((f) => f.run.id));
    for (const run of this.store.all()) {
      if (!foundIds.has(run.id) && (!enabled.has(run.format) || !this.underRoots(run.dir) || !exists(run))) {
        this.store.remove(run.id);
      }
    }
    state.scanning = false;
    this.progress.fire({ ...state });
  }

  dispose(): void {
    this.generation++;
    void this.watcher?.close();
    this.throttle.dispose();
    this.progress.dispose();
  }

  /** Starts chokidar and resolves once it is ready (events before that could be missed). */
  private async watch(): Promise<void> {
    if (this.roots.length === 0) {
      return;
    }
    const watcher = watch(this.roots, {
      ignoreInitial: true,
      followSymlinks: true,
      usePolling: this.options.usePolling ?? false,
      interval: 1000,
      ignored: (p: string) => this.options.isExcluded(p),
      ignorePermissionErrors: true,
    });
    watcher.on('add', (p) => this.onPathChanged(p, 'file'));
    watcher.on('change', (p) => this.onPathChanged(p, 'file'));
    watcher.on('addDir', (p) => this.onPathChanged(p, 'dir'));
    watcher.on('unlink', (p) => this.onPathRemoved(p));
    watcher.on('unlinkDir', (p) => this.onPathRemoved(p));
    watcher.on('error', (err) => console.error('[runboard] watcher error:', err));
    this.watcher = watcher;
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  }

  private onPathChanged(p: string, kind: 'file' | 'dir'): void {
    const owners = this.runsContaining(p);
    for (const id of owners) {
      this.pollSoon(id);
    }
    // A new folder or file may root a new run here or above (results.csv appears in train/, a wandb run dir appears).
    const dir = kind === 'dir' ? p : path.dirname(p);
    // Settling here too: a file can be seen before its first bytes land (an empty metrics.csv is no run
    // yet), and the write that follows may be a change chokidar drops.
    this.throttle.event(`dir:${dir}`, () => void this.redetect(dir), !this.options.usePolling);
  }

  private onPathRemoved(p: string): void {
    for (const run of this.store.all()) {
      const root = run.file ?? run.dir;
      if (root === p || root.startsWith(p + path.sep)) {
        this.store.remove(run.id);
      } else if (p.startsWith(run.dir + path.sep)) {
        this.pollSoon(run.id);
      }
    }
  }

  private async redetect(dir: string): Promise<void> {
    const levels = this.options.ancestorLevels ?? 3;
    let current = dir;
    for (let i = 0; i <= levels; i++) {
      if (!this.underRoots(current)) {
        break;
      }
      const listing = await listDir(current);
      if (listing) {
        const { found } = await detectDirectory(listing, this.options.formats);
        for (const { run, format } of found) {
          if (!this.store.has(run.id)) {
            this.store.add(run, format);
            // A change to its files before it was known went to this folder's window only, yet started
            // chokidar's 50 ms throttle: this run's own window reads again after it.
            this.pollSoon(run.id);
          }
        }
      }
      const parent = path.dirname(current);
      if (parent === current) {
        break;
      }
      current = parent;
    }
  }

  private runsContaining(p: string): string[] {
    const ids: string[] = [];
    for (const run of this.store.all()) {
      if (run.file ? p === run.file : p === run.dir || p.startsWith(run.dir + path.sep)) {
        ids.push(run.id);
      }
    }
    return ids;
  }

  /** Reads a run now, or at the end of its window; polling's events are a second apart: no settling. */
  private pollSoon(id: string): void {
    this.throttle.event(`run:${id}`, () => void this.store.poll(id), !this.options.usePolling);
  }

  private underRoots(p: string): boolean {
    return this.roots.some((r) => p === r || p.startsWith(r + path.sep));
  }
}

function exists(run: { dir: string; file?: string }): boolean {
  return fs.existsSync(run.file ?? run.dir);
}
