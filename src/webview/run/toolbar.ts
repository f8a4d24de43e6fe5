// The dashboard toolbar: chart search (text or /regex/), smoothing, log axes, x-axis mode, outliers.
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { RunViewState, XAxisMode } from '../../shared/runProtocol';
import { custom, el } from '../dom';

export type ToolbarChange = Partial<
  Pick<RunViewState, 'search' | 'smoothing' | 'logY' | 'logX' | 'xAxis' | 'ignoreOutliers'>
>;

interface ValueElement extends HTMLElement {
  value: string;
  checked: boolean;
}

export function renderToolbar(root: HTMLElement, state: RunViewState, onChange: (change: ToolbarChange) => void): void {
  const search = custom('vscode-textfield', {
    placeholder: 'Filter charts (text or /regex/)',
    value: state.search,
    'aria-label': 'Filter charts',
  }) as ValueElement;
  search.id = 'chart-search';
  search.addEventListener('input', () => onChange({ search: search.value }));

  const checkbox = (id: string, label: string, checked: boolean, key: 'logY' | 'logX' | 'ignoreOutliers') => {
    const box = custom('vscode-checkbox', { label, checked }) as ValueElement;
    box.id = id;
    box.addEventListener('change', () => onChange({ [key]: box.checked }));
    return box;
  };

  const xAxis = custom(
    'vscode-single-select',
    { 'aria-label': 'X axis' },
    ...(['step', 'relative', 'wall'] as XAxisMode[]).map((mode) =>
      custom(
        'vscode-option',
        { value: mode, selected: mode === state.xAxis },
        { step: 'Step', relative: 'Relative time', wall: 'Wall time' }[mode],
      ),
    ),
  ) as ValueElement;
  xAxis.id = 'x-axis';
  xAxis.addEventListener('change', () => onChange({ xAxis: xAxis.value as XAxisMode }));

  root.append(
    el('div', { class: 'toolbar-group grow' }, search),
    smoothingControl(state.smoothing, (smoothing) => onChange({ smoothing })),
    el(
      'div',
      { class: 'toolbar-group' },
      checkbox('log-y', 'Log Y', state.logY, 'logY'),
      checkbox('log-x', 'Log X', state.logX, 'logX'),
    ),
    el(
      'div',
      { class: 'toolbar-group' },
      checkbox('outliers', 'Ignore outliers', state.ignoreOutliers, 'ignoreOutliers'),
    ),
    el('label', { class: 'toolbar-group' }, 'X axis ', xAxis),
  );
}

/** The smoothing slider with its value, shared by the run dashboard and Compare Runs. */
export function smoothingControl(value: number, onChange: (smoothing: number) => void): HTMLElement {
  const slider = el('input', {
    attrs: { type: 'range', min: '0', max: '0.99', step: '0.01', value: String(value), 'aria-label': 'Smoothing' },
  });
  slider.id = 'smoothing';
  const shown = el('span', { class: 'smoothing-value', text: value.toFixed(2) });
  slider.addEventListener('input', () => {
    shown.textContent = Number(slider.value).toFixed(2);
    onChange(Number(slider.value));
  });
  return el(
    'label',
    { class: 'toolbar-group', title: 'Exponential moving average, debiased like TensorBoard' },
    'Smoothing ',
    slider,
    shown,
  );
}
