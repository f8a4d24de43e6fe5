// A zoomed Compare chart's window at full resolution: one metric of several runs, x in [xMin, xMax]
// (steps, or seconds since each run's own start), min/max-decimated per run only when a run has more
// than ~4 points per bucket there. No `vscode` here (the bench and unit tests use it).
import type { RunState } from '../../core/runs/runState';
import type { CompareFromWebview, CompareSeriesDto } from '../../shared/compareProtocol';
import { headerDto, seriesData } from './runDtos';

export type CompareRangeRequest = Extract<CompareFromWebview, { type: 'requestRange' }>;

/** Bounds on the buckets a request may ask for per run (a hostile or buggy webview cannot ask for more). */
const MIN_BUCKETS = 16;
const MAX_BUCKETS = 8192;

export function compareRange(runs: readonly RunState[], request: CompareRangeRequest): CompareSeriesDto[] {
  const asked = new Set(request.runIds);
  const buckets = Math.max(MIN_BUCKETS, Math.min(MAX_BUCKETS, Math.floor(request.buckets) || MIN_BUCKETS));
  const out: CompareSeriesDto[] = [];
  for (const run of runs) {
    const series = asked.has(run.id) ? run.series.get(request.metric) : undefined;
    if (!series) {
      continue;
    }
    if (request.xAxis === 'step') {
      out.push({ ...seriesData(series, 'step', request.xMin, request.xMax, buckets), runId: run.id });
      continue;
    }
    // The webview's relative axis is wall time minus the start it was sent (compareRunDto.startTime).
    const start = request.xAxis === 'relative' ? (headerDto(run).startTime ?? 0) : 0;
    out.push({ ...seriesData(series, 'wall', request.xMin + start, request.xMax + start, buckets), runId: run.id });
  }
  return out;
}
