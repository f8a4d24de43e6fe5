// TensorBoard's "offset" histogram view on a canvas: one ridge line per step (the last ≤ 50), older
// ones further back (higher), newer in front; values on the x axis, step labels on the right.
import { formatValue } from '../../shared/format';
import type { HistogramDto } from '../../shared/runProtocol';
import { withAlpha, type ChartTheme } from '../charts/theme';
import { ridgeRows } from './histogramMath';

const PAD = { left: 10, right: 64, top: 8, bottom: 22 };

/** Draws the ridges; returns how many steps were drawn. */
export function drawRidges(canvas: HTMLCanvasElement, h: HistogramDto, theme: ChartTheme): number {
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.round(width * dpr));
  canvas.height = Math.max(1, Math.round(height * dpr));
  const ctx = canvas.getContext('2d');
  if (!ctx || width < PAD.left + PAD.right + 20) {
    return 0;
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const rows = ridgeRows(h);
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const ridgeH = rows.length > 1 ? plotH * 0.45 : plotH;
  const stride = rows.length > 1 ? (plotH - ridgeH) / (rows.length - 1) : 0;
  let peak = 0;
  for (const row of rows) {
    for (let b = 0; b < h.bins; b++) {
      peak = Math.max(peak, h.counts[row * h.bins + b]);
    }
  }
  const background = getComputedStyle(document.body).getPropertyValue('--vscode-editor-background').trim();
  const xOf = (b: number) => PAD.left + ((b + 0.5) / h.bins) * plotW;
  rows.forEach((row, k) => {
    const base = PAD.top + ridgeH + k * stride;
    const age = rows.length > 1 ? k / (rows.length - 1) : 1;
    ctx.beginPath();
    ctx.moveTo(PAD.left, base);
    for (let b = 0; b < h.bins; b++) {
      const c = h.counts[row * h.bins + b];
      ctx.lineTo(xOf(b), base - (peak > 0 ? (c / peak) * ridgeH : 0));
    }
    ctx.lineTo(PAD.left + plotW, base);
    ctx.closePath();
    // Opaque first, so a newer ridge hides the older ones behind it.
    ctx.fillStyle = background || 'transparent';
    ctx.fill();
    ctx.fillStyle = withAlpha(theme.line, 0.08 + 0.25 * age);
    ctx.fill();
    ctx.strokeStyle = withAlpha(theme.line, 0.35 + 0.65 * age);
    ctx.lineWidth = 1;
    ctx.stroke();
  });
  ctx.fillStyle = theme.foreground;
  ctx.font = `11px ${theme.font}`;
  ctx.textBaseline = 'top';
  for (const [f, align] of [
    [0, 'left'],
    [0.5, 'center'],
    [1, 'right'],
  ] as const) {
    ctx.textAlign = align;
    ctx.fillText(formatValue(h.min + f * (h.max - h.min)), PAD.left + f * plotW, height - PAD.bottom + 6);
  }
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const labelled = rows.length > 1 ? [0, rows.length - 1] : [0];
  for (const k of labelled) {
    ctx.fillText(`step ${formatValue(h.steps[rows[k]])}`, PAD.left + plotW + 6, PAD.top + ridgeH + k * stride);
  }
  return rows.length;
}
