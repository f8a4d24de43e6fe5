// TensorBoard's "distribution" view with Chart.js: percentile bands (0/7/16/31/50/69/84/93/100) over
// steps, each band filled to the one below, darker towards the median.
import { Chart } from 'chart.js';
import type { ChartDataset } from 'chart.js';
import { formatValue } from '../../shared/format';
import type { HistogramDto } from '../../shared/runProtocol';
import { setupCharts } from '../charts/chartSetup';
import { withAlpha, type ChartTheme } from '../charts/theme';
import { DISTRIBUTION_BPS, distributionBands } from './histogramMath';

/** Opacity of the band below each percentile line (none below the first). */
const BAND_ALPHA = [0, 0.12, 0.2, 0.3, 0.4, 0.4, 0.3, 0.2, 0.12];
const MEDIAN = 4;

export function distributionChart(canvas: HTMLCanvasElement, h: HistogramDto, theme: ChartTheme): Chart<'line'> {
  setupCharts();
  const bands = distributionBands(h);
  const datasets: ChartDataset<'line'>[] = bands.map((values, i) => ({
    label: `p${DISTRIBUTION_BPS[i] / 100}`,
    data: values.map((y, k) => ({ x: h.steps[k], y })),
    borderColor: i === MEDIAN ? theme.line : withAlpha(theme.line, 0.35),
    borderWidth: i === MEDIAN ? 1.5 : 0.5,
    backgroundColor: withAlpha(theme.line, BAND_ALPHA[i]),
    fill: i === 0 ? false : '-1',
    pointRadius: 0,
    pointHoverRadius: i === MEDIAN ? 3 : 0,
  }));
  const tick = { color: theme.foreground, font: { family: theme.font, size: 11 } };
  return new Chart<'line'>(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      parsing: false,
      interaction: { mode: 'index', axis: 'x', intersect: false },
      scales: {
        x: {
          type: 'linear',
          ticks: { ...tick, maxRotation: 0, callback: (v) => formatValue(Number(v)) },
          grid: { color: theme.grid },
        },
        y: { type: 'linear', ticks: { ...tick, callback: (v) => formatValue(Number(v)) }, grid: { color: theme.grid } },
      },
      plugins: {
        tooltip: {
          itemSort: (a, b) => b.datasetIndex - a.datasetIndex,
          callbacks: {
            title: (items) => (items.length ? `step ${formatValue(items[0].parsed.x ?? NaN)}` : ''),
            label: (item) => `${item.dataset.label}: ${formatValue(item.parsed.y ?? NaN)}`,
          },
        },
      },
    },
  });
}
