// The dashboard's Histograms section (shown only when the run has any): one card per tag, drawn in
// TensorBoard's two views, "offset" (ridge lines on a canvas) and "distribution" (percentile bands),
// switched for the whole section. Cards draw when scrolled into view and again on resize.
import type { Chart } from 'chart.js';
import type { HistogramDto, HistogramMode } from '../../shared/runProtocol';
import type { ChartTheme } from '../charts/theme';
import { clear, el } from '../dom';
import { distributionChart } from './histogramDistribution';
import { drawRidges } from './histogramRidges';

export interface HistogramActions {
  theme(): ChartTheme;
  mode(): HistogramMode;
  setMode(mode: HistogramMode): void;
  /** The chart search: which tags to show. */
  matches(): (tag: string) => boolean;
}

interface Card {
  element: HTMLElement;
  canvas: HTMLCanvasElement;
  chart?: Chart<'line'>;
  visible: boolean;
}

export class HistogramsView {
  readonly element: HTMLDetailsElement;
  private readonly grid = el('div', { class: 'chart-grid histogram-grid' });
  private readonly buttons = new Map<HistogramMode, HTMLButtonElement>();
  private readonly histograms = new Map<string, HistogramDto>();
  private readonly cards = new Map<string, Card>();
  private readonly observer = new IntersectionObserver((entries) => this.onVisible(entries), { rootMargin: '200px' });
  private readonly resizer = new ResizeObserver((entries) => this.onResize(entries));

  constructor(private readonly actions: HistogramActions) {
    const toggle = el('span', { class: 'mode-toggle', attrs: { role: 'group', 'aria-label': 'Histogram view' } });
    for (const [mode, label] of [
      ['offset', 'Offset'],
      ['distribution', 'Distribution'],
    ] as const) {
      const b = el('button', { class: 'icon-button', text: label, attrs: { type: 'button', 'data-mode': mode } });
      b.addEventListener('click', (e) => {
        e.preventDefault();
        this.actions.setMode(mode);
        this.redrawAll();
      });
      this.buttons.set(mode, b);
      toggle.append(b);
    }
    this.element = el(
      'details',
      { class: 'section histograms', attrs: { open: '', 'data-section': 'Histograms' } },
      el('summary', {}, el('span', { text: 'Histograms' }), ' ', toggle),
      this.grid,
    );
    this.element.hidden = true;
  }

  /** Every histogram of the run (a snapshot). */
  setAll(histograms: HistogramDto[]): void {
    this.histograms.clear();
    this.update(histograms);
  }

  /** Some tags changed or appeared. */
  update(histograms: HistogramDto[]): void {
    for (const h of histograms) {
      this.histograms.set(h.tag, h);
    }
    this.showTags(histograms);
  }

  /** The chart search changed. */
  refilter(): void {
    this.showTags([]);
  }

  private showTags(changed: HistogramDto[]): void {
    const matches = this.actions.matches();
    const tags = [...this.histograms.keys()].filter(matches).sort();
    this.element.hidden = tags.length === 0;
    if (tags.join('\n') !== [...this.cards.keys()].join('\n')) {
      this.layout(tags);
    } else {
      changed.forEach((h) => this.draw(h.tag));
    }
  }

  /** Redraws every drawn card (theme or mode changed). */
  redrawAll(): void {
    for (const [mode, b] of this.buttons) {
      b.setAttribute('aria-pressed', String(mode === this.actions.mode()));
    }
    for (const tag of this.cards.keys()) {
      this.draw(tag);
    }
  }

  private layout(tags: string[]): void {
    for (const card of this.cards.values()) {
      card.chart?.destroy();
    }
    this.cards.clear();
    this.observer.disconnect();
    this.resizer.disconnect();
    clear(this.grid);
    for (const tag of tags) {
      const canvas = el('canvas', { attrs: { role: 'img', 'aria-label': `Histogram of ${tag}` } });
      const element = el(
        'div',
        { class: 'chart-card histogram-card', attrs: { 'data-tag': tag } },
        el('div', { class: 'chart-head' }, el('span', { class: 'chart-title', text: tag, title: tag })),
        el('div', { class: 'chart-body' }, canvas),
      );
      this.cards.set(tag, { element, canvas, visible: false });
      this.grid.append(element);
      this.observer.observe(element);
    }
    this.redrawAll();
  }

  private draw(tag: string): void {
    const card = this.cards.get(tag);
    const h = this.histograms.get(tag);
    if (!card || !h || !card.visible) {
      return;
    }
    const mode = this.actions.mode();
    const theme = this.actions.theme();
    const hadChart = !!card.chart;
    card.chart?.destroy();
    card.chart = undefined;
    if (mode === 'distribution' || hadChart) {
      // Chart.js sizes its canvas inline: each view starts from a fresh canvas.
      const canvas = el('canvas', { attrs: { role: 'img', 'aria-label': `Histogram of ${tag}` } });
      card.canvas.replaceWith(canvas);
      card.canvas = canvas;
    }
    let drawn: number;
    if (mode === 'distribution') {
      card.chart = distributionChart(card.canvas, h, theme);
      drawn = h.steps.length;
    } else {
      drawn = drawRidges(card.canvas, h, theme);
    }
    card.element.dataset.mode = mode;
    card.element.dataset.drawn = String(drawn);
  }

  private onVisible(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const tag = (entry.target as HTMLElement).dataset.tag ?? '';
      const card = this.cards.get(tag);
      if (entry.isIntersecting && card && !card.visible) {
        card.visible = true;
        this.observer.unobserve(entry.target);
        this.resizer.observe(entry.target);
        this.draw(tag);
      }
    }
  }

  private onResize(entries: ResizeObserverEntry[]): void {
    for (const entry of entries) {
      const tag = (entry.target as HTMLElement).dataset.tag ?? '';
      if (this.actions.mode() === 'offset') {
        this.draw(tag);
      }
    }
  }
}
