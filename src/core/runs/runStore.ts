// The single source of truth for runs: owns one reader per run, applies its deltas, emits events.
// Views and panels only read from here and subscribe to its events.
import fs from 'node:fs/promises';
import type { ReaderOptions, RunReader, SourceFormat } from '../sources/types';
import { Emitter } from '../util/emitter';
import type { Disposable } from '../util/emitter';
import type { DetectedRun, RunDelta, RunStatus } from './model';
import type { AppliedDelta } from './runState';
import { RunState } from './runState';

export interface RunChange {
  run: RunState;
  applied: AppliedDelta;
}

export interface RunStoreOptions {
  /** A run whose files grew within this many ms (and that states no status) counts as running. */
  quietPeriodMs?: number;
  readerOptions?: ReaderOptions;
  /** Clock, for tests. */
  now?: () => number;
}

interface Entry {
  state: RunState;
  reader: RunReader;
  /** The poll under way, if any; polls of one run never overlap. */
  polling?: Promise<void>;
  /** Another poll was asked for while one was under way. */
  again: boolean;
  /** The first read (of what was already on disk) is done; growth after it means "live". */
  loaded: boolean;
  /** A poll the reader asked for (RunDelta.recheckInMs), when no file event may come. */
  recheck?: ReturnType<typeof setTimeout>;
}

const DEFAULT_QUIET_MS = 60_000;
/** Polls in a row that may each bring data before the store yields (a huge file is read in slices). */
const MAX_POLLS_PER_ROUND = 64;

export class RunStore implements Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly added = new Emitter<RunState>();
  private readonly changed = new Emitter<RunChange>();
  private readonly removed = new Emitter<RunState>();
  private readonly quietMs: number;
  private readonly now: () => number;

  /** A run was found (before its first read completes). */
  readonly onDidAddRun = this.added.event;
  /** A run gained points, config, artifacts, errors, or its status changed. */
  readonly onDidChangeRun = this.changed.event;
  /** A run disappeared from disk or its format was switched off. */
  readonly onDidRemoveRun = this.removed.event;

  constructor(private readonly options: RunStoreOptions = {}) {
    this.quietMs = options.quietPeriodMs ?? DEFAULT_QUIET_MS;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get(id: string): RunState | undefined {
    return this.entries.get(id)?.state;
  }

  all(): RunState[] {
    return [...this.entries.values()].map((e) => e.state);
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Adds a detected run (ignored when already known) and starts reading it. */
  add(run: DetectedRun, format: SourceFormat): RunState {
    const existing = this.entries.get(run.id);
    if (existing) {
      return existing.state;
    }
    const state = new RunState(run);
    const entry: Entry = {
      state,
      reader: format.createReader(run, this.options.readerOptions),
      again: false,
      loaded: false,
    };
    this.entries.set(run.id, entry);
    this.added.fire(state);
    void this.poll(run.id);
    return state;
  }

  remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) {
      return;
    }
    this.entries.delete(id);
    clearTimeout(entry.recheck);
    entry.reader.dispose?.();
    this.removed.fire(entry.state);
  }

  /** Reads what changed on disk for this run. Concurrent calls coalesce into one more round. */
  poll(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) {
      return Promise.resolve();
    }
    if (entry.polling) {
      entry.again = true;
      return entry.polling;
    }
    entry.polling = this.pollRounds(entry).finally(() => {
      entry.polling = undefined;
    });
    return entry.polling;
  }

  pollAll(): Promise<void> {
    return Promise.all([...this.entries.keys()].map((id) => this.poll(id))).then(() => undefined);
  }

  /**
   * Adds points and files that do not come from the run's reader (resource samples and the console
   * log of a launched run). They survive the reader's resets. Emits a change like a poll does.
   */
  applyExternal(id: string, delta: Pick<RunDelta, 'points' | 'artifacts'>): void {
    const state = this.entries.get(id)?.state;
    if (!state) {
      return;
    }
    for (const name of delta.points?.keys() ?? []) {
      state.externalSeries.add(name);
    }
    const files = (delta.artifacts?.files ?? []).filter(
      (file) => !state.externalFiles.some((kept) => kept.path === file.path),
    );
    state.externalFiles.push(...files);
    const applied = state.apply({ points: delta.points, artifacts: files.length ? { files } : undefined }, this.now());
    if (applied.appended.size > 0 || files.length > 0) {
      this.changed.fire({ run: state, applied });
    }
  }

  /** Sets (or clears) the status of the process Runboard launched for this run, and its exit code. */
  setLaunchStatus(id: string, status: RunStatus | undefined, exitCode?: number): void {
    const state = this.entries.get(id)?.state;
    if (!state) {
      return;
    }
    state.launchStatus = status;
    state.launchExitCode = exitCode;
    if (!this.updateStatus(state)) {
      this.changed.fire({
        run: state,
        applied: { reset: false, appended: new Map(), metaChanged: true, histogramsChanged: [] },
      });
    }
  }

  /** Re-derives statuses from the quiet period; emits a change for each run whose status changed. */
  refreshStatuses(): void {
    for (const entry of this.entries.values()) {
      this.updateStatus(entry.state);
    }
  }

  /** Resolves once no poll is under way (tests, CLI). */
  async settle(): Promise<void> {
    for (;;) {
      const pending = [...this.entries.values()].map((e) => e.polling).filter(Boolean);
      if (pending.length === 0) {
        return;
      }
      await Promise.all(pending);
    }
  }

  dispose(): void {
    for (const entry of this.entries.values()) {
      clearTimeout(entry.recheck);
      entry.reader.dispose?.();
    }
    this.entries.clear();
    this.added.dispose();
    this.changed.dispose();
    this.removed.dispose();
  }

  /** Polls the run again after `ms` (the latest poll's wish replaces an earlier one). */
  private scheduleRecheck(entry: Entry, ms: number | undefined): void {
    clearTimeout(entry.recheck);
    entry.recheck = undefined;
    // A poll that ends after its run was removed (or the store disposed) arms nothing.
    if (ms === undefined || this.entries.get(entry.state.id) !== entry) {
      return;
    }
    // setTimeout fires at once for more than 2^31-1 ms.
    entry.recheck = setTimeout(() => void this.poll(entry.state.id), Math.min(ms, 2 ** 31 - 1));
    // A pending recheck must not keep a CLI or test process alive.
    entry.recheck.unref?.();
  }

  private async pollRounds(entry: Entry): Promise<void> {
    do {
      entry.again = false;
      for (let i = 0; i < MAX_POLLS_PER_ROUND; i++) {
        if (!this.entries.has(entry.state.id)) {
          return;
        }
        const delta = await entry.reader.poll();
        this.scheduleRecheck(entry, delta.recheckInMs);
        const applied = entry.state.apply(delta, this.now());
        const hasNews =
          applied.reset ||
          applied.appended.size > 0 ||
          applied.histogramsChanged.length > 0 ||
          applied.metaChanged ||
          !!delta.config ||
          !!delta.artifacts ||
          !!delta.errors?.length;
        // Until the first read is done, growth means nothing (it is what was already on disk).
        const statusChanged = entry.loaded ? this.updateStatus(entry.state, false) : false;
        if (hasNews || statusChanged) {
          this.changed.fire({ run: entry.state, applied });
        }
        if (applied.appended.size === 0 && applied.histogramsChanged.length === 0 && !applied.reset) {
          break;
        }
      }
      if (!entry.loaded) {
        entry.loaded = true;
        // What was on disk before we looked is not growth: date it by its files' mtimes instead.
        entry.state.lastUpdate = await latestMtime(entry.state.files);
        entry.state.firstSeen ??= entry.state.lastUpdate;
        if (this.updateStatus(entry.state, false)) {
          this.changed.fire({
            run: entry.state,
            applied: { reset: false, appended: new Map(), metaChanged: true, histogramsChanged: [] },
          });
        }
      }
    } while (entry.again);
  }

  private updateStatus(state: RunState, emit = true): boolean {
    const next = this.deriveStatus(state);
    if (next === state.status) {
      return false;
    }
    state.status = next;
    if (emit) {
      this.changed.fire({
        run: state,
        applied: { reset: false, appended: new Map(), metaChanged: true, histogramsChanged: [] },
      });
    }
    return true;
  }

  private deriveStatus(state: RunState): RunStatus {
    if (state.statedStatus && state.statedStatus !== 'running') {
      return state.statedStatus;
    }
    if (state.launchStatus) {
      return state.launchStatus;
    }
    if (state.lastUpdate === 0) {
      return state.statedStatus ?? 'unknown';
    }
    const recent = this.now() - state.lastUpdate < this.quietMs;
    if (state.statedStatus === 'running') {
      return recent ? 'running' : 'unknown';
    }
    return recent ? 'running' : 'finished';
  }
}

async function latestMtime(files: Iterable<string>): Promise<number> {
  let latest = 0;
  for (const file of files) {
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat && stat.mtimeMs > latest) {
      latest = stat.mtimeMs;
    }
  }
  return latest;
}
