// Turns run state into the Compare panel's DTOs (no `vscode` here: the bench and unit tests use it).
import type { RunState } from '../../core/runs/runState';
import {
  bucketsFor,
  type CompareRunDto,
  type CompareSeriesDto,
  type CompareToWebview,
} from '../../shared/compareProtocol';
import type { SeriesInfoDto } from '../../shared/runProtocol';
import { formatLabel } from '../views/formatLabels';
import { compareLabels } from './compareNames';
import { appendedData, configRows, headerDto, seriesData, seriesInfo } from './runDtos';

export { bucketsFor };

export function compareRunDto(run: RunState, color: number, label = run.name): CompareRunDto {
  return {
    id: run.id,
    name: run.name,
    label,
    project: run.project,
    dir: run.dir,
    formatLabel: formatLabel(run.format),
    status: run.status,
    startTime: headerDto(run).startTime,
    color,
  };
}

/** The runs' DTOs, in order, with labels that tell apart runs of the same name. */
export function compareRunDtos(runs: readonly RunState[], colors: ReadonlyMap<string, number>): CompareRunDto[] {
  const labels = compareLabels(runs);
  return runs.map((run) => compareRunDto(run, colors.get(run.id) ?? 0, labels.get(run.id)));
}

/** Everything the panel draws from: decimated overviews (fewer buckets per run when there are many). */
export function compareSnapshot(
  runs: readonly RunState[],
  colors: ReadonlyMap<string, number>,
  ignoreKeys: string[],
): Extract<CompareToWebview, { type: 'snapshot' }> {
  const buckets = bucketsFor(runs.length);
  return {
    type: 'snapshot',
    runs: compareRunDtos(runs, colors),
    data: runs.flatMap((run) => compareOverviews(run, buckets)),
    infos: runs.flatMap(compareInfos),
    configs: Object.fromEntries(runs.map((run) => [run.id, configRows(run)])),
    ignoreKeys,
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
