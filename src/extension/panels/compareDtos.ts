// Turns run state into the Compare panel's DTOs.
import type { RunState } from '../../core/runs/runState';
import type { CompareRunDto, CompareSeriesDto } from '../../shared/compareProtocol';
import type { SeriesInfoDto } from '../../shared/runProtocol';
import { formatLabel } from '../views/formatLabels';
import { appendedData, headerDto, seriesData, seriesInfo } from './runDtos';

/** Fewer buckets per run when many runs share a chart, so a chart stays around 100k points at most. */
export function bucketsFor(runCount: number): number {
  return Math.max(100, Math.min(1000, Math.floor(25_000 / Math.max(1, runCount))));
}

export function compareRunDto(run: RunState, color: number): CompareRunDto {
  return {
    id: run.id,
    name: run.name,
    project: run.project,
    formatLabel: formatLabel(run.format),
    status: run.status,
    startTime: headerDto(run).startTime,
    color,
  };
}

export function compareOverviews(run: RunState, buckets: number): CompareSeriesDto[] {
  return [...run.series.values()].map((s) => ({
    ...seriesData(s, 'step', -Infinity, Infinity, buckets),
    runId: run.id,
  }));
}

export function compareAppended(
  run: RunState,
  appended: Map<string, number>,
): { data: CompareSeriesDto[]; infos: (SeriesInfoDto & { runId: string })[] } {
  const data: CompareSeriesDto[] = [];
  const infos: (SeriesInfoDto & { runId: string })[] = [];
  for (const [name, from] of appended) {
    const series = run.series.get(name);
    if (!series) {
      continue;
    }
    data.push({ ...appendedData(series, from), runId: run.id });
    infos.push({ ...seriesInfo(series), runId: run.id });
  }
  return { data, infos };
}

export function compareInfos(run: RunState): (SeriesInfoDto & { runId: string })[] {
  return [...run.series.values()].map((s) => ({ ...seriesInfo(s), runId: run.id }));
}
