// Live points for the Compare panel, batched: 50 live runs each writing often would otherwise post one
// message (and one re-draw of every chart they touch) per write. The panel flushes about once a frame.
// No `vscode` here (unit-tested in Node).
import type { RunState } from '../../core/runs/runState';
import type { CompareSeriesDto } from '../../shared/compareProtocol';
import type { SeriesInfoDto } from '../../shared/runProtocol';
import { compareAppended } from './compareDtos';

export class PendingAppends {
  /** Run id → series name → index of its first point not sent yet. */
  private readonly byRun = new Map<string, Map<string, number>>();
  private meta = false;

  get empty(): boolean {
    return this.byRun.size === 0 && !this.meta;
  }

  add(runId: string, appended: ReadonlyMap<string, number>, metaChanged: boolean): void {
    const pending = this.byRun.get(runId) ?? new Map<string, number>();
    for (const [name, from] of appended) {
      pending.set(name, Math.min(from, pending.get(name) ?? from));
    }
    if (pending.size > 0) {
      this.byRun.set(runId, pending);
    }
    this.meta ||= metaChanged;
  }

  clear(): void {
    this.byRun.clear();
    this.meta = false;
  }

  /** Everything pending, as one message's worth (runs `lookup` no longer knows are skipped); then empty. */
  take(lookup: (runId: string) => RunState | undefined): {
    data: CompareSeriesDto[];
    infos: (SeriesInfoDto & { runId: string })[];
    metaChanged: boolean;
  } {
    const data: CompareSeriesDto[] = [];
    const infos: (SeriesInfoDto & { runId: string })[] = [];
    for (const [runId, appended] of this.byRun) {
      const run = lookup(runId);
      if (run) {
        const batch = compareAppended(run, appended);
        data.push(...batch.data);
        infos.push(...batch.infos);
      }
    }
    const metaChanged = this.meta;
    this.clear();
    return { data, infos, metaChanged };
  }
}
