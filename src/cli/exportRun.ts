// `runboard export <run> --format csv|json`: every point of every series of one run.
import type { RunState } from '../core/runs/runState';
import { jsonNumber } from './jsonValues';
import { runToJson } from './scanJson';

/** Long-format CSV: one row per point (series, step, value, wall_time); NaN/±Inf spelt as in the JSON contract. */
export function exportCsv(run: RunState): string {
  const out: string[] = ['series,step,value,wall_time'];
  for (const [name, series] of run.series) {
    const quoted = csvCell(name);
    const { steps, values, wallTimes } = series;
    for (let i = 0; i < series.length; i++) {
      const wall = Number.isNaN(wallTimes[i]) ? '' : String(wallTimes[i]);
      out.push(`${quoted},${steps[i]},${jsonNumber(values[i])},${wall}`);
    }
  }
  return out.join('\n') + '\n';
}

export function exportJson(run: RunState): string {
  const series: Record<string, { steps: number[]; values: (number | string)[]; wallTimes: (number | null)[] }> = {};
  for (const [name, s] of run.series) {
    series[name] = {
      steps: Array.from(s.steps),
      values: Array.from(s.values, jsonNumber),
      wallTimes: Array.from(s.wallTimes, (w) => (Number.isNaN(w) ? null : w)),
    };
  }
  const { series: _summary, ...meta } = runToJson(run);
  return JSON.stringify({ runboard: 1, run: meta, series }, null, 1) + '\n';
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
