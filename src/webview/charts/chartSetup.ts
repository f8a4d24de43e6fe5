// Registers exactly the Chart.js parts the dashboards use (keeps the bundle small), plus the zoom
// plugin, a crosshair and the checkpoint markers.
import {
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';
import type { Plugin } from 'chart.js';
import zoomPlugin from 'chartjs-plugin-zoom';
import { checkpointMarkersPlugin } from './checkpointMarkers';

/** Draws a vertical line at the hovered x, so every line's value there is easy to read off. */
const crosshair: Plugin<'line'> = {
  id: 'runboardCrosshair',
  afterDatasetsDraw(chart) {
    const active = chart.tooltip?.getActiveElements() ?? [];
    if (active.length === 0) {
      return;
    }
    const x = active[0].element.x;
    const { top, bottom } = chart.chartArea;
    const ctx = chart.ctx;
    ctx.save();
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.lineWidth = 1;
    ctx.strokeStyle = (chart.options.scales?.x?.grid?.color as string) ?? 'rgba(128,128,128,0.5)';
    ctx.setLineDash([3, 3]);
    ctx.stroke();
    ctx.restore();
  },
};

let registered = false;

export function setupCharts(): void {
  if (registered) {
    return;
  }
  registered = true;
  Chart.register(
    LineController,
    ScatterController,
    LineElement,
    PointElement,
    LinearScale,
    LogarithmicScale,
    Filler,
    Tooltip,
    zoomPlugin,
    crosshair,
    checkpointMarkersPlugin,
  );
  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
}
