// Turns the calls a pickle *would* make into inert nodes: torch tensor rebuilds become tensor descriptions,
// dict/set factories become containers, everything else an opaque object. Nothing is ever called.
import { numelOf, storageDtype } from './dtypes';
import { isNode } from './pickleTypes';
import type { PickleGlobal, PickleObject, PickleStorage, PickleTensor, PickleValue } from './pickleTypes';

const TENSOR_REBUILDS = new Set([
  'torch._utils._rebuild_tensor',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_tensor_v3',
]);
const PARAMETER_REBUILDS = new Set(['torch._utils._rebuild_parameter', 'torch._utils._rebuild_parameter_with_state']);
const DICT_CLASSES = new Set([
  'collections.OrderedDict',
  'builtins.dict',
  '__builtin__.dict',
  'collections.defaultdict',
  'torch.nn.modules.container.ParameterDict',
]);
const SET_CLASSES = new Set(['builtins.set', '__builtin__.set', 'builtins.frozenset', '__builtin__.frozenset']);

const names = new WeakMap<PickleGlobal, string>();

export function className(g: PickleGlobal): string {
  let n = names.get(g);
  if (n === undefined) {
    names.set(g, (n = `${g.module}.${g.name}`));
  }
  return n;
}

function items(v: PickleValue | undefined): PickleValue[] | undefined {
  if (v === undefined) {
    return undefined;
  }
  if (isNode(v, 'tuple') || isNode(v, 'list')) {
    return v.items;
  }
  return undefined;
}

function intList(v: PickleValue | undefined): number[] | undefined {
  const xs = items(v);
  if (!xs) {
    return undefined;
  }
  const out: number[] = [];
  for (const x of xs) {
    if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) {
      return undefined;
    }
    out.push(x);
  }
  return out;
}

/** `(storage, storage_offset, size, stride, …)` → tensor node, or undefined when the args do not fit. */
function rebuildTensor(fn: string, args: PickleValue[]): PickleTensor | undefined {
  const [storage, offset] = args;
  const shape = intList(args[2]);
  const stride = intList(args[3]) ?? [];
  if (!storage || !isNode(storage, 'storage') || typeof offset !== 'number' || !shape) {
    return undefined;
  }
  let dtype = storage.dtype;
  // v3 carries the dtype explicitly (args[6] is e.g. the global `torch.float32`).
  const dt = args[6];
  if (fn.endsWith('_v3') && dt && isNode(dt, 'global') && dt.module === 'torch') {
    dtype = dt.name;
  }
  return {
    kind: 'tensor',
    dtype,
    shape,
    stride,
    storageKey: storage.key,
    storageOffset: offset,
    numel: numelOf(shape),
    parameter: false,
  };
}

/** What `callable(*args)` stands for. `args` is the REDUCE / NEWOBJ argument tuple. */
export function reduceCall(callable: PickleValue, args: PickleValue, kwargs?: PickleValue, depth = 0): PickleValue {
  const argv = items(args) ?? [];
  if (!isNode(callable, 'global')) {
    return { kind: 'object', class: '<dynamic>', args: argv };
  }
  const fn = className(callable);
  if (TENSOR_REBUILDS.has(fn)) {
    const t = rebuildTensor(fn, argv);
    if (t) {
      return t;
    }
  } else if (PARAMETER_REBUILDS.has(fn)) {
    const t = argv[0];
    if (t !== undefined && isNode(t, 'tensor')) {
      return { ...t, parameter: true };
    }
  } else if (fn === 'torch._tensor._rebuild_from_type_v2' || fn === 'torch._tensor._rebuild_from_type') {
    const inner = argv[0];
    // Real files nest this once; the depth cap keeps a crafted chain from recursing without end.
    if (inner !== undefined && argv[2] !== undefined && depth < 4) {
      const built = reduceCall(inner, argv[2], undefined, depth + 1);
      if (isNode(built, 'tensor')) {
        return built;
      }
    }
  } else if (DICT_CLASSES.has(fn)) {
    const entries: Array<[PickleValue, PickleValue]> = [];
    for (const pair of items(argv[fn === 'collections.defaultdict' ? 1 : 0]) ?? []) {
      const kv = items(pair);
      if (kv && kv.length === 2) {
        entries.push([kv[0], kv[1]]);
      }
    }
    return { kind: 'dict', entries, class: fn };
  } else if (SET_CLASSES.has(fn)) {
    return { kind: 'set', items: [...(items(argv[0]) ?? [])], frozen: fn.endsWith('frozenset') };
  } else if ((fn === 'copy_reg._reconstructor' || fn === 'copyreg._reconstructor') && isNode(argv[0], 'global')) {
    // Protocols 0/1 build objects as _reconstructor(cls, object, None); BUILD then sets the state.
    return { kind: 'object', class: className(argv[0]), args: [] };
  } else if (fn === 'copyreg.__newobj__' && argv[0] !== undefined && isNode(argv[0], 'global')) {
    return { kind: 'object', class: className(argv[0]), args: argv.slice(1) };
  } else if (fn === '_codecs.encode' && typeof argv[0] === 'string') {
    // Protocol 2 pickles bytes as _codecs.encode(text, 'latin1').
    const s = argv[0];
    const data = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) {
      data[i] = s.charCodeAt(i) & 0xff;
    }
    return { kind: 'bytes', data };
  }
  const obj: PickleObject = { kind: 'object', class: fn, args: argv };
  if (kwargs !== undefined) {
    obj.kwargs = kwargs;
  }
  return obj;
}

/** Protocol 0 writes the persistent id as the `str()` of the tuple: `('storage', <class 'torch.FloatStorage'>, '0', 'cpu', 216)`. */
const TEXT_STORAGE_PID = /^\('storage', <class '([\w.]+)'>, '([^']*)', '([^']*)', (\d+)/;
const TEXT_MODULE_PID = /^\('module', <class '([\w.]+)\.(\w+)'>/;

/**
 * torch's persistent ids: `('storage', storage_type, key, location, numel[, view_metadata])`; the legacy format
 * also pickles module classes as `('module', type, source_file, source)`, which stands for the class itself.
 */
export function persistentLoad(pid: PickleValue): PickleValue {
  if (typeof pid === 'string') {
    const m = TEXT_STORAGE_PID.exec(pid);
    if (m) {
      return { kind: 'storage', dtype: storageDtype(m[1]), key: m[2], location: m[3], numel: Number(m[4]) };
    }
    const c = TEXT_MODULE_PID.exec(pid);
    if (c) {
      return { kind: 'global', module: c[1], name: c[2] };
    }
  }
  const xs = items(pid);
  if (xs && xs[0] === 'module' && xs.length >= 2 && isNode(xs[1], 'global')) {
    return xs[1];
  }
  if (xs && xs[0] === 'storage' && xs.length >= 5) {
    const [, type, key, location, numel] = xs;
    if (isNode(type, 'global') && (typeof key === 'string' || typeof key === 'number')) {
      const storage: PickleStorage = {
        kind: 'storage',
        dtype: storageDtype(type.name),
        key: String(key),
        location: typeof location === 'string' ? location : '',
        numel: typeof numel === 'number' ? numel : 0,
      };
      return storage;
    }
  }
  return { kind: 'object', class: '<persistent>', args: [], persistentId: pid };
}
