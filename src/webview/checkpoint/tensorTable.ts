// The tensor table: sortable headers (buttons, aria-sort), a filter, and virtual scrolling: only the rows in
// view (plus a margin) are in the DOM, so 100k tensors scroll and sort smoothly. Text only, never HTML.
import type { TensorDto, TensorSortKey } from '../../shared/checkpointProtocol';
import { clear, el } from '../dom';
import { countText, tensorCells, visibleRows } from './tensorRows';

/** Must match `.tensor-table tbody tr.row` height in media/checkpoint.css. */
export const ROW_HEIGHT = 24;
const OVERSCAN = 20;
const FILTER_DELAY_MS = 80;

const COLUMNS: { key: TensorSortKey; label: string; numeric: boolean }[] = [
  { key: 'name', label: 'Name', numeric: false },
  { key: 'dtype', label: 'Dtype', numeric: false },
  { key: 'shape', label: 'Shape', numeric: false },
  { key: 'numel', label: 'Elements', numeric: true },
  { key: 'sizeBytes', label: 'Size', numeric: true },
];

export interface TableState {
  filter: string;
  sortKey: TensorSortKey;
  descending: boolean;
}

export class TensorTable {
  readonly element: HTMLElement;
  private tensors: TensorDto[] = [];
  private rows: number[] = [];
  private readonly scroller = el('div', {
    class: 'table-scroll',
    attrs: { tabindex: '0', role: 'region', 'aria-label': 'Tensors (scroll with the arrow keys)' },
  });
  private readonly body = el('tbody');
  private readonly headRow = el('tr');
  private readonly count = el('span', { class: 'muted table-count', attrs: { role: 'status' } });
  private readonly search: HTMLInputElement;
  private frame = 0;
  private rendered = '';

  constructor(
    private state: TableState,
    private readonly onChange: (state: TableState) => void,
  ) {
    this.search = el('input', {
      class: 'text-input tensor-filter',
      attrs: {
        type: 'search',
        placeholder: 'Filter tensors (name, dtype, shape or /regex/)',
        'aria-label': 'Filter tensors',
      },
    });
    this.search.value = state.filter;
    // Filtering 100k rows per keystroke is wasteful: wait for a short pause in typing.
    let typing: ReturnType<typeof setTimeout> | undefined;
    this.search.addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(() => this.update({ filter: this.search.value }), FILTER_DELAY_MS);
    });
    this.scroller.addEventListener('scroll', () => this.schedule());
    window.addEventListener('resize', () => this.schedule());
    this.scroller.append(el('table', { class: 'data-table tensor-table' }, el('thead', {}, this.headRow), this.body));
    this.element = el('div', { class: 'tensors' }, el('div', { class: 'table-tools' }, this.search, this.count));
    this.element.append(this.scroller);
  }

  setTensors(tensors: TensorDto[]): void {
    this.tensors = tensors;
    this.recompute();
  }

  /** What is drawn (for tests): rows matching the filter, rows in the DOM, the first row's name. */
  debug(): { matching: number; rendered: number; first?: string } {
    const first = this.rows.length > 0 ? this.tensors[this.rows[0]].name : undefined;
    return { matching: this.rows.length, rendered: this.body.querySelectorAll('tr.row').length, first };
  }

  private update(change: Partial<TableState>): void {
    this.state = { ...this.state, ...change };
    this.onChange(this.state);
    this.recompute();
  }

  private recompute(): void {
    const { filter, sortKey, descending } = this.state;
    this.rows = visibleRows(this.tensors, filter, sortKey, descending);
    const total = this.tensors.length;
    this.count.textContent =
      this.rows.length === total
        ? `${countText(total)} tensors`
        : `${countText(this.rows.length)} of ${countText(total)}`;
    this.renderHead();
    this.rendered = '';
    this.renderRows();
  }

  private renderHead(): void {
    clear(this.headRow);
    for (const col of COLUMNS) {
      const active = this.state.sortKey === col.key;
      const arrow = active ? (this.state.descending ? ' ▼' : ' ▲') : '';
      const button = el('button', { class: 'sort-button', text: col.label + arrow });
      button.title = `Sort by ${col.label.toLowerCase()}`;
      // Click: ascending, again: descending, a third time: back to the order in the file.
      button.addEventListener('click', () => {
        if (!active) {
          this.update({ sortKey: col.key, descending: col.numeric });
        } else if (this.state.descending !== col.numeric) {
          this.update({ sortKey: 'order', descending: false });
        } else {
          this.update({ descending: !this.state.descending });
        }
      });
      const sort = active ? (this.state.descending ? 'descending' : 'ascending') : 'none';
      this.headRow.append(el('th', { class: `col-${col.key}`, attrs: { 'aria-sort': sort, scope: 'col' } }, button));
    }
  }

  private schedule(): void {
    if (this.frame) {
      return;
    }
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.renderRows();
    });
  }

  /** Draws the rows in view between two spacer rows that stand for the rest. */
  private renderRows(): void {
    const viewport = this.scroller.clientHeight || 600;
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.rows.length, first + Math.ceil(viewport / ROW_HEIGHT) + 2 * OVERSCAN);
    const key = `${first}:${last}`;
    if (key === this.rendered) {
      return;
    }
    this.rendered = key;
    clear(this.body);
    this.body.append(spacer(first * ROW_HEIGHT));
    for (let i = first; i < last; i++) {
      const cells = tensorCells(this.tensors[this.rows[i]]);
      const tr = el('tr', { class: 'row' });
      cells.forEach((text, c) => tr.append(el('td', { class: COLUMNS[c].numeric ? 'num' : '', text, title: text })));
      this.body.append(tr);
    }
    this.body.append(spacer((this.rows.length - last) * ROW_HEIGHT));
    if (this.rows.length === 0) {
      this.body.append(el('tr', {}, el('td', { class: 'muted', text: 'No tensor matches.', attrs: { colspan: '5' } })));
    }
  }
}

function spacer(height: number): HTMLTableRowElement {
  const td = el('td', { attrs: { colspan: '5' } });
  // CSSOM, not a style attribute: allowed by the strict CSP.
  td.style.height = `${height}px`;
  return el('tr', { class: 'spacer', attrs: { 'aria-hidden': 'true' } }, td);
}
