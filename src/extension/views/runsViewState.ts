// What the user chose for the Runs view: sort order, filter, pinned runs. Kept in workspace state
// (never written into run folders).
import * as vscode from 'vscode';
import { pickKeyMetric } from '../../core/runs/keyMetric';
import { lowerIsBetter } from '../../shared/metricDirection';
import type { RunState } from '../../core/runs/runState';
import { Disposable } from '../disposable';

export type RunSort = 'newest' | 'name' | 'keyMetric';

const KEYS = { sort: 'runboard.sort', filter: 'runboard.filter', pinned: 'runboard.pinned' } as const;

export class RunsViewState extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {
    super();
  }

  get sort(): RunSort {
    return this.memento.get<RunSort>(KEYS.sort, 'newest');
  }

  get filter(): string {
    return this.memento.get<string>(KEYS.filter, '');
  }

  async setSort(sort: RunSort): Promise<void> {
    await this.memento.update(KEYS.sort, sort);
    this.changed.fire();
  }

  async setFilter(filter: string): Promise<void> {
    await this.memento.update(KEYS.filter, filter.trim());
    await vscode.commands.executeCommand('setContext', 'runboard.filtered', filter.trim() !== '');
    this.changed.fire();
  }

  isPinned(id: string): boolean {
    return this.memento.get<string[]>(KEYS.pinned, []).includes(id);
  }

  async setPinned(id: string, pinned: boolean): Promise<void> {
    const set = new Set(this.memento.get<string[]>(KEYS.pinned, []));
    if (pinned) {
      set.add(id);
    } else {
      set.delete(id);
    }
    await this.memento.update(KEYS.pinned, [...set]);
    this.changed.fire();
  }

  /** Filters and sorts runs as chosen; pinned runs first. */
  visibleRuns(runs: RunState[]): RunState[] {
    const matches = compileFilter(this.filter);
    const sorted = sortRuns(runs.filter(matches), this.sort);
    return [...sorted.filter((r) => this.isPinned(r.id)), ...sorted.filter((r) => !this.isPinned(r.id))];
  }
}

/** `format:wandb status:running some text` — every term must match. */
export function compileFilter(filter: string): (run: RunState) => boolean {
  const terms = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) {
    return () => true;
  }
  return (run) =>
    terms.every((term) => {
      const [key, value] = term.includes(':') ? term.split(':', 2) : ['', term];
      if (key === 'format') {
        return run.format.includes(value);
      }
      if (key === 'status') {
        return run.status.startsWith(value);
      }
      const haystack = `${run.name} ${run.project} ${run.format} ${run.dir}`.toLowerCase();
      return haystack.includes(term);
    });
}

/** One collator for every comparison: `localeCompare` with options builds one per call (slow at 10k runs). */
const NAMES = new Intl.Collator(undefined, { numeric: true });

/** Runs sorted as chosen; each run's sort key is computed once, not once per comparison. */
function sortRuns(runs: RunState[], sort: RunSort): RunState[] {
  switch (sort) {
    case 'name':
      return runs.sort((a, b) => NAMES.compare(a.name, b.name));
    case 'keyMetric': {
      const keys = new Map(runs.map((r) => [r, keyValue(r)]));
      // `|| 0`: two runs without a key metric (-Infinity each) differ by NaN.
      return runs.sort((a, b) => (keys.get(b) as number) - (keys.get(a) as number) || 0);
    }
    case 'newest':
      return runs.sort((a, b) => recency(b) - recency(a) || NAMES.compare(a.name, b.name));
  }
}

function recency(run: RunState): number {
  return run.startTime ? run.startTime * 1000 : (run.firstSeen ?? run.lastUpdate);
}

/** The key metric's last value, signed so that larger is better (losses are negated). */
function keyValue(run: RunState): number {
  const key = pickKeyMetric(run.format, run.series.keys());
  const last = key ? run.series.get(key)?.stats().last?.[1] : undefined;
  if (key === undefined || last === undefined || Number.isNaN(last)) {
    return -Infinity;
  }
  return lowerIsBetter(key) ? -last : last;
}
