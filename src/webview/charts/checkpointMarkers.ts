// Checkpoint markers on a metric chart: a thin dashed vertical line at each checkpoint's x and a
// clickable glyph at the top of the plot area (the best checkpoint as a larger star in its own colour).
// Per-chart state lives in a WeakMap set by the chart's owner, so the plugin is a no-op on other charts.
import type { Chart, ChartEvent, Plugin } from 'chart.js';
import type { XAxisMode } from '../../shared/runProtocol';
import { xOfStep } from './chartData';
import type { Points } from './seriesBuffer';

/** A checkpoint of the run with a step, as the dashboard hands it to its charts. */
export interface ChartCheckpoint {
  step: number;
  path: string;
  title: string;
  best: boolean;
  /** When its file was written (s since the epoch), if known. */
  savedAt?: number;
}

export interface CheckpointMarker {
  /** Where on the chart's x axis (step, wall time or relative time). */
  x: number;
  path: string;
  /** Shown on hover, e.g. "epoch=4-step=249.ckpt · epoch 4 · step 249". */
  title: string;
  best: boolean;
}

export interface MarkerState {
  markers: CheckpointMarker[];
  color: string;
  bestColor: string;
  onClick(marker: CheckpointMarker): void;
  onHover(marker: CheckpointMarker | undefined): void;
  /** Glyph centres drawn last (CSS pixels in the canvas), for hit tests and the e2e tests. */
  drawn: { x: number; y: number; marker: CheckpointMarker }[];
  /** The marker under the pointer: its title is drawn beside it. */
  hovered?: CheckpointMarker;
  /** Colours of the hover label. */
  labelColor?: string;
  labelBackground?: string;
  font?: string;
}

const GLYPH = 5;
const HIT = 8;
const states = new WeakMap<object, MarkerState>();

export function setCheckpointMarkers(chart: Chart, state: MarkerState): void {
  states.set(chart, state);
}

export function markerState(chart: Chart): MarkerState | undefined {
  return states.get(chart);
}

/** Checkpoints placed on a chart's x axis (hidden where the axis is time and the time is unknown). */
export function placeCheckpoints(
  checkpoints: ChartCheckpoint[],
  points: Points,
  mode: XAxisMode,
  startTime: number,
  logX: boolean,
): CheckpointMarker[] {
  const out: CheckpointMarker[] = [];
  for (const c of checkpoints) {
    const x = xOfStep(points, c.step, mode, startTime) ?? savedAfterLastLog(c, points, mode, startTime);
    if (x !== undefined && (!logX || x > 0)) {
      out.push({ x, path: c.path, title: c.title, best: c.best });
    }
  }
  return out;
}

/**
 * A time axis cannot interpolate a checkpoint saved after the last logged point (the usual final one):
 * its file's time stands in, when it is not before that point's (a copied file's is; then it stays off).
 */
function savedAfterLastLog(c: ChartCheckpoint, points: Points, mode: XAxisMode, startTime: number): number | undefined {
  const last = points.length - 1;
  if (mode === 'step' || c.savedAt === undefined || last < 0 || !(c.step > points.steps[last])) {
    return undefined;
  }
  const lastWall = points.wallTimes[last];
  if (!Number.isFinite(lastWall) || c.savedAt < lastWall) {
    return undefined;
  }
  return mode === 'wall' ? c.savedAt : c.savedAt - startTime;
}

/**
 * How far right a chart should reach so checkpoints saved after the last logged point show
 * (a final checkpoint usually comes a few steps after the last log). Only markers within a quarter of the
 * data's span past its end count: a stray far-off step must not squash the curves. Undefined: no change.
 */
export function markerAxisMax(
  markers: readonly CheckpointMarker[],
  dataMin: number,
  dataMax: number,
): number | undefined {
  if (!Number.isFinite(dataMin) || !Number.isFinite(dataMax)) {
    return undefined;
  }
  const limit = dataMax + Math.max(dataMax - dataMin, 1) * 0.25;
  let max: number | undefined;
  for (const m of markers) {
    if (m.x > dataMax && m.x <= limit && (max === undefined || m.x > max)) {
      max = m.x;
    }
  }
  return max;
}

/** The marker whose glyph is under (x, y), if any. */
export function markerAt(state: MarkerState, x: number, y: number): CheckpointMarker | undefined {
  let best: { d: number; marker: CheckpointMarker } | undefined;
  for (const g of state.drawn) {
    const d = Math.hypot(g.x - x, g.y - y);
    if (d <= HIT && (!best || d < best.d)) {
      best = { d, marker: g.marker };
    }
  }
  return best?.marker;
}

export const checkpointMarkersPlugin: Plugin = {
  id: 'runboardCheckpoints',
  afterDatasetsDraw(chart) {
    const state = states.get(chart);
    if (!state) {
      return;
    }
    state.drawn = [];
    const scale = chart.scales.x;
    const { top, bottom, left, right } = chart.chartArea;
    const ctx = chart.ctx;
    ctx.save();
    // The best one last, so it is on top where markers overlap.
    const ordered = [...state.markers].sort((a, b) => Number(a.best) - Number(b.best));
    for (const marker of ordered) {
      const px = scale.getPixelForValue(marker.x);
      if (!Number.isFinite(px) || px < left - 0.5 || px > right + 0.5) {
        continue;
      }
      const color = marker.best ? state.bestColor : state.color;
      ctx.beginPath();
      ctx.setLineDash([2, 3]);
      ctx.lineWidth = 1;
      ctx.strokeStyle = color;
      ctx.globalAlpha = 0.7;
      ctx.moveTo(px, top + GLYPH);
      ctx.lineTo(px, bottom);
      ctx.stroke();
      ctx.globalAlpha = 1;
      ctx.setLineDash([]);
      ctx.fillStyle = color;
      const cy = top + GLYPH;
      (marker.best ? star : diamond)(ctx, px, cy);
      ctx.fill();
      state.drawn.push({ x: px, y: cy, marker });
    }
    ctx.restore();
  },
  afterDraw(chart) {
    const state = states.get(chart);
    // By path: a live refresh places the markers anew while one stays hovered or keyboard-picked.
    const glyph = state?.drawn.find((g) => g.marker.path === state.hovered?.path);
    if (state && glyph) {
      drawLabel(chart, state, glyph.x, glyph.y, glyph.marker.title);
    }
  },
  afterEvent(chart, args: { event: ChartEvent; changed?: boolean }) {
    const state = states.get(chart);
    const e = args.event;
    if (!state || e.x === null || e.y === null) {
      return;
    }
    const hit = markerAt(state, e.x, e.y);
    if (e.type === 'click' && hit) {
      state.onClick(hit);
    } else if (e.type === 'mousemove' || e.type === 'mouseout') {
      const next = e.type === 'mouseout' ? undefined : hit;
      if (next !== state.hovered) {
        state.hovered = next;
        state.onHover(next);
        args.changed = true;
      }
    }
  },
};

/** The hovered checkpoint's title in a small box under its glyph, kept inside the chart. */
function drawLabel(chart: Chart, state: MarkerState, x: number, y: number, text: string): void {
  const ctx = chart.ctx;
  ctx.save();
  ctx.font = `11px ${state.font ?? 'sans-serif'}`;
  const width = ctx.measureText(text).width + 10;
  const left = Math.max(chart.chartArea.left, Math.min(x - width / 2, chart.chartArea.right - width));
  const top = y + GLYPH + 4;
  ctx.fillStyle = state.labelBackground ?? 'rgba(0,0,0,0.8)';
  ctx.fillRect(left, top, width, 18);
  ctx.strokeStyle = state.hovered?.best ? state.bestColor : state.color;
  ctx.strokeRect(left + 0.5, top + 0.5, width - 1, 17);
  ctx.fillStyle = state.labelColor ?? '#fff';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, left + 5, top + 9);
  ctx.restore();
}

function diamond(ctx: CanvasRenderingContext2D, x: number, y: number): void {
  ctx.beginPath();
  ctx.moveTo(x, y - GLYPH);
  ctx.lineTo(x + GLYPH, y);
  ctx.lineTo(x, y + GLYPH);
  ctx.lineTo(x - GLYPH, y);
  ctx.closePath();
}

function star(ctx: CanvasRenderingContext2D, x: number, y: number): void {
  const outer = GLYPH + 2;
  const inner = outer * 0.45;
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    ctx.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
  }
  ctx.closePath();
}
