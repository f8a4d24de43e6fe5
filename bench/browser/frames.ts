// Frame times while a person pans and zooms: real input through the browser (CDP mouse/keyboard, as a
// person's events arrive), on the charts in view, with every `requestRange` the charts send answered at
// full resolution by the host code. Frame times are requestAnimationFrame deltas inside the page.
import type { BenchSession } from './session';

export interface FrameStats {
  /** ms between consecutive frames. */
  deltas: number[];
  /** ms from each requestRange to its answer posted in the page (host round trip). */
  rangeTrips: number[];
  /** Points drawn in a zoomed chart (its full-resolution window) / charts seen zoomed. */
  zoomedPoints: number;
  zoomedCharts: number;
  /** Chart draws (canvas clears) during the script. */
  draws: number;
  /** ms per chart draw (clear → end of the task that drew). */
  drawMs: number[];
}

type Charts = Record<string, { raw: number; zoomed: boolean }>;

export async function panZoom(session: BenchSession, chartCount: number): Promise<FrameStats> {
  const { page } = session;
  const names = (await session.inPage((rb) => rb.visibleCanvases())).map((c) => c.name).slice(0, chartCount);
  const readCharts = (): Promise<Charts> =>
    page.evaluate(() => (window as unknown as { runboardDebug: { charts(): Charts } }).runboardDebug.charts());
  const drawsBefore = await session.inPage((rb) => rb.draws);
  await session.inPage((rb) => {
    rb.rangeTrips.length = 0;
    rb.startFrames();
  });
  let zoomedPoints = 0;
  const zoomed = new Set<string>();
  for (const name of names) {
    // A wheel off the plot (or past the full range) scrolls the page: start each chart from the top.
    await page.evaluate(() => window.scrollTo(0, 0));
    const c = (await session.inPage((rb) => rb.visibleCanvases())).find((v) => v.name === name);
    if (!c) {
      continue;
    }
    const x = c.x + c.w / 2;
    const y = c.y + c.h / 2;
    // Drag to zoom: a box over a third of the plot.
    await page.mouse.move(x - c.w / 6, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) {
      await page.mouse.move(x - c.w / 6 + (i * c.w) / 30, y);
    }
    await page.mouse.up();
    // Ctrl + wheel: zoom in further (the plugin reports it 250 ms after the last wheel event).
    await page.keyboard.down('Control');
    for (let i = 0; i < 10; i++) {
      await page.mouse.wheel(0, -100);
    }
    await page.keyboard.up('Control');
    await page.waitForTimeout(400);
    const state = (await readCharts())[c.name];
    if (state?.zoomed) {
      zoomed.add(c.name);
      zoomedPoints = Math.max(zoomedPoints, state.raw);
    }
    // Shift + drag: pan across half the plot, staying on the canvas.
    await page.mouse.move(x - c.w / 4, y);
    await page.keyboard.down('Shift');
    await page.mouse.down();
    for (let i = 1; i <= 30; i++) {
      await page.mouse.move(x - c.w / 4 + (i * c.w) / 60, y);
    }
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await page.mouse.move(x, y);
    // Zoom out part of the way (staying zoomed), then double-click to reset.
    await page.keyboard.down('Control');
    for (let i = 0; i < 6; i++) {
      await page.mouse.wheel(0, 100);
    }
    await page.keyboard.up('Control');
    await page.waitForTimeout(400);
    await page.mouse.dblclick(x, y);
    await page.waitForTimeout(100);
  }
  const deltas = await session.inPage((rb) => rb.stopFrames());
  const rangeTrips = await session.inPage((rb) => rb.rangeTrips.slice());
  const draws = (await session.inPage((rb) => rb.draws)) - drawsBefore;
  const drawMs = await session.inPage((rb) => rb.drawMs.slice());
  return { deltas, rangeTrips, zoomedPoints, zoomedCharts: zoomed.size, draws, drawMs };
}
