// The human-readable `runboard scan` output: one line per run, then its series.
import { pickKeyMetric } from '../core/runs/keyMetric';
import { formatValue } from '../shared/format';
import type { RunState } from '../core/runs/runState';

export function scanTable(runs: RunState[]): string {
  if (runs.length === 0) {
    return 'No runs found.\n';
  }
  const lines: string[] = [];
  const rows = runs.map((run) => {
    const key = pickKeyMetric(run.format, run.series.keys());
    const last = key ? run.series.get(key)?.stats().last : undefined;
    return [
      run.format,
      run.project,
      run.name,
      run.status,
      String(run.series.size),
      key && last ? `${key}=${formatValue(last[1])}` : '',
      run.errors.length ? `${run.errors.length} error(s)` : '',
    ];
  });
  const header = ['FORMAT', 'PROJECT', 'RUN', 'STATUS', 'SERIES', 'KEY METRIC', 'PROBLEMS'];
  const widths = header.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => clip(c, widths[i]).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  lines.push(fmt(header));
  for (let i = 0; i < runs.length; i++) {
    lines.push(fmt(rows[i]));
    for (const error of runs[i].errors.slice(0, 3)) {
      lines.push(`    ! ${error.code}: ${error.message}`);
    }
  }
  lines.push('', `${runs.length} run(s). Use --json for every series.`);
  return lines.join('\n') + '\n';
}

function clip(text: string, width: number): string {
  return text.length > width ? text.slice(0, width - 1) + '…' : text;
}
