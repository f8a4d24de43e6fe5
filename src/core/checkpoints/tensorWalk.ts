// Finds every tensor in a decoded pickle and names it by its dotted path, the way torch names state dict keys:
// nn.Module objects contribute their `_parameters` / `_buffers` / `_modules` entries without those words.
import { isNode, stringEntries } from './pickleTypes';
import type { PickleTensor, PickleValue } from './pickleTypes';

/** Past this depth a branch is skipped (a pickle bomb can nest far deeper than any real checkpoint). */
export const MAX_WALK_DEPTH = 256;

export interface NamedTensor {
  name: string;
  tensor: PickleTensor;
}

export interface TensorWalk {
  tensors: NamedTensor[];
  /** True when some branch was deeper than MAX_WALK_DEPTH. */
  tooDeep: boolean;
}

const MODULE_SLOTS = ['_parameters', '_buffers', '_modules'];

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

function keyName(k: PickleValue, i: number): string {
  if (typeof k === 'string') {
    return k;
  }
  if (typeof k === 'number' || typeof k === 'bigint' || typeof k === 'boolean') {
    return String(k);
  }
  return `[${i}]`;
}

type Child = [string, PickleValue];

/** An object's own children: module slots flattened, other state attributes by name, args by index. */
function objectChildren(v: Extract<PickleValue, { kind: 'object' }>, prefix: string): Child[] {
  const out: Child[] = [];
  const state = v.state;
  const stateDict = state !== undefined && isNode(state, 'dict') ? state : undefined;
  if (stateDict) {
    const attrs = stringEntries(stateDict);
    const isModule = attrs.some(([k]) => k === '_modules' || k === '_parameters');
    for (const [k, val] of attrs) {
      if (isModule && MODULE_SLOTS.includes(k) && isNode(val, 'dict')) {
        val.entries.forEach(([kk, vv], i) => out.push([join(prefix, keyName(kk, i)), vv]));
      } else {
        out.push([join(prefix, k), val]);
      }
    }
  } else if (state !== undefined) {
    out.push([join(prefix, 'state'), state]);
  }
  v.args.forEach((a, i) => out.push([join(prefix, `args.${i}`), a]));
  v.dictItems?.forEach(([k, val], i) => out.push([join(prefix, keyName(k, i)), val]));
  v.listItems?.forEach((val, i) => out.push([join(prefix, String(i)), val]));
  return out;
}

function children(v: PickleValue, prefix: string): Child[] {
  if (v === null || typeof v !== 'object') {
    return [];
  }
  switch (v.kind) {
    case 'dict':
      return v.entries.map(([k, val], i) => [join(prefix, keyName(k, i)), val]);
    case 'list':
    case 'tuple':
    case 'set':
      return v.items.map((val, i) => [join(prefix, String(i)), val]);
    case 'object':
      return objectChildren(v, prefix);
    default:
      return [];
  }
}

/** Depth-first, in file order; each node is visited once, so shared or cyclic references cost nothing extra. */
export function walkTensors(root: PickleValue): TensorWalk {
  const tensors: NamedTensor[] = [];
  const seen = new Set<object>();
  let tooDeep = false;
  const stack: Array<{ name: string; value: PickleValue; depth: number }> = [{ name: '', value: root, depth: 0 }];
  while (stack.length > 0) {
    const { name, value, depth } = stack.pop() as { name: string; value: PickleValue; depth: number };
    if (value === null || typeof value !== 'object' || seen.has(value)) {
      continue;
    }
    seen.add(value);
    if (isNode(value, 'tensor')) {
      tensors.push({ name, tensor: value });
      continue;
    }
    if (depth >= MAX_WALK_DEPTH) {
      tooDeep = true;
      continue;
    }
    const kids = children(value, name);
    for (let i = kids.length - 1; i >= 0; i--) {
      stack.push({ name: kids[i][0], value: kids[i][1], depth: depth + 1 });
    }
  }
  return { tensors, tooDeep };
}
