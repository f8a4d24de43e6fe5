// `runboard export <run> --format csv|json [--histograms]`: every point of every series of one run,
// and with --histograms (JSON only) every histogram the run keeps.
import type { RunState } from '../core/runs/runState';
import { jsonNumber, type JsonNumber } from './jsonValues';
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

export interface ExportOptions {
  /** Add `histograms: {tag: [{step, wallTime, buckets: [[left, right, count], …]}]}`. */
  histograms?: boolean;
}

export interface HistogramJson {
  step: number;
  wallTime: number | null;
  buckets: JsonNumber[][];
}

export function exportJson(run: RunState, options: ExportOptions = {}): string {
  const series: Record<string, { steps: number[]; values: (number | string)[]; wallTimes: (number | null)[] }> = {};
  for (const [name, s] of run.series) {
    series[name] = {
      steps: Array.from(s.steps),
      values: Array.from(s.values, jsonNumber),
      wallTimes: Array.from(s.wallTimes, (w) => (Number.isNaN(w) ? null : w)),
    };
  }
  const { series: _summary, ...meta } = runToJson(run);
  const doc = options.histograms
    ? { runboard: 1, run: meta, series, histograms: histogramsJson(run) }
    : { runboard: 1, run: meta, series };
  return JSON.stringify(doc, null, 1) + '\n';
}

/** Histograms per tag in TensorBoard's [k, 3] layout, one row per bucket; NaN/±Inf spelt as in the contract. */
export function histogramsJson(run: RunState): Record<string, HistogramJson[]> {
  const out: Record<string, HistogramJson[]> = {};
  for (const [tag, list] of run.histograms) {
    out[tag] = list.map((h) => {
      const buckets: JsonNumber[][] = [];
      for (let i = 0; i + 2 < h.buckets.length; i += 3) {
        buckets.push([jsonNumber(h.buckets[i]), jsonNumber(h.buckets[i + 1]), jsonNumber(h.buckets[i + 2])]);
      }
      return { step: h.step, wallTime: Number.isNaN(h.wallTime) ? null : h.wallTime, buckets };
    });
  }
  return out;
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
