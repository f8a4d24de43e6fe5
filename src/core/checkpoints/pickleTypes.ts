// The inert skeleton a pickle decodes to: plain data plus tagged nodes for everything Python would have built.
// Nothing here is ever imported or called.

export type PickleValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | PickleBytes
  | PickleList
  | PickleTuple
  | PickleDict
  | PickleSet
  | PickleGlobal
  | PickleObject
  | PickleStorage
  | PickleTensor;

export interface PickleBytes {
  kind: 'bytes';
  /** A view into the pickle buffer (never copied). */
  data: Uint8Array;
}
export interface PickleList {
  kind: 'list';
  items: PickleValue[];
}
export interface PickleTuple {
  kind: 'tuple';
  items: PickleValue[];
}
export interface PickleDict {
  kind: 'dict';
  /** Insertion order kept; a repeated simple key replaces its value as in Python. */
  entries: Array<[PickleValue, PickleValue]>;
  /** Set when the dict came from a class such as `collections.OrderedDict`. */
  class?: string;
  /** BUILD state applied to a dict subclass (e.g. a state dict's `_metadata`). */
  state?: PickleValue;
}
export interface PickleSet {
  kind: 'set';
  items: PickleValue[];
  frozen: boolean;
}
export interface PickleGlobal {
  kind: 'global';
  module: string;
  name: string;
}
export interface PickleObject {
  kind: 'object';
  /** `module.name` of the class or callable. */
  class: string;
  args: PickleValue[];
  kwargs?: PickleValue;
  state?: PickleValue;
  /** Items appended / set on the object (list or dict subclasses). */
  listItems?: PickleValue[];
  dictItems?: Array<[PickleValue, PickleValue]>;
  /** A persistent id the unpickler could not resolve (not a torch storage). */
  persistentId?: PickleValue;
}
export interface PickleStorage {
  kind: 'storage';
  dtype: string;
  key: string;
  location: string;
  /** Elements in the storage (legacy: from the persistent id). */
  numel: number;
}
export interface PickleTensor {
  kind: 'tensor';
  dtype: string;
  shape: number[];
  stride: number[];
  storageKey: string;
  storageOffset: number;
  numel: number;
  /** True when built through `_rebuild_parameter` (an nn.Parameter). */
  parameter: boolean;
}

export function isNode<K extends string>(v: PickleValue, kind: K): v is Extract<PickleValue, { kind: K }> {
  return typeof v === 'object' && v !== null && 'kind' in v && v.kind === kind;
}

/** Walks dict entries with a string key. */
export function stringEntries(d: PickleDict): Array<[string, PickleValue]> {
  const out: Array<[string, PickleValue]> = [];
  for (const [k, v] of d.entries) {
    if (typeof k === 'string') {
      out.push([k, v]);
    }
  }
  return out;
}

export function dictGet(d: PickleDict, key: string): PickleValue | undefined {
  for (const [k, v] of d.entries) {
    if (k === key) {
      return v;
    }
  }
  return undefined;
}
