// Renders the config diff: keys as rows, runs as columns; only differing keys unless "show all".
import type { CompareRunDto } from '../../shared/compareProtocol';
import { clear, el } from '../dom';
import { diffConfigs } from './configDiff';

export function renderConfigDiff(
  root: HTMLElement,
  runs: CompareRunDto[],
  configs: Record<string, [string, string][]>,
  ignore: string[],
  showAll: boolean,
  setShowAll: (showAll: boolean) => void,
): void {
  clear(root);
  const toggle = el('input', { attrs: { type: 'checkbox', id: 'show-all-config' } });
  toggle.checked = showAll;
  toggle.addEventListener('change', () => setShowAll(toggle.checked));
  root.append(
    el(
      'div',
      { class: 'config-options' },
      el('label', {}, toggle, ' Show all keys'),
      el('span', { class: 'muted', text: ` Ignored: ${ignore.join(', ')} (setting runboard.compare.ignoreKeys)` }),
    ),
  );
  const rows = diffConfigs(
    runs.map((r) => configs[r.id] ?? []),
    ignore,
    showAll,
  );
  if (rows.length === 0) {
    root.append(el('p', { class: 'muted', text: 'No config key differs between these runs.' }));
    return;
  }
  const head = el('tr', {}, el('th', { text: 'Key' }), ...runs.map((r) => el('th', { text: r.label, title: r.dir })));
  const body = el('tbody');
  for (const row of rows) {
    body.append(
      el(
        'tr',
        { class: row.differs ? 'differs' : '' },
        el('th', { text: row.key, attrs: { scope: 'row' } }),
        ...row.values.map((v) => el('td', { text: v ?? '—', class: v === undefined ? 'muted' : '' })),
      ),
    );
  }
  root.append(
    el(
      'div',
      { class: 'table-scroll' },
      el(
        'table',
        { class: 'data-table config-diff', attrs: { 'aria-label': 'Config differences' } },
        el('thead', {}, head),
        body,
      ),
    ),
  );
}
