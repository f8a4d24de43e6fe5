// The dashboard's host-side costs: decimating a 1M-point series to an overview, a zoom window at full
// resolution, and the bytes one live update sends, against copying the same arrays (same run).
import { Series } from '../src/core/series/series';
import { seriesData } from '../src/extension/panels/runDtos';
import { median, ms } from './stats';
import type { BenchRow } from './types';

export async function benchDashboard(): Promise<BenchRow[]> {
  const n = 1_000_000;
  const s = new Series('loss');
  for (let i = 0; i < n; i++) {
    s.push(i, Math.sin(i / 5000) + (i % 997 === 0 ? 5 : 0), 1.7e9 + i);
  }
  const overview: number[] = [];
  const copies: number[] = [];
  const zooms: number[] = [];
  let points = 0;
  for (let r = 0; r < 7; r++) {
    let t = process.hrtime.bigint();
    const o = seriesData(s, 'step', -Infinity, Infinity, 1000);
    overview.push(ms(t));
    points = o.steps.length;
    t = process.hrtime.bigint();
    s.slice();
    copies.push(ms(t));
    t = process.hrtime.bigint();
    seriesData(s, 'step', 400_000, 401_000, 1000);
    zooms.push(ms(t));
  }
  const overviewBytes = points * 3 * 8;
  return [
    { name: '1M points → overview (1000 buckets)', value: median(overview), unit: 'ms', note: `${points} points kept` },
    { name: 'copying the 1M-point arrays once', value: median(copies), unit: 'ms', note: 'reference' },
    { name: 'overview / copy ratio', value: median(overview) / median(copies), unit: '×' },
    { name: '1k-step zoom window at full resolution', value: median(zooms), unit: 'ms' },
    {
      name: 'bytes per overview message',
      value: overviewBytes / 1024,
      unit: 'KiB',
      note: 'vs 23,438 KiB for all points',
    },
    { name: 'bytes per live append of 1 point', value: 3 * 8, unit: 'B', note: '+ series summary' },
  ];
}
