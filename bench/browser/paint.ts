// First paint (snapshot posted → a painted frame with every visible chart drawn) and the page's heap,
// each on a fresh page, as when a dashboard opens.
import type { RunState } from '../../src/core/runs/runState';
import { snapshotMessage, toWire } from './host';
import type { BenchSession, HeapUsage } from './session';

export interface PaintTimes {
  /** ms from posting the snapshot to the painted frame. */
  paint: number[];
  /** Host ms to build the snapshot message (runDtos). */
  build: number[];
  /** Points the first chart draws (its decimated overview). */
  drawnPoints: number;
}

export async function firstPaint(session: BenchSession, run: RunState, reps: number): Promise<PaintTimes> {
  const out: PaintTimes = { paint: [], build: [], drawnPoints: 0 };
  session.run = run;
  for (let r = 0; r < reps; r++) {
    await session.open();
    const t = process.hrtime.bigint();
    const message = snapshotMessage(run);
    out.build.push(Number(process.hrtime.bigint() - t) / 1e6);
    out.paint.push(await session.postAndPaint([toWire(message)], { kind: 'visibleDrawn' }));
  }
  const counts = await session.inPage(() =>
    Object.values(
      (window as unknown as { runboardDebug: { charts(): Record<string, { raw: number }> } }).runboardDebug.charts(),
    ).map((c) => c.raw),
  );
  out.drawnPoints = counts[0] ?? 0;
  return out;
}

/** Heap of a fresh page after it drew this run's snapshot. */
export async function heapAfter(session: BenchSession, run: RunState): Promise<HeapUsage> {
  session.run = run;
  await session.open();
  await session.postAndPaint([toWire(snapshotMessage(run))], { kind: 'visibleDrawn' });
  return session.heap();
}
