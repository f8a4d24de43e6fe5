// The Compare toolbar: chart filter, smoothing, log y and x, x axis (step or time since start), common metrics only.
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { CompareViewState } from '../../shared/compareProtocol';
import { custom, el } from '../dom';
import { smoothingControl } from '../run/toolbar';

interface ValueElement extends HTMLElement {
  value: string;
  checked: boolean;
}

export function renderCompareToolbar(
  root: HTMLElement,
  state: CompareViewState,
  onChange: (change: Partial<CompareViewState>) => void,
): void {
  const search = custom('vscode-textfield', {
    placeholder: 'Filter charts (text or /regex/)',
    value: state.search,
    'aria-label': 'Filter charts',
  }) as ValueElement;
  search.addEventListener('input', () => onChange({ search: search.value }));
  const logY = custom('vscode-checkbox', { label: 'Log Y', checked: state.logY }) as ValueElement;
  logY.id = 'log-y';
  logY.addEventListener('change', () => onChange({ logY: logY.checked }));
  const logX = custom('vscode-checkbox', { label: 'Log X', checked: state.logX }) as ValueElement;
  logX.id = 'log-x';
  logX.addEventListener('change', () => onChange({ logX: logX.checked }));
  const common = custom('vscode-checkbox', {
    label: 'Only metrics all runs have',
    checked: state.onlyCommon,
  }) as ValueElement;
  common.id = 'only-common';
  common.addEventListener('change', () => onChange({ onlyCommon: common.checked }));
  const xAxis = custom(
    'vscode-single-select',
    { 'aria-label': 'Align by' },
    custom('vscode-option', { value: 'step', selected: state.xAxis === 'step' }, 'Step'),
    custom('vscode-option', { value: 'relative', selected: state.xAxis === 'relative' }, 'Time since start'),
    custom('vscode-option', { value: 'wall', selected: state.xAxis === 'wall' }, 'Wall time'),
  ) as ValueElement;
  xAxis.id = 'x-axis';
  xAxis.addEventListener('change', () =>
    onChange({ xAxis: xAxis.value === 'relative' || xAxis.value === 'wall' ? xAxis.value : 'step' }),
  );
  root.append(
    el('div', { class: 'toolbar-group grow' }, search),
    smoothingControl(state.smoothing, (smoothing) => onChange({ smoothing })),
    el('div', { class: 'toolbar-group' }, logY, logX, common),
    el('label', { class: 'toolbar-group' }, 'Align by ', xAxis),
  );
}
