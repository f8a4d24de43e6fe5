// Summary (last, min, max, step of the best), config (flattened, filterable) and the run's files.
import { formatValue } from '../../shared/format';
import { lowerIsBetter } from '../../shared/metricDirection';
import type { FileEntryDto, SeriesInfoDto } from '../../shared/runProtocol';
import { clear, el } from '../dom';

export function renderSummary(root: HTMLElement, series: SeriesInfoDto[]): void {
  clear(root);
  const rows = series.map((s) => {
    const lower = lowerIsBetter(s.name);
    const best = lower ? s.min : s.max;
    const bestStep = lower ? s.minStep : s.maxStep;
    return el(
      'tr',
      {},
      el('td', { text: s.name }),
      el('td', { class: 'num', text: formatValue(s.last?.[1]) }),
      el('td', { class: 'num', text: formatValue(s.min) }),
      el('td', { class: 'num', text: formatValue(s.max) }),
      el('td', { class: 'num', text: best === undefined ? '' : `${formatValue(best)} @ ${formatValue(bestStep)}` }),
      el('td', { class: 'num', text: String(s.n) }),
    );
  });
  root.append(
    el(
      'table',
      { class: 'data-table', attrs: { 'aria-label': 'Summary' } },
      el(
        'thead',
        {},
        el('tr', {}, ...['Metric', 'Last', 'Min', 'Max', 'Best @ step', 'Points'].map((h) => el('th', { text: h }))),
      ),
      el('tbody', {}, ...rows),
    ),
  );
}

export function renderConfig(root: HTMLElement, config: [string, string][], filter: string): void {
  clear(root);
  const f = filter.trim().toLowerCase();
  const shown = f ? config.filter(([k, v]) => k.toLowerCase().includes(f) || v.toLowerCase().includes(f)) : config;
  if (config.length === 0) {
    root.append(el('p', { class: 'muted', text: 'This run has no config.' }));
    return;
  }
  root.append(
    el(
      'table',
      { class: 'data-table', attrs: { 'aria-label': 'Config' } },
      el('thead', {}, el('tr', {}, el('th', { text: 'Key' }), el('th', { text: 'Value' }))),
      el('tbody', {}, ...shown.map(([k, v]) => el('tr', {}, el('td', { text: k }), el('td', { text: v })))),
    ),
  );
}

export interface FileActions {
  openFile(path: string): void;
  /** Checkpoints open in the Checkpoint Inspector. */
  openCheckpoint(path: string): void;
}

export function renderFiles(root: HTMLElement, files: FileEntryDto[], actions: FileActions): void {
  clear(root);
  if (files.length === 0) {
    root.append(el('p', { class: 'muted', text: 'No checkpoints, images or logs found for this run.' }));
    return;
  }
  const list = el('ul', { class: 'files' });
  for (const f of files) {
    const isCheckpoint = f.kind === 'checkpoint';
    const link = el('a', {
      text: f.label,
      title: isCheckpoint ? `Inspect ${f.path}` : f.path,
      attrs: { href: '#', role: 'button', 'data-path': f.path },
    });
    link.addEventListener('click', (e) => {
      e.preventDefault();
      if (isCheckpoint) {
        actions.openCheckpoint(f.path);
      } else {
        actions.openFile(f.path);
      }
    });
    list.append(
      el(
        'li',
        { class: `file file-${f.kind}` },
        el('span', { class: 'kind', text: f.kind }),
        link,
        f.best ? el('span', { class: 'badge best', text: 'best' }) : undefined,
        f.detail ? el('span', { class: 'muted', text: ` ${f.detail}` }) : undefined,
      ),
    );
  }
  root.append(list);
}
