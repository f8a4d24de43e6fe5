// Injected into the bench page before the real dashboard bundle (page.addInitScript): a fake
// `acquireVsCodeApi` that records what the webview posts and forwards `requestRange` to the bench's host
// code (an exposed binding), a draw counter per canvas (Chart.js clears its canvas once per draw), and
// timing helpers that run inside the page. Serialized with Function.toString: no imports, no closures.

/** What the bench reads and calls in the page (`window.__rb`). */
export interface BenchPage {
  posted: { type: string; at: number }[];
  /** Chart draws so far (canvas clears, every canvas). */
  draws: number;
  /** ms of each draw since startFrames: from its canvas clear to the end of that task's script. */
  drawMs: number[];
  /** Round trips of requestRange → range posted back, in ms. */
  rangeTrips: number[];
  ready(): Promise<void>;
  /** Decodes a wire message (see host.ts toWire). */
  decode(wire: string): unknown;
  /** Posts wire messages as the host would; resolves with ms until a painted frame after `done()` holds. */
  postAndPaint(wires: string[], check: PaintCheck): Promise<number>;
  startFrames(): void;
  stopFrames(): number[];
  visibleCanvases(): { name: string; x: number; y: number; w: number; h: number }[];
}

export type PaintCheck =
  | { kind: 'visibleDrawn' }
  | { kind: 'total'; name: string; total: number }
  /** Compare page: every chart in view drew `runs` lines (runboardDebug.compare()). */
  | { kind: 'compareDrawn'; runs: number };

type ChartStates = Record<string, { raw: number; total: number; zoomed: boolean }>;

export function installBenchHooks(): void {
  const w = window as unknown as {
    __rb: BenchPage;
    __rbHost?: (json: string) => Promise<string>;
    acquireVsCodeApi: () => unknown;
    runboardDebug?: { charts?(): ChartStates; compare?(): { charts: Record<string, number> } };
  };
  let drawing = false;
  const drawCounts = new WeakMap<HTMLCanvasElement, number>();
  const clearRect = CanvasRenderingContext2D.prototype.clearRect;
  CanvasRenderingContext2D.prototype.clearRect = function (x: number, y: number, cw: number, ch: number): void {
    drawCounts.set(this.canvas, (drawCounts.get(this.canvas) ?? 0) + 1);
    rb.draws++;
    if (!drawing) {
      // Chart.js draws synchronously: the microtask runs once the handler that drew returns.
      drawing = true;
      const start = performance.now();
      queueMicrotask(() => {
        drawing = false;
        rb.drawMs.push(performance.now() - start);
      });
    }
    clearRect.call(this, x, y, cw, ch);
  };
  const draws = (c: HTMLCanvasElement | null): number => (c ? (drawCounts.get(c) ?? 0) : 0);
  const afterPaint = (): Promise<number> =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        // A message posted from rAF is handled after this frame's rendering steps (style, layout, paint).
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(0);
      }),
    );
  const revive = (_key: string, value: unknown): unknown => {
    if (value && typeof value === 'object' && '$f64' in value) {
      const text = atob(String((value as { $f64: string }).$f64));
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) {
        bytes[i] = text.charCodeAt(i);
      }
      return new Float64Array(bytes.buffer);
    }
    return value;
  };
  // JSON both ways, as VS Code: the webview's own wire tags carry NaN/±Infinity.
  const encode = (message: unknown): string => JSON.stringify(message);
  const cards = (): { name: string; canvas: HTMLCanvasElement; rect: DOMRect }[] =>
    Array.from(document.querySelectorAll<HTMLElement>('.chart-card')).flatMap((card) => {
      const canvas = card.querySelector('canvas');
      const rect = card.getBoundingClientRect();
      const visible = rect.bottom > 0 && rect.top < innerHeight && rect.width > 0;
      return canvas && visible ? [{ name: card.dataset.metric ?? '', canvas, rect }] : [];
    });
  const charts = (): ChartStates => w.runboardDebug?.charts?.() ?? {};
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (readyResolve = resolve));
  let frames: number[] = [];
  let recording = false;
  // At most one rAF chain: a startFrames right after stopFrames must not start a second one.
  let chained = false;
  const onFrame = (t: number): void => {
    chained = recording;
    if (recording) {
      frames.push(t);
      requestAnimationFrame(onFrame);
    }
  };
  const rb: BenchPage = {
    posted: [],
    draws: 0,
    drawMs: [],
    rangeTrips: [],
    ready: () => ready,
    decode: (wire) => JSON.parse(wire, revive) as unknown,
    async postAndPaint(wires, check) {
      const messages = wires.map((wire) => rb.decode(wire));
      const before = new Map(cards().map((c) => [c.name, draws(c.canvas)]));
      const drawnSince = (name: string, canvas: HTMLCanvasElement): boolean => draws(canvas) > (before.get(name) ?? 0);
      const done = (): boolean => {
        if (check.kind === 'compareDrawn') {
          // A Compare chart is created and given its lines in one task: a draw means its lines are drawn.
          // runboardDebug.compare() walks every point (~20 ms at 50 runs): checked once, after timing.
          const shown = cards();
          return shown.length > 0 && shown.every((c) => drawnSince(c.name, c.canvas));
        }
        const state = charts();
        if (check.kind === 'visibleDrawn') {
          const shown = cards();
          return shown.length > 0 && shown.every((c) => (state[c.name]?.raw ?? 0) > 0 && drawnSince(c.name, c.canvas));
        }
        const card = cards().find((c) => c.name === check.name);
        return !!card && (state[check.name]?.total ?? 0) >= check.total && drawnSince(check.name, card.canvas);
      };
      // Our listener is added after the app's, so it runs once the app handled the last message.
      let seen = 0;
      let typedOk = true;
      const delivered = new Promise<void>((resolve) => {
        const onMessage = (e: MessageEvent): void => {
          const d = e.data as { overviews?: { steps: unknown }[]; data?: { steps: unknown }[] };
          const steps = d.overviews?.[0]?.steps ?? d.data?.[0]?.steps;
          typedOk &&= steps === undefined || steps instanceof Float64Array;
          if (++seen >= messages.length) {
            window.removeEventListener('message', onMessage);
            resolve();
          }
        };
        window.addEventListener('message', onMessage);
      });
      const t0 = performance.now();
      for (const m of messages) {
        window.postMessage(m, '*');
      }
      await delivered;
      if (!typedOk) {
        throw new Error('points did not arrive as Float64Arrays');
      }
      for (let i = 0; i < 600 && !done(); i++) {
        await new Promise((r) => requestAnimationFrame(r));
      }
      if (!done()) {
        throw new Error(
          `not drawn within 600 frames: ${JSON.stringify(w.runboardDebug?.compare?.().charts ?? charts())}`,
        );
      }
      const painted = (await afterPaint()) - t0;
      if (check.kind === 'compareDrawn') {
        const lines = w.runboardDebug?.compare?.().charts ?? {};
        const wrong = cards().filter((c) => lines[c.name] !== check.runs);
        if (wrong.length) {
          throw new Error(`charts drawn without ${check.runs} lines: ${JSON.stringify(lines)}`);
        }
      }
      return painted;
    },
    startFrames() {
      frames = [];
      rb.drawMs = [];
      recording = true;
      if (!chained) {
        chained = true;
        requestAnimationFrame(onFrame);
      }
    },
    stopFrames() {
      recording = false;
      return frames.slice(1).map((t, i) => t - frames[i]);
    },
    visibleCanvases: () =>
      cards().map((c) => {
        const r = c.canvas.getBoundingClientRect();
        return { name: c.name, x: r.x, y: r.y, w: r.width, h: r.height };
      }),
  };
  w.__rb = rb;
  w.acquireVsCodeApi = () => {
    let state: unknown;
    return {
      getState: () => state,
      setState: (s: unknown) => (state = s),
      postMessage(m: { type: string }) {
        const at = performance.now();
        rb.posted.push({ type: m.type, at });
        if (m.type === 'ready') {
          readyResolve();
        }
        if (m.type === 'requestRange' && w.__rbHost) {
          void w.__rbHost(encode(m)).then((wire) => {
            if (wire) {
              window.postMessage(rb.decode(wire), '*');
              rb.rangeTrips.push(performance.now() - at);
            }
          });
        }
      },
    };
  };
}
