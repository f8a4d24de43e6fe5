// What the Compare panel shows, for the e2e tests (window.runboardDebug.compare()): datasets per chart,
// the config diff's keys, the run labels, and per chart its zoom window with each run's points inside it
// — drawn, and in the overview alone — and whether the drawn ones are every point there.
import type { CompareRunDto, CompareXAxis } from '../../shared/compareProtocol';
import type { CompareChart } from '../charts/compareChart';
import type { Points } from '../charts/seriesBuffer';
import { countInWindow } from './compareMerge';
import type { XWindow } from './compareZoom';

export interface CompareChartDebug {
  window?: XWindow;
  /** Run label → points drawn with x in the window (all drawn points when not zoomed). */
  inView: Record<string, number>;
  /** Run label → overview points in the window (what was drawn before the zoom answer). */
  overviewInView: Record<string, number>;
  /** Run label → true when the drawn points in the window are every point the run has there. */
  full: Record<string, boolean>;
}

export interface CompareDebug {
  charts: Record<string, number>;
  /** Per chart, what its hover shows now: the snapped x and each listed run's label and value. */
  hover: Record<string, { x: number; points: { label: string; y: number }[] } | undefined>;
  /** Per chart, its axis types ("linear" or "logarithmic"). */
  scales: Record<string, { x: string; y: string }>;
  diffKeys: string[];
  /** Run labels, in order. */
  runs: string[];
  zoom: Record<string, CompareChartDebug>;
}

export interface DebugSources {
  runs: readonly CompareRunDto[];
  charts: ReadonlyMap<string, CompareChart>;
  xAxis: CompareXAxis;
  diffKeys: string[];
  overview(runId: string, metric: string): { points: Points; full: boolean } | undefined;
  /** The full flag of the zoom answer drawn for this run, if one is. */
  zoomFull(runId: string, metric: string): boolean | undefined;
}

export function compareDebug(s: DebugSources): CompareDebug {
  const charts: Record<string, number> = {};
  const zoom: Record<string, CompareChartDebug> = {};
  const hover: CompareDebug['hover'] = {};
  const scales: CompareDebug['scales'] = {};
  for (const [metric, chart] of s.charts) {
    charts[metric] = chart.datasetCount();
    const pick = chart.hover.current;
    scales[metric] = { x: chart.chart.scales.x.type, y: chart.chart.scales.y.type };
    hover[metric] = pick && { x: pick.x, points: pick.points.map((p) => ({ label: p.label, y: p.y })) };
    const window = chart.zoomWindow();
    const overviewInView: Record<string, number> = {};
    const full: Record<string, boolean> = {};
    for (const run of s.runs) {
      const overview = s.overview(run.id, metric);
      if (!overview) {
        continue;
      }
      const all = { xMin: -Infinity, xMax: Infinity };
      overviewInView[run.label] = countInWindow(overview.points, s.xAxis, run.startTime ?? 0, window ?? all);
      full[run.label] = s.zoomFull(run.id, metric) ?? overview.full;
    }
    zoom[metric] = { window, inView: chart.pointsInView(), overviewInView, full };
  }
  return { charts, hover, scales, diffKeys: s.diffKeys, runs: s.runs.map((r) => r.label), zoom };
}
