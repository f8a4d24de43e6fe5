// A JSON-serializable, truncated view of the non-tensor content of a checkpoint (epoch, train_args,
// hyper_parameters, optimizer param_groups, …). Tensors and modules collapse to short strings.
import { isNode, stringEntries } from './pickleTypes';
import type { PickleValue } from './pickleTypes';
import type { JsonValue } from './types';

export interface TreeLimits {
  maxDepth: number;
  maxEntries: number;
  maxString: number;
  /** Total nodes emitted; a billion-laughs pickle stops here. */
  maxNodes: number;
}

export const DEFAULT_TREE_LIMITS: TreeLimits = { maxDepth: 8, maxEntries: 64, maxString: 400, maxNodes: 5000 };

const MORE = '…';

export function summaryTree(root: PickleValue, limits: TreeLimits = DEFAULT_TREE_LIMITS): JsonValue {
  let nodes = 0;
  const path = new Set<object>();

  function str(s: string): string {
    return s.length > limits.maxString ? `${s.slice(0, limits.maxString)}${MORE} (${s.length} chars)` : s;
  }

  function num(n: number): JsonValue {
    return Number.isFinite(n) ? n : Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
  }

  function simpleText(v: PickleValue): string {
    if (typeof v === 'string') {
      return JSON.stringify(v);
    }
    if (v === null || typeof v !== 'object') {
      return String(v);
    }
    return `<${v.kind}>`;
  }

  function isModuleState(v: PickleValue | undefined): boolean {
    return v !== undefined && isNode(v, 'dict') && stringEntries(v).some(([k]) => k === '_modules');
  }

  function items(xs: PickleValue[], depth: number): JsonValue {
    const out: JsonValue[] = [];
    for (let i = 0; i < xs.length; i++) {
      if (i >= limits.maxEntries || nodes >= limits.maxNodes) {
        out.push(`${MORE} ${xs.length - i} more`);
        break;
      }
      out.push(go(xs[i], depth + 1));
    }
    return out;
  }

  function entries(
    es: Array<[PickleValue, PickleValue]>,
    depth: number,
    into: Record<string, JsonValue> = {},
  ): JsonValue {
    const tensorsOnly = es.length > 0 && es.every(([, v]) => isNode(v, 'tensor'));
    if (tensorsOnly) {
      return `<${es.length} tensors>`;
    }
    for (let i = 0; i < es.length; i++) {
      if (i >= limits.maxEntries || nodes >= limits.maxNodes) {
        into[MORE] = `${es.length - i} more`;
        break;
      }
      const [k, v] = es[i];
      into[str(typeof k === 'string' ? k : simpleText(k))] = go(v, depth + 1);
    }
    return into;
  }

  function go(v: PickleValue, depth: number): JsonValue {
    nodes++;
    if (v === null || typeof v === 'boolean') {
      return v;
    }
    if (typeof v === 'number') {
      return num(v);
    }
    if (typeof v === 'bigint') {
      return v.toString();
    }
    if (typeof v === 'string') {
      return str(v);
    }
    switch (v.kind) {
      case 'tensor':
        return `<tensor ${v.dtype}[${v.shape.join(', ')}]>`;
      case 'storage':
        return `<storage ${v.dtype} ${v.numel}>`;
      case 'global':
        return `<${v.module}.${v.name}>`;
      case 'bytes':
        return `<${v.data.length} bytes>`;
    }
    if (path.has(v)) {
      return '<cycle>';
    }
    if (depth >= limits.maxDepth || nodes >= limits.maxNodes) {
      return `<${v.kind === 'object' ? v.class : v.kind} ${MORE}>`;
    }
    path.add(v);
    try {
      switch (v.kind) {
        case 'list':
        case 'tuple':
        case 'set':
          return items(v.items, depth);
        case 'dict':
          return entries(v.entries, depth);
        case 'object': {
          if (isModuleState(v.state)) {
            return `<module ${v.class}>`;
          }
          const simpleArgs = v.args.every((a) => a === null || typeof a !== 'object');
          if (v.state === undefined && !v.dictItems && !v.listItems && simpleArgs && v.args.length <= 4) {
            return `<${v.class}(${v.args.map(simpleText).join(', ')})>`;
          }
          const out: Record<string, JsonValue> = { __class__: v.class };
          if (v.args.length > 0 && !simpleArgs) {
            out.__args__ = items(v.args, depth);
          } else if (v.args.length > 0) {
            out.__args__ = v.args.map((a) => go(a, depth + 1));
          }
          if (v.state !== undefined) {
            if (isNode(v.state, 'dict')) {
              entries(v.state.entries, depth, out);
            } else {
              out.__state__ = go(v.state, depth + 1);
            }
          }
          if (v.dictItems) {
            out.__items__ = entries(v.dictItems, depth);
          }
          if (v.listItems) {
            out.__list__ = items(v.listItems, depth);
          }
          return out;
        }
      }
    } finally {
      path.delete(v);
    }
  }

  return go(root, 0);
}
