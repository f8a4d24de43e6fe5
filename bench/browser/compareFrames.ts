// Frame times on the Compare page while a person hovers across one chart (tooltips, crosshair),
// drag-zooms a fifth of it, ctrl-wheels in (each zoom asks the host for the window) and double-clicks
// to reset: requestAnimationFrame deltas, chart draws and long tasks inside the page.
import type { BenchSession } from './session';

export interface HoverZoom {
  deltas: number[];
  drawMs: number[];
  trips: number[];
  /** ms of each long task while hovering/zooming. */
  longTasks: number[];
  /** Points drawn of the first run in the dragged window. */
  zoomedInView: number;
  /** Runs the hover listed at the end of the first sweep (a hover that drew nothing would be fast too). */
  hovered: number;
}

/** Hover across the first chart in view, drag-zoom a fifth of it, ctrl-wheel in, double-click reset. */
export async function hoverZoom(session: BenchSession): Promise<HoverZoom> {
  const { page } = session;
  const [c] = await session.inPage((rb) => rb.visibleCanvases());
  if (!c) {
    throw new Error('no Compare chart in view');
  }
  // Long tasks (> 50 ms of main-thread script, style, layout or paint recording) while the script runs.
  await page.evaluate(() => {
    const w = window as unknown as { __rbLong: number[] };
    w.__rbLong = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__rbLong.push(e.duration))).observe({
      type: 'longtask',
    });
  });
  await session.inPage((rb) => {
    rb.rangeTrips.length = 0;
    rb.startFrames();
  });
  const y = c.y + c.h / 2;
  for (let i = 0; i <= 40; i++) {
    await page.mouse.move(c.x + 40 + ((c.w - 80) * i) / 40, y);
  }
  await page.waitForTimeout(100);
  const hovered = await page.evaluate(
    (metric) =>
      (
        window as unknown as {
          runboardDebug: { compare(): { hover: Record<string, { points: unknown[] } | undefined> } };
        }
      ).runboardDebug.compare().hover[metric]?.points.length ?? 0,
    c.name,
  );
  if (hovered === 0) {
    throw new Error(`hovering the ${c.name} chart showed no run`);
  }
  await page.mouse.move(c.x + c.w * 0.4, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(c.x + c.w * (0.4 + i * 0.02), y);
  }
  await page.mouse.up();
  await page.waitForTimeout(500);
  const zoomed = await page.evaluate(
    (metric) =>
      (
        window as unknown as {
          runboardDebug: { compare(): { zoom: Record<string, { inView: Record<string, number> }> } };
        }
      ).runboardDebug.compare().zoom[metric]?.inView ?? {},
    c.name,
  );
  await page.keyboard.down('Control');
  for (let i = 0; i < 5; i++) {
    await page.mouse.wheel(0, -100);
  }
  await page.keyboard.up('Control');
  await page.waitForTimeout(500);
  for (let i = 0; i <= 20; i++) {
    await page.mouse.move(c.x + 40 + ((c.w - 80) * i) / 20, y);
  }
  await page.mouse.dblclick(c.x + c.w / 2, y);
  await page.waitForTimeout(200);
  const deltas = await session.inPage((rb) => rb.stopFrames());
  const drawMs = await session.inPage((rb) => rb.drawMs.slice());
  const trips = await session.inPage((rb) => rb.rangeTrips.slice());
  const longTasks = await page.evaluate(() => (window as unknown as { __rbLong: number[] }).__rbLong.slice());
  return { deltas, drawMs, trips, longTasks, zoomedInView: Object.values(zoomed)[0] ?? 0, hovered };
}
