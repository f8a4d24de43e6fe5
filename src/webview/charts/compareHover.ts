// The hover of a Compare chart, drawn beside the chart rather than by it. Chart.js redraws every line
// on each hover move; with 50 runs (100 lines) that is ~100 ms a frame in a software-rendered webview.
// Here the crosshair and each run's hovered point go on a transparent canvas laid over the chart, the
// values in a small HTML box, and each move costs one binary search per run.
import type { Chart } from 'chart.js';
import { el } from '../dom';
import { pickHover, tooltipRows, type HoverLine, type HoverPick } from './hoverPick';

/** Tooltip rows at most; the rest are counted ("+ 38 more"). */
const MAX_ROWS = 12;
/** A run is listed near its last point when the cursor is within this many pixels of it. */
const SLACK_PX = 6;

export interface HoverFormat {
  title(x: number): string;
  value(y: number): string;
}

export class CompareHover {
  private readonly layer: HTMLCanvasElement;
  private readonly tip: HTMLDivElement;
  private pointer?: { x: number; y: number };
  private dragging = false;
  private frame = 0;
  private destroyed = false;
  private readonly listeners = new AbortController();
  /** What the hover shows now (tests read it). */
  current?: HoverPick;

  constructor(
    private readonly chart: Chart<'line'>,
    private readonly lines: () => readonly HoverLine[],
    private readonly format: HoverFormat,
  ) {
    const canvas = chart.canvas;
    const host = canvas.parentElement ?? document.body;
    this.layer = el('canvas', { class: 'hover-layer', attrs: { 'aria-hidden': 'true' } });
    this.tip = el('div', { class: 'hover-tip', attrs: { 'aria-hidden': 'true' } });
    this.tip.hidden = true;
    host.append(this.layer, this.tip);
    // One signal for every listener, the document's included: destroy() leaves nothing holding the chart.
    const options = { signal: this.listeners.signal };
    canvas.addEventListener(
      'mousemove',
      (e) => {
        // A button released outside the webview sends no mouseup here.
        this.dragging &&= e.buttons !== 0;
        this.move(e.offsetX, e.offsetY);
      },
      options,
    );
    canvas.addEventListener('mouseleave', () => this.move(undefined), options);
    // While a drag zooms, the zoom plugin draws its box: no tooltip over it.
    canvas.addEventListener(
      'mousedown',
      () => {
        this.dragging = true;
        this.move(undefined);
      },
      options,
    );
    canvas.ownerDocument.addEventListener('mouseup', () => (this.dragging = false), options);
  }

  /** Draws the hover again for the same pointer (after the chart redrew: zoom, new data, options). */
  redraw(): void {
    this.schedule();
  }

  destroy(): void {
    this.destroyed = true;
    this.listeners.abort();
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.layer.remove();
    this.tip.remove();
  }

  private move(x: number | undefined, y?: number): void {
    this.pointer = x === undefined || this.dragging ? undefined : { x, y: y ?? 0 };
    this.schedule();
  }

  private schedule(): void {
    if (!this.frame && !this.destroyed) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.render();
      });
    }
  }

  private render(): void {
    const ctx = this.sizeLayer();
    const pick = this.pointer && this.pick(this.pointer);
    this.current = pick;
    if (!ctx) {
      return;
    }
    ctx.clearRect(0, 0, this.layer.width, this.layer.height);
    if (!pick || !this.pointer) {
      this.tip.hidden = true;
      return;
    }
    const { x: xScale, y: yScale } = this.chart.scales;
    const { top, bottom } = this.chart.chartArea;
    const px = xScale.getPixelForValue(pick.x);
    ctx.save();
    ctx.strokeStyle = (this.chart.options.scales?.x?.grid?.color as string) ?? 'rgba(128,128,128,0.5)';
    ctx.lineWidth = 1;
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(px, top);
    ctx.lineTo(px, bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    for (const p of pick.points) {
      const py = yScale.getPixelForValue(p.y);
      if (py >= top && py <= bottom) {
        ctx.fillStyle = p.color;
        ctx.beginPath();
        ctx.arc(xScale.getPixelForValue(p.x), py, 3, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    ctx.restore();
    this.showTip(pick, this.pointer);
  }

  private pick(pointer: { x: number; y: number }): HoverPick | undefined {
    const area = this.chart.chartArea;
    if (pointer.x < area.left || pointer.x > area.right || pointer.y < area.top || pointer.y > area.bottom) {
      return undefined;
    }
    const { x: xScale, y: yScale } = this.chart.scales;
    const x = xScale.getValueForPixel(pointer.x);
    if (x === undefined || !Number.isFinite(x)) {
      return undefined;
    }
    const slack = Math.abs((xScale.getValueForPixel(pointer.x + SLACK_PX) ?? x) - x);
    return pickHover(this.lines(), x, slack, {
      xMin: xScale.min,
      xMax: xScale.max,
      // A log axis cannot draw values ≤ 0 (baseline differences can be negative).
      yValid: yScale.type === 'logarithmic' ? (y) => y > 0 : undefined,
    });
  }

  /** Matches the overlay's backing store to the chart canvas (resizes, device pixel ratio). */
  private sizeLayer(): CanvasRenderingContext2D | null {
    const canvas = this.chart.canvas;
    if (this.layer.width !== canvas.width || this.layer.height !== canvas.height) {
      this.layer.width = canvas.width;
      this.layer.height = canvas.height;
    }
    this.layer.style.width = canvas.style.width;
    this.layer.style.height = canvas.style.height;
    const ctx = this.layer.getContext('2d');
    const ratio = this.chart.currentDevicePixelRatio || 1;
    ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
    return ctx;
  }

  private showTip(pick: HoverPick, pointer: { x: number; y: number }): void {
    const yScale = this.chart.scales.y;
    const { rows, more } = tooltipRows(
      pick.points,
      (p) => Math.abs(yScale.getPixelForValue(p.y) - pointer.y),
      MAX_ROWS,
    );
    const tip = this.tip;
    tip.replaceChildren(el('div', { class: 'hover-title', text: this.format.title(pick.x) }));
    for (const row of rows) {
      const swatch = el('span', { class: 'hover-swatch' });
      swatch.style.background = row.color;
      tip.append(
        el(
          'div',
          { class: 'hover-row' },
          swatch,
          el('span', { class: 'hover-label', text: row.label }),
          el('span', { class: 'hover-value', text: this.format.value(row.y) }),
        ),
      );
    }
    if (more > 0) {
      tip.append(el('div', { class: 'hover-more muted', text: `+ ${more} more` }));
    }
    tip.hidden = false;
    // Right of the pointer, or left of it near the right edge; kept inside the chart vertically.
    const width = this.chart.width;
    const height = this.chart.height;
    const { offsetWidth: w, offsetHeight: h } = tip;
    const left = pointer.x + 14 + w <= width ? pointer.x + 14 : Math.max(0, pointer.x - 14 - w);
    const top = Math.max(0, Math.min(pointer.y - h / 2, height - h));
    tip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }
}
