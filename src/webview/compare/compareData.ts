// The Compare webview's copy of the runs' series: each run's overview of each metric (plus live appends),
// whether that overview holds every point, and the series summaries. The host owns the data.
import type { CompareRunDto, CompareSeriesDto } from '../../shared/compareProtocol';
import { sectionOf, type SeriesInfoDto } from '../../shared/runProtocol';
import { SeriesBuffer, type Points } from '../charts/seriesBuffer';
import { chartFilter } from '../run/chartFilter';

/** Key of a run's metric in the maps (the summary table uses the same). */
export const seriesKey = (runId: string, metric: string): string => `${runId}\u0000${metric}`;

export class CompareData {
  readonly infos = new Map<string, SeriesInfoDto>();
  private readonly buffers = new Map<string, SeriesBuffer>();
  private readonly full = new Map<string, boolean>();

  /** Everything anew (a snapshot). */
  reset(data: CompareSeriesDto[], infos: (SeriesInfoDto & { runId: string })[]): void {
    this.buffers.clear();
    this.infos.clear();
    this.full.clear();
    for (const d of data) {
      this.buffers.set(seriesKey(d.runId, d.name), new SeriesBuffer(d));
      this.full.set(seriesKey(d.runId, d.name), d.full);
    }
    this.setInfos(infos);
  }

  /** Live points; true when a run gained a metric it did not have. */
  append(data: CompareSeriesDto[], infos: (SeriesInfoDto & { runId: string })[]): boolean {
    let newMetric = false;
    for (const d of data) {
      const k = seriesKey(d.runId, d.name);
      const buffer = this.buffers.get(k);
      if (buffer) {
        buffer.append(d);
      } else {
        this.buffers.set(k, new SeriesBuffer(d));
        this.full.set(k, true);
        newMetric = true;
      }
    }
    this.setInfos(infos);
    return newMetric;
  }

  overview(runId: string, metric: string): Points | undefined {
    return this.buffers.get(seriesKey(runId, metric))?.overview;
  }

  /** Whether the overview holds every point of the run's metric. */
  isFull(runId: string, metric: string): boolean {
    return this.full.get(seriesKey(runId, metric)) ?? false;
  }

  /** The metrics to chart: all, or only those every run has; matching the chart filter; by section. */
  metrics(runs: readonly CompareRunDto[], onlyCommon: boolean, search: string): string[] {
    const byRun = new Map<string, Set<string>>(runs.map((r) => [r.id, new Set<string>()]));
    for (const k of this.infos.keys()) {
      const [runId, metric] = k.split('\u0000');
      byRun.get(runId)?.add(metric);
    }
    const perRun = [...byRun.values()];
    const all = new Set(perRun.flatMap((s) => [...s]));
    const names = [...all].filter((m) => !onlyCommon || perRun.every((s) => s.has(m)));
    const matches = chartFilter(search);
    return names.filter(matches).sort((a, b) => sectionOf(a).localeCompare(sectionOf(b)) || a.localeCompare(b));
  }

  private setInfos(infos: (SeriesInfoDto & { runId: string })[]): void {
    for (const i of infos) {
      this.infos.set(seriesKey(i.runId, i.name), i);
    }
  }
}
