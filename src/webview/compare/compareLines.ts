// The lines of one Compare chart: each run's overview with its zoom window's full-resolution points
// spliced in, or, in baseline mode, each run against the baseline run at matching steps.
import type { CompareRunDto, CompareViewState } from '../../shared/compareProtocol';
import { runStyle } from '../../shared/compareProtocol';
import { lowerIsBetter } from '../../shared/metricDirection';
import type { CompareLine } from '../charts/compareChart';
import type { Points } from '../charts/seriesBuffer';
import { againstBaseline, firstStepBeating } from './baseline';
import { spliceWindow } from './compareMerge';

export interface LineSources {
  /** The run's overview of the metric (plus live appends). */
  overview(runId: string): Points | undefined;
  /** The full-resolution points of the chart's zoom window, when the host answered. */
  window(runId: string): Points | undefined;
}

export function compareLines(
  metric: string,
  runs: readonly CompareRunDto[],
  state: CompareViewState,
  sources: LineSources,
): { lines: CompareLine[]; beats: string[] } {
  const drawn = (run: CompareRunDto): Points | undefined => {
    const overview = sources.overview(run.id);
    const window = sources.window(run.id);
    return overview && window ? spliceWindow(overview, window, state.xAxis, run.startTime ?? 0) : overview;
  };
  const baseRun = state.baselineMode !== 'off' ? runs.find((r) => r.id === state.baseline) : undefined;
  const base = baseRun && drawn(baseRun);
  const baseOverview = baseRun && sources.overview(baseRun.id);
  const lines: CompareLine[] = [];
  const beats: string[] = [];
  for (const run of runs) {
    let points = drawn(run);
    if (!points) {
      continue;
    }
    if (base && baseOverview && state.baselineMode !== 'off') {
      if (run.id === baseRun.id) {
        continue;
      }
      const d = againstBaseline(points, base, state.baselineMode);
      const wallTimes = points.wallTimes;
      // Matched by step, drawn at the run's own time on the time axes.
      points = {
        steps: Float64Array.from(d.steps),
        values: Float64Array.from(d.values),
        wallTimes: Float64Array.from(d.indexes, (i) => wallTimes[i]),
        length: d.steps.length,
      };
      // On the overviews, so the note does not change while zooming.
      const step = firstStepBeating(sources.overview(run.id) ?? points, baseOverview, lowerIsBetter(metric));
      beats.push(`${run.label}: ${step === undefined ? 'never' : `step ${step}`}`);
    }
    lines.push({
      runId: run.id,
      label: run.label,
      ...lineStyle(run.color),
      points,
      startTime: run.startTime ?? 0,
    });
  }
  return { lines, beats };
}

function lineStyle(colorIndex: number): { color: string; dash: number[] } {
  const { color, dash } = runStyle(colorIndex);
  return { color, dash: [...dash] };
}
