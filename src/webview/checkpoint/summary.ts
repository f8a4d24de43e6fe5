// The inspector's header: name, format and framework badges, facts (epoch, size, parameters, dtypes…),
// the run it belongs to, actions, and a readable error panel. Text only.
import { sizeText } from '../../shared/format';
import type { CheckpointRunDto, CheckpointSnapshotDto } from '../../shared/checkpointProtocol';
import { clear, el } from '../dom';
import { countText, shortCount } from './tensorRows';

export interface SummaryActions {
  copySnippet(): void;
  openRun(): void;
  reveal(): void;
}

const FRAMEWORKS: Record<string, string> = { ultralytics: 'Ultralytics', lightning: 'Lightning', hf: 'Hugging Face' };

/** Nothing could be read: no format, or neither tensors nor keys. */
export function isUnreadable(s: CheckpointSnapshotDto): boolean {
  return s.format === undefined || (s.tensorCount === 0 && s.tree === undefined);
}

function facts(s: CheckpointSnapshotDto): [string, string, string][] {
  const rows: [string, string, string][] = [];
  if (isUnreadable(s)) {
    return [['size', 'File size', sizeText(s.fileSize) ?? '']];
  }
  if (s.epoch !== undefined) {
    rows.push(['epoch', 'Epoch', String(s.epoch)]);
  }
  if (s.step !== undefined) {
    rows.push(['step', 'Step', String(s.step)]);
  }
  if (s.label) {
    rows.push(['label', 'Label', s.label]);
  }
  rows.push(['size', s.isDirectory ? 'Weights size' : 'File size', sizeText(s.fileSize) ?? '']);
  rows.push(['params', 'Parameters', `${countText(s.totalParams)} (${shortCount(s.totalParams)})`]);
  rows.push(['tensors', 'Tensors', countText(s.tensorCount)]);
  if (s.totalNumel !== s.totalParams) {
    rows.push(['numel', 'All elements', countText(s.totalNumel)]);
  }
  rows.push(['bytes', 'Tensor data', sizeText(s.totalBytes) ?? '']);
  const dtypes = Object.entries(s.dtypeCounts)
    .sort((a, b) => b[1] - a[1])
    .map(([d, n]) => `${d} × ${countText(n)}`)
    .join(', ');
  if (dtypes) {
    rows.push(['dtypes', 'Dtypes', dtypes]);
  }
  if (s.weightsFiles.length > 0) {
    rows.push(['weights', 'Weights files', s.weightsFiles.join(', ')]);
  }
  return rows;
}

export function renderRunLink(root: HTMLElement, run: CheckpointRunDto | undefined, open: () => void): void {
  clear(root);
  if (!run) {
    root.append(el('span', { class: 'muted', text: 'Not inside a run Runboard knows.' }));
    return;
  }
  const link = el('a', { class: 'run-link', text: run.name, attrs: { href: '#', role: 'button' } });
  link.title = `Open the dashboard of ${run.name}`;
  link.addEventListener('click', (e) => {
    e.preventDefault();
    open();
  });
  root.append(
    el('span', { class: 'muted', text: 'Run: ' }),
    link,
    el('span', { class: 'muted', text: ` · ${run.project}` }),
  );
}

function errorPanel(s: CheckpointSnapshotDto): HTMLElement | undefined {
  if (s.errors.length === 0) {
    return undefined;
  }
  const fatal = isUnreadable(s);
  return el(
    'div',
    { class: `error-panel${fatal ? ' fatal' : ''}`, attrs: { role: 'alert' } },
    el('h2', {
      text: fatal ? 'This checkpoint could not be read' : 'Parts of this checkpoint could not be read',
    }),
    el(
      'ul',
      {},
      ...s.errors.map((e) =>
        el('li', {}, el('code', { text: e.code }), ` ${e.message}`, e.file && e.file !== s.path ? ` (${e.file})` : ''),
      ),
    ),
  );
}

export function renderSummary(
  root: HTMLElement,
  s: CheckpointSnapshotDto,
  actions: SummaryActions,
): { runEl: HTMLElement; snippetEl: HTMLElement } {
  clear(root);
  const badges = [s.formatLabel, ...s.frameworks.map((f) => FRAMEWORKS[f] ?? f)];
  const runEl = el('div', { class: 'run-row' });
  renderRunLink(runEl, s.run, actions.openRun);
  const snippetEl = el('div', { class: 'snippet' });
  const copy = el('button', { class: 'button', text: 'Copy load snippet', attrs: { id: 'copy-snippet' } });
  copy.addEventListener('click', actions.copySnippet);
  const reveal = el('button', { class: 'button secondary', text: s.isDirectory ? 'Reveal folder' : 'Reveal file' });
  reveal.addEventListener('click', actions.reveal);
  root.append(
    el(
      'div',
      { class: 'title-row' },
      el('h1', { text: s.name, title: s.path }),
      ...badges.map((b) => el('span', { class: 'badge', text: b })),
    ),
    runEl,
    el(
      'dl',
      { class: 'facts' },
      ...facts(s).map(([id, k, v]) =>
        el('div', { class: 'fact' }, el('dt', { text: k }), el('dd', { class: `fact-${id}`, text: v })),
      ),
    ),
    el('div', { class: 'actions' }, isUnreadable(s) ? undefined : copy, reveal),
    snippetEl,
  );
  const errors = errorPanel(s);
  if (errors) {
    root.append(errors);
  }
  return { runEl, snippetEl };
}

export function renderSnippet(root: HTMLElement, snippet: string): void {
  clear(root);
  root.append(
    el('div', { class: 'muted', text: 'Copied to the clipboard:', attrs: { role: 'status' } }),
    el('pre', { class: 'snippet-code', text: snippet }),
  );
}
