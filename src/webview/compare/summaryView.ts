// Renders the comparison summary: runs as rows, each metric's last/best as columns, the best cell marked.
import { formatValue } from '../../shared/format';
import type { CompareRunDto } from '../../shared/compareProtocol';
import { clear, el } from '../dom';
import type { SummaryColumn } from './summaryTable';

export function renderSummaryTable(
  root: HTMLElement,
  columns: SummaryColumn[],
  runs: CompareRunDto[],
  flip: (metric: string) => void,
): void {
  clear(root);
  if (columns.length === 0 || runs.length === 0) {
    root.append(el('p', { class: 'muted', text: 'Nothing to summarise.' }));
    return;
  }
  const head = el('tr', {}, el('th', { text: 'Run' }));
  for (const c of columns) {
    const button = el('button', {
      class: 'icon-button',
      text: c.lowerIsBetter ? '↓ better' : '↑ better',
      title: 'Flip which way is better',
      attrs: { type: 'button' },
    });
    button.addEventListener('click', () => flip(c.metric));
    head.append(el('th', {}, el('div', { text: c.metric }), button));
  }
  const body = el('tbody');
  runs.forEach((run, i) => {
    const row = el('tr', {}, el('th', { text: run.label, title: run.dir, attrs: { scope: 'row' } }));
    for (const c of columns) {
      const cell = c.cells[i];
      const text =
        cell.best === undefined
          ? ''
          : `${formatValue(cell.last)} (best ${formatValue(cell.best)} @ ${formatValue(cell.bestStep)})`;
      row.append(
        el('td', {
          class: c.bestRun === i ? 'num best' : 'num',
          text,
          title: c.bestRun === i ? 'best of the compared runs' : '',
        }),
      );
    }
    body.append(row);
  });
  root.append(
    el(
      'div',
      { class: 'table-scroll' },
      el('table', { class: 'data-table', attrs: { 'aria-label': 'Summary' } }, el('thead', {}, head), body),
    ),
  );
}
