// Compare Runs' host-side costs at 50 runs × 10k points per metric (4 metrics): building the snapshot
// (DTOs with per-run min/max decimation), its size as structured-clone bytes, and a zoomed chart's
// full-resolution range for all 50 runs — against copying the same raw arrays (same run). Plus the
// webview-side splice + smoothing of one zoomed chart, and the labels for 50 runs with shared names.
import v8 from 'node:v8';
import { compareSnapshot } from '../src/extension/panels/compareDtos';
import { compareLabels } from '../src/extension/panels/compareNames';
import { compareRange, type CompareRangeRequest } from '../src/extension/panels/compareRange';
import { bucketsFor } from '../src/shared/compareProtocol';
import { smoothEma } from '../src/shared/smoothing';
import { pointsOf } from '../src/webview/charts/seriesBuffer';
import { spliceWindow } from '../src/webview/compare/compareMerge';
import { COMPARE_METRICS, COMPARE_POINTS, makeCompareRuns } from './compareRuns';
import { median, ms } from './stats';
import type { BenchRow } from './types';

const RUNS = 50;
const POINTS = COMPARE_POINTS;
const METRICS = COMPARE_METRICS;

function timeIt(repeats: number, f: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = process.hrtime.bigint();
    f();
    times.push(ms(t));
  }
  return median(times);
}

export async function benchCompare(): Promise<BenchRow[]> {
  const runs = makeCompareRuns(RUNS);
  const colors = new Map(runs.map((r, i) => [r.id, i]));
  const ids = runs.map((r) => r.id);
  const range = (xMin: number, xMax: number): CompareRangeRequest => ({
    type: 'requestRange',
    requestId: 1,
    metric: 'train/loss',
    runIds: ids,
    xAxis: 'step',
    xMin,
    xMax,
    buckets: bucketsFor(RUNS),
  });
  const snapshot = compareSnapshot(runs, colors, ['seed']);
  const snapshotBytes = v8.serialize(snapshot).length;
  const snapshotPoints = snapshot.data.reduce((n, d) => n + d.steps.length, 0);
  const snapshotMs = timeIt(7, () => compareSnapshot(runs, colors, ['seed']));
  const copyMs = timeIt(7, () => runs.forEach((r) => r.series.forEach((s) => s.slice())));
  const rawBytes = RUNS * METRICS.length * POINTS * 3 * 8;
  const narrow = compareRange(runs, range(4000, 5499));
  const narrowMs = timeIt(15, () => compareRange(runs, range(4000, 5499)));
  const narrowBytes = v8.serialize(narrow).length;
  const wide = compareRange(runs, range(0, 7999));
  const wideMs = timeIt(15, () => compareRange(runs, range(0, 7999)));
  const copyMetricMs = timeIt(15, () => runs.forEach((r) => r.series.get('train/loss')?.slice()));
  // The webview's work when the 1.5k-step answer lands: splice each run's window into its overview, smooth.
  const overviews = snapshot.data.filter((d) => d.name === 'train/loss');
  const spliceMs = timeIt(15, () =>
    narrow.forEach((d, i) => {
      const line = spliceWindow(pointsOf(overviews[i]), pointsOf(d), 'step', 0);
      smoothEma(line.values.subarray(0, line.length), 0.6);
    }),
  );
  const labelsMs = timeIt(15, () => compareLabels(runs));
  const full = narrow.every((d) => d.full);
  return [
    {
      name: `snapshot: ${RUNS} runs × ${METRICS.length} metrics × 10k points`,
      value: snapshotMs,
      unit: 'ms',
      note: `${snapshotPoints} points kept (${bucketsFor(RUNS)} buckets/run)`,
    },
    { name: 'copying all raw arrays once (2M points)', value: copyMs, unit: 'ms', note: 'reference' },
    { name: 'snapshot / copy ratio', value: snapshotMs / copyMs, unit: '×' },
    {
      name: 'snapshot message size (structured clone)',
      value: snapshotBytes / 1024,
      unit: 'KiB',
      note: `vs ${Math.round(rawBytes / 1024)} KiB of raw arrays (${((100 * snapshotBytes) / rawBytes).toFixed(1)}%)`,
    },
    {
      name: '1.5k-step zoom, 50 runs at full resolution',
      value: narrowMs,
      unit: 'ms',
      note: `${narrow.reduce((n, d) => n + d.steps.length, 0)} points, full: ${full}, ${Math.round(narrowBytes / 1024)} KiB`,
    },
    {
      name: '8k-step zoom, 50 runs (decimated)',
      value: wideMs,
      unit: 'ms',
      note: `${wide.reduce((n, d) => n + d.steps.length, 0)} points`,
    },
    { name: 'copying the metric’s raw arrays of 50 runs', value: copyMetricMs, unit: 'ms', note: 'reference' },
    { name: '1.5k-step zoom / copy ratio', value: narrowMs / copyMetricMs, unit: '×' },
    { name: 'webview: splice + smooth the 1.5k-step answer', value: spliceMs, unit: 'ms', note: '50 lines' },
    { name: 'labels for 50 runs (10 names × 5 projects)', value: labelsMs, unit: 'ms' },
  ];
}
