// The checkpoint inspector's webview app: renders the host's snapshot (summary, key tree, metadata,
// tensor table) and keeps only UI state (filter, sort, opened tree nodes) with setState.
import type {
  CheckpointFromWebview,
  CheckpointSnapshotDto,
  CheckpointToWebview,
  CheckpointViewState,
} from '../../shared/checkpointProtocol';
import { clear, el } from '../dom';
import type { WebviewApi } from '../vscodeApi';
import { renderKeyTree } from './keyTree';
import { isUnreadable, renderRunLink, renderSnippet, renderSummary } from './summary';
import { TensorTable } from './tensorTable';

export class CheckpointApp {
  private snapshot?: CheckpointSnapshotDto;
  private runEl?: HTMLElement;
  private snippetEl?: HTMLElement;
  private readonly summaryEl = el('header', { class: 'ckpt-header' });
  private readonly notice = el('div', {
    class: 'notice muted',
    text: 'Reading the checkpoint…',
    attrs: { role: 'status' },
  });
  private readonly sectionsEl = el('div');
  private readonly table: TensorTable;

  constructor(
    root: HTMLElement,
    private state: CheckpointViewState,
    private readonly api: WebviewApi<CheckpointViewState, CheckpointFromWebview>,
  ) {
    this.table = new TensorTable(state, (s) => this.setState(s));
    root.append(this.notice, this.summaryEl, this.sectionsEl);
  }

  handle(message: CheckpointToWebview): void {
    switch (message.type) {
      case 'snapshot':
        return this.render(message.snapshot);
      case 'loading':
        this.notice.textContent = 'The file changed: reading it again…';
        this.notice.hidden = false;
        return;
      case 'run':
        if (this.snapshot) {
          this.snapshot.run = message.run;
        }
        if (this.runEl) {
          renderRunLink(this.runEl, message.run, () => this.post({ type: 'openRun' }));
        }
        return;
      case 'snippetCopied':
        if (this.snippetEl) {
          renderSnippet(this.snippetEl, message.snippet);
        }
        return;
      default: {
        const unknown: never = message;
        console.error('unknown message', unknown);
      }
    }
  }

  /** For tests: what the inspector shows. */
  debug(): { name?: string; tensorCount?: number; errors: number; table: ReturnType<TensorTable['debug']> } {
    return {
      name: this.snapshot?.name,
      tensorCount: this.snapshot?.tensorCount,
      errors: this.snapshot?.errors.length ?? 0,
      table: this.table.debug(),
    };
  }

  private render(s: CheckpointSnapshotDto): void {
    this.snapshot = s;
    this.notice.hidden = true;
    document.title = s.name;
    const parts = renderSummary(this.summaryEl, s, {
      copySnippet: () => this.post({ type: 'copySnippet' }),
      openRun: () => this.post({ type: 'openRun' }),
      reveal: () => this.post({ type: 'reveal' }),
    });
    this.runEl = parts.runEl;
    this.snippetEl = parts.snippetEl;
    clear(this.sectionsEl);
    if (s.tree !== undefined) {
      this.sectionsEl.append(this.treeSection('Keys', s.tree, 'keys'));
    }
    if (s.metadata && Object.keys(s.metadata).length > 0) {
      this.sectionsEl.append(this.treeSection('Metadata', s.metadata, 'metadata'));
    }
    if (!isUnreadable(s)) {
      this.sectionsEl.append(this.section('Tensors', this.table.element));
    }
    if (s.container.length > 0) {
      const rows = s.container.map(([k, v]) =>
        el('tr', {}, el('th', { text: k, attrs: { scope: 'row' } }), el('td', { text: v })),
      );
      const table = el('table', { class: 'data-table container-table' }, el('tbody', {}, ...rows));
      this.sectionsEl.append(this.section('Container', table, false));
    }
    this.table.setTensors(s.tensors);
  }

  private treeSection(title: string, tree: CheckpointSnapshotDto['tree'], prefix: string): HTMLElement {
    const body = el('div', { class: 'key-tree', attrs: { role: 'group', 'aria-label': title } });
    renderKeyTree(body, tree ?? null, {
      isExpanded: (path) => this.state.expanded.includes(`${prefix}:${path}`),
      setExpanded: (path, open) => {
        const id = `${prefix}:${path}`;
        const rest = this.state.expanded.filter((p) => p !== id);
        this.setState({ expanded: open ? [...rest, id] : rest });
      },
    });
    return this.section(title, body);
  }

  private section(title: string, body: HTMLElement, open = true): HTMLElement {
    const details = el('details', { class: 'section' }, el('summary', { text: title }), body);
    details.open = open;
    return details;
  }

  private setState(change: Partial<CheckpointViewState>): void {
    this.state = { ...this.state, ...change };
    this.api.setState(this.state);
  }

  private post(message: CheckpointFromWebview): void {
    this.api.postMessage(message);
  }
}
