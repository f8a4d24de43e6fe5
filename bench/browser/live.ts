// Live updates in the browser: one new point posted as the host's flush posts it (append, header,
// details) about every 100 ms, timed from posting to the painted frame that shows it.
import type { RunState } from '../../src/core/runs/runState';
import { liveUpdate, toWire } from './host';
import type { BenchSession } from './session';

export interface LiveTimes {
  /** ms from posting an update to the painted frame showing its point. */
  latency: number[];
  /** Host ms to build each update (runDtos). */
  build: number[];
}

/** Needs a page that drew `run`'s snapshot (the chart of `name` in view). */
export async function appendLatency(
  session: BenchSession,
  run: RunState,
  name: string,
  updates: number,
  periodMs: number,
): Promise<LiveTimes> {
  const out: LiveTimes = { latency: [], build: [] };
  const states = await session.page.evaluate(() =>
    (window as unknown as { runboardDebug: { charts(): Record<string, { total: number }> } }).runboardDebug.charts(),
  );
  let total = states[name]?.total ?? 0;
  for (let i = 0; i < updates; i++) {
    const started = Date.now();
    const t = process.hrtime.bigint();
    const messages = liveUpdate(run, name);
    out.build.push(Number(process.hrtime.bigint() - t) / 1e6);
    total += 1;
    out.latency.push(await session.postAndPaint(messages.map(toWire), { kind: 'total', name, total }));
    await new Promise((r) => setTimeout(r, Math.max(0, periodMs - (Date.now() - started))));
  }
  return out;
}
