// The checkpoint's top-level keys as an expandable tree (details/summary, so it is keyboard usable as is).
// Children are built when a node first opens; values are text nodes only.
import type { CheckpointJson } from '../../shared/checkpointProtocol';
import { el } from '../dom';

export interface KeyTreeOptions {
  isExpanded(path: string): boolean;
  setExpanded(path: string, open: boolean): void;
}

function preview(value: CheckpointJson): string {
  if (Array.isArray(value)) {
    return `[${value.length} item${value.length === 1 ? '' : 's'}]`;
  }
  if (value !== null && typeof value === 'object') {
    const n = Object.keys(value).length;
    return `{${n} key${n === 1 ? '' : 's'}}`;
  }
  return leafText(value);
}

/** The core writes non-JSON values (tensors, modules, objects) as `<…>` strings. */
function isMarker(value: string): boolean {
  return /^<[^<>]+>$/.test(value);
}

function leafText(value: CheckpointJson): string {
  if (typeof value === 'string') {
    return isMarker(value) ? value : JSON.stringify(value);
  }
  return String(value);
}

function leafKind(value: CheckpointJson): string {
  if (value === null) {
    return 'null';
  }
  if (typeof value === 'string') {
    return isMarker(value) ? 'object' : 'string';
  }
  return typeof value;
}

function entries(value: CheckpointJson): [string, CheckpointJson][] {
  if (Array.isArray(value)) {
    return value.map((v, i) => [String(i), v]);
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value);
  }
  return [];
}

function node(key: string, value: CheckpointJson, path: string, options: KeyTreeOptions): HTMLElement {
  const isBranch = value !== null && typeof value === 'object' && entries(value).length > 0;
  if (!isBranch) {
    return el(
      'div',
      { class: 'tree-leaf' },
      el('span', { class: 'tree-key', text: key }),
      el('span', { class: `tree-value value-${leafKind(value)}`, text: preview(value) }),
    );
  }
  const summary = el(
    'summary',
    {},
    el('span', { class: 'tree-key', text: key }),
    el('span', { class: 'tree-preview', text: preview(value) }),
  );
  const details = el('details', { class: 'tree-branch' }, summary);
  let built = false;
  const build = (): void => {
    if (built) {
      return;
    }
    built = true;
    const children = el('div', { class: 'tree-children' });
    for (const [k, v] of entries(value)) {
      children.append(node(k, v, `${path}.${k}`, options));
    }
    details.append(children);
  };
  details.addEventListener('toggle', () => {
    if (details.open) {
      build();
    }
    options.setExpanded(path, details.open);
  });
  if (options.isExpanded(path)) {
    build();
    details.open = true;
  }
  return details;
}

export function renderKeyTree(root: HTMLElement, tree: CheckpointJson, options: KeyTreeOptions): void {
  const top = entries(tree);
  if (top.length === 0) {
    root.append(el('div', { class: 'tree-leaf' }, el('span', { class: 'tree-value', text: preview(tree) })));
    return;
  }
  for (const [k, v] of top) {
    root.append(node(k, v, k, options));
  }
}
