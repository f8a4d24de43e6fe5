// The comparison summary: per metric, each run's last and best value; the best run per column marked.
// Lower is better for names that look like losses/errors, unless the user flipped the column.
import type { SeriesInfoDto } from '../../shared/runProtocol';
import { lowerIsBetter } from '../../shared/metricDirection';

export interface SummaryCell {
  last?: number;
  best?: number;
  bestStep?: number;
}

export interface SummaryColumn {
  metric: string;
  lowerIsBetter: boolean;
  cells: SummaryCell[];
  /** Index of the run with the best value (undefined when none has a number). */
  bestRun?: number;
}

export function summaryColumns(
  metrics: string[],
  runIds: string[],
  infos: Map<string, SeriesInfoDto>,
  flipped: string[],
): SummaryColumn[] {
  return metrics.map((metric) => {
    const lower = lowerIsBetter(metric) !== flipped.includes(metric);
    const cells = runIds.map((runId) => {
      const info = infos.get(`${runId}\u0000${metric}`);
      if (!info) {
        return {};
      }
      return { last: info.last?.[1], best: lower ? info.min : info.max, bestStep: lower ? info.minStep : info.maxStep };
    });
    let bestRun: number | undefined;
    cells.forEach((c, i) => {
      if (c.best === undefined || Number.isNaN(c.best)) {
        return;
      }
      const current = bestRun === undefined ? undefined : cells[bestRun].best;
      if (current === undefined || (lower ? c.best < current : c.best > current)) {
        bestRun = i;
      }
    });
    return { metric, lowerIsBetter: lower, cells, bestRun };
  });
}

/** CSV of the summary: one row per run, `<metric> last` and `<metric> best` columns. */
export function summaryCsv(columns: SummaryColumn[], runNames: string[]): string {
  const cell = (t: string) => (/[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  const num = (v: number | undefined) => (v === undefined ? '' : Number.isNaN(v) ? 'NaN' : String(v));
  const header = ['run', ...columns.flatMap((c) => [`${c.metric} last`, `${c.metric} best`])];
  const rows = runNames.map((name, i) => [
    name,
    ...columns.flatMap((c) => [num(c.cells[i].last), num(c.cells[i].best)]),
  ]);
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}
