// Pure logic of the tensor table: filter, sort (as an index permutation, so 100k rows sort fast), cell text.
import { sizeText } from '../../shared/format';
import type { TensorDto, TensorSortKey } from '../../shared/checkpointProtocol';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function shapeText(shape: number[]): string {
  return `[${shape.join(', ')}]`;
}

export function countText(n: number): string {
  return n.toLocaleString('en-US');
}

/** 3157200 → "3.16 M": the short size of a parameter count. */
export function shortCount(n: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [scale, unit] of units) {
    if (n >= scale) {
      return `${Number((n / scale).toPrecision(3))} ${unit}`;
    }
  }
  return String(n);
}

export function tensorCells(t: TensorDto): [string, string, string, string, string] {
  return [t.name, t.dtype, shapeText(t.shape), countText(t.numel), sizeText(t.sizeBytes) ?? ''];
}

function compareShapes(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return a[i] - b[i];
    }
  }
  return a.length - b.length;
}

function comparator(tensors: TensorDto[], key: TensorSortKey): (a: number, b: number) => number {
  switch (key) {
    case 'order':
      return () => 0;
    case 'name':
      return (a, b) => collator.compare(tensors[a].name, tensors[b].name);
    case 'dtype':
      return (a, b) => collator.compare(tensors[a].dtype, tensors[b].dtype);
    case 'shape':
      return (a, b) => compareShapes(tensors[a].shape, tensors[b].shape);
    case 'numel':
      return (a, b) => tensors[a].numel - tensors[b].numel;
    case 'sizeBytes':
      return (a, b) => tensors[a].sizeBytes - tensors[b].sizeBytes;
    default: {
      const unknown: never = key;
      throw new Error(`unknown sort key ${String(unknown)}`);
    }
  }
}

/** Matches a tensor against the filter: text (name, dtype or shape contains it) or `/regex/` on the name. */
export function tensorFilter(filter: string): (t: TensorDto) => boolean {
  const f = filter.trim();
  if (!f) {
    return () => true;
  }
  const re = /^\/(.+)\/([i]?)$/.exec(f);
  if (re) {
    try {
      const regex = new RegExp(re[1], re[2] || 'i');
      return (t) => regex.test(t.name);
    } catch {
      // Not a valid regex (yet, while typing): match it as text.
    }
  }
  const lower = f.toLowerCase();
  return (t) => t.name.toLowerCase().includes(lower) || t.dtype === lower || shapeText(t.shape).includes(lower);
}

/** Indices of the tensors to show, filtered and sorted. */
export function visibleRows(tensors: TensorDto[], filter: string, key: TensorSortKey, descending: boolean): number[] {
  const match = tensorFilter(filter);
  const rows: number[] = [];
  for (let i = 0; i < tensors.length; i++) {
    if (match(tensors[i])) {
      rows.push(i);
    }
  }
  const compare = comparator(tensors, key);
  // Ties keep the order in the file, in both directions.
  rows.sort(descending ? (a, b) => compare(b, a) || a - b : (a, b) => compare(a, b) || a - b);
  return rows;
}
