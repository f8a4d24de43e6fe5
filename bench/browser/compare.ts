// Compare Runs in a real browser: the built bundle (dist/webview/compare.js) in the bench page, fed the
// snapshot the extension's own code builds (compareDtos.ts) for 50 runs × 4 metrics × 10k points, with
// every `requestRange` answered by compareRange.ts. First paint against 3 runs, the page's heap after
// each, and frame times while hovering and zooming one chart. The runs are made as bench/compare.ts
// makes them (same shapes and values; that file does not export its generator).
import type { RunState } from '../../src/core/runs/runState';
import { compareSnapshot } from '../../src/extension/panels/compareDtos';
import { compareRange, type CompareRangeRequest } from '../../src/extension/panels/compareRange';
import { COMPARE_METRICS, makeCompareRuns } from '../compareRuns';
import { median, percentile } from '../stats';
import type { BenchRow } from '../types';
import { hoverZoom } from './compareFrames';
import { toWire } from './host';
import type { BenchSession, HeapUsage } from './session';

const METRICS = COMPARE_METRICS;
const REPS = 3;

interface ComparePaint {
  paint: number[];
  /** Host ms to build the snapshot (compareSnapshot). */
  build: number[];
  /** Charts in view at the painted frame. */
  charts: number;
  heap: HeapUsage;
  /** ms of one runboardDebug.compare() call; the page's idle frame interval after the paint. */
  checkMs: number;
  idle: number;
}

/** A fresh Compare page per repetition (as when the panel opens); the heap after the last paint. */
async function comparePaint(session: BenchSession, runs: RunState[], reps: number): Promise<ComparePaint> {
  const colors = new Map(runs.map((r, i) => [r.id, i]));
  const query = `?app=compare&runIds=${encodeURIComponent(JSON.stringify(runs.map((r) => r.id)))}`;
  session.host = (request) =>
    request.type === 'requestRange'
      ? {
          type: 'range',
          requestId: (request as CompareRangeRequest).requestId,
          metric: (request as CompareRangeRequest).metric,
          data: compareRange(runs, request as CompareRangeRequest),
        }
      : undefined;
  const out: ComparePaint = { paint: [], build: [], charts: 0, heap: { jsHeap: 0, backing: 0 }, checkMs: 0, idle: 0 };
  for (let r = 0; r < reps; r++) {
    await session.open(query);
    const t = process.hrtime.bigint();
    const message = compareSnapshot(runs, colors, ['seed']);
    out.build.push(Number(process.hrtime.bigint() - t) / 1e6);
    out.paint.push(await session.postAndPaint([toWire(message)], { kind: 'compareDrawn', runs: runs.length }));
  }
  out.charts = (await session.inPage((rb) => rb.visibleCanvases())).length;
  out.heap = await session.heap();
  // What the check after the timed frame costs (runboardDebug.compare() walks every drawn point).
  out.checkMs = await session.page.evaluate(() => {
    const t = performance.now();
    (window as unknown as { runboardDebug: { compare(): unknown } }).runboardDebug.compare();
    return performance.now() - t;
  });
  await session.inPage((rb) => rb.startFrames());
  await new Promise((r) => setTimeout(r, 1000));
  out.idle = median(await session.inPage((rb) => rb.stopFrames()));
  return out;
}

const f = (x: number, digits = 1): string => x.toFixed(digits);
const p95 = (xs: number[]): number => percentile(xs, 0.95);
const total = (h: HeapUsage): number => h.jsHeap + h.backing;
const heapNote = (h: HeapUsage): string => `JS ${f(h.jsHeap)} + array buffers ${f(h.backing)}; after forced GC`;

/** The Compare rows; needs an open session (leaves it on a Compare page with `host` cleared). */
export async function compareRows(session: BenchSession): Promise<BenchRow[]> {
  const few = makeCompareRuns(3);
  const many = makeCompareRuns(50);
  const rows: BenchRow[] = [];
  const add = (name: string, value: number, unit: string, note?: string): number =>
    rows.push({ name, value, unit, note });
  const trips0 = session.rangeBuildMs.length;
  try {
    const small = await comparePaint(session, few, REPS);
    const framesFew = await hoverZoom(session);
    const big = await comparePaint(session, many, REPS);
    const frames = await hoverZoom(session);
    const dims = `${METRICS.length} metrics × 10k points`;
    add(
      'compare first paint, 3 runs (reference)',
      median(small.paint),
      'ms',
      `median of ${REPS}; ${dims}; ${small.charts} charts in view`,
    );
    add(
      'compare first paint, 50 runs',
      median(big.paint),
      'ms',
      `median of ${REPS}, max ${f(Math.max(...big.paint))}; ${dims}; ${big.charts} charts in view`,
    );
    add('  50 / 3 runs first paint', median(big.paint) / median(small.paint), '×');
    add('  host: compareSnapshot for 50 runs', median(big.build), 'ms', 'before posting');
    add('compare page heap, 3 runs drawn', total(small.heap), 'MiB', heapNote(small.heap));
    add('compare page heap, 50 runs drawn', total(big.heap), 'MiB', heapNote(big.heap));
    add(
      '  50 / 3 runs heap',
      total(big.heap) / total(small.heap),
      '×',
      `+${f(total(big.heap) - total(small.heap))} MiB`,
    );
    add('compare idle frame interval, 50 runs drawn', big.idle, 'ms', `3 runs: ${f(small.idle)}`);
    add('  one runboardDebug.compare() (paint check)', big.checkMs, 'ms', 'called once, after the timed frame');
    add(
      'compare hover/zoom 3 runs: frame p50 (reference)',
      median(framesFew.deltas),
      'ms',
      `p95 ${f(p95(framesFew.deltas))}`,
    );
    add(
      'compare hover/zoom 50 runs: frame p50',
      median(frames.deltas),
      'ms',
      `${frames.deltas.length} frames; one chart; the hover listed ${frames.hovered} runs`,
    );
    add('compare hover/zoom 50 runs: frame p95', p95(frames.deltas), 'ms', `max ${f(Math.max(...frames.deltas))}`);
    const span = frames.deltas.reduce((a, b) => a + b, 0);
    const busy = frames.longTasks.reduce((a, b) => a + b, 0);
    add('  long tasks while hovering/zooming', busy, 'ms', `${frames.longTasks.length} tasks in ${f(span)} ms`);
    add('  p95 / 3-run p95', p95(frames.deltas) / p95(framesFew.deltas), '×');
    add(
      '  one chart draw p50',
      median(frames.drawMs),
      'ms',
      `p95 ${f(p95(frames.drawMs))}; ${frames.drawMs.length} draws`,
    );
    add(
      '  zoom range round trip p50',
      median(frames.trips),
      'ms',
      `${frames.trips.length} requests; host compareRange p50 ${f(median(session.rangeBuildMs.slice(trips0)), 2)} ms`,
    );
    add('  points per run in the dragged window', frames.zoomedInView, 'points');
  } finally {
    session.host = undefined;
  }
  return rows;
}
