// The legend: one entry per run in its colour. Click toggles it on the charts, hover or focus highlights
// it, × removes it from the comparison; a baseline picker turns the charts into differences or ratios.
import type { BaselineMode, CompareRunDto, CompareViewState } from '../../shared/compareProtocol';
import { runStyle } from '../../shared/compareProtocol';
import { clear, el } from '../dom';

export interface LegendActions {
  toggle(runId: string): void;
  highlight(runId: string | undefined): void;
  remove(runId: string): void;
  open(runId: string): void;
  baseline(runId: string | undefined, mode: BaselineMode): void;
}

export function renderLegend(
  root: HTMLElement,
  runs: CompareRunDto[],
  state: CompareViewState,
  actions: LegendActions,
): void {
  clear(root);
  const list = el('ul', { class: 'legend-list', attrs: { 'aria-label': 'Runs' } });
  for (const run of runs) {
    const hidden = state.hidden.includes(run.id);
    const swatch = el('span', { class: 'swatch' });
    const style = runStyle(run.color);
    swatch.style.setProperty('--swatch-color', style.color);
    swatch.dataset.dash = String(style.dashIndex);
    const toggle = el(
      'button',
      {
        class: `legend-toggle${hidden ? ' is-hidden' : ''}`,
        title: `${run.name} · ${run.project} · ${run.formatLabel} · ${run.status}\n${run.dir}`,
        attrs: { type: 'button', 'aria-pressed': String(!hidden), 'data-run': run.label, 'data-run-id': run.id },
      },
      swatch,
      run.label,
      ...(run.status === 'running' || run.status === 'failed'
        ? [
            el('span', {
              class: `legend-status legend-${run.status}`,
              text: run.status === 'running' ? 'live' : 'failed',
            }),
          ]
        : []),
    );
    toggle.addEventListener('click', () => actions.toggle(run.id));
    for (const enter of ['mouseenter', 'focus']) {
      toggle.addEventListener(enter, () => actions.highlight(run.id));
    }
    for (const leave of ['mouseleave', 'blur']) {
      toggle.addEventListener(leave, () => actions.highlight(undefined));
    }
    const open = el('button', {
      class: 'icon-button',
      text: 'Open',
      title: 'Open the run dashboard',
      attrs: { type: 'button' },
    });
    open.addEventListener('click', () => actions.open(run.id));
    const remove = el('button', {
      class: 'icon-button',
      text: '×',
      title: 'Remove from the comparison',
      attrs: { type: 'button', 'aria-label': `Remove ${run.label}` },
    });
    remove.addEventListener('click', () => actions.remove(run.id));
    list.append(el('li', { attrs: { 'data-status': run.status } }, toggle, open, remove));
  }
  const baseline = el(
    'select',
    { attrs: { 'aria-label': 'Baseline run' } },
    el('option', { text: 'No baseline', attrs: { value: '' } }),
  );
  for (const run of runs) {
    const option = el('option', { text: run.label, attrs: { value: run.id } });
    if (state.baseline === run.id && state.baselineMode !== 'off') {
      option.selected = true;
    }
    baseline.append(option);
  }
  const mode = el(
    'select',
    { attrs: { 'aria-label': 'Baseline mode' } },
    el('option', { text: 'difference', attrs: { value: 'difference' } }),
    el('option', { text: 'ratio', attrs: { value: 'ratio' } }),
  );
  mode.value = state.baselineMode === 'ratio' ? 'ratio' : 'difference';
  const apply = () =>
    actions.baseline(baseline.value || undefined, baseline.value ? (mode.value as BaselineMode) : 'off');
  baseline.addEventListener('change', apply);
  mode.addEventListener('change', apply);
  root.append(
    list,
    el('div', { class: 'baseline' }, el('label', {}, 'Baseline ', baseline), el('label', {}, ' as ', mode)),
  );
}
