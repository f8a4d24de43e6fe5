// State and primitive operations of the inert pickle VM: input cursor, stack, MARK metastack, memo, containers.
// Every length is checked against the bytes left and every structure is bounded. Opcode dispatch is in pickle.ts.
import { CheckpointError } from './errors';
import { isNode } from './pickleTypes';
import type { PickleDict, PickleGlobal, PickleValue } from './pickleTypes';
import { decodeLatin1, decodeUtf8 } from './text';

export interface UnpickleLimits {
  /** Opcodes executed (each also consumes ≥ 1 byte, so the pickle size bounds this too). */
  maxOps: number;
  /** MARK nesting. */
  maxMarks: number;
  /** Memo entries held. */
  maxMemo: number;
  /** Items held by all containers together. */
  maxItems: number;
}

type Simple = string | number | boolean | null | bigint;
function isSimple(v: PickleValue): v is Simple {
  return v === null || typeof v !== 'object';
}

export class PickleMachine {
  protected pos: number;
  protected stack: PickleValue[] = [];
  protected readonly metastack: PickleValue[][] = [];
  protected readonly memo = new Map<number, PickleValue>();
  protected readonly dictIndex = new WeakMap<PickleDict, Map<Simple, number>>();
  protected readonly globals = new Set<string>();
  protected readonly globalNodes = new Map<string, PickleGlobal>();
  protected items = 0;
  protected readonly view: DataView;

  constructor(
    protected readonly data: Uint8Array,
    start: number,
    protected readonly limits: UnpickleLimits,
  ) {
    this.pos = start;
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  protected need(n: number, what: string): number {
    if (n < 0 || this.pos + n > this.data.length) {
      throw new CheckpointError(
        'pickle-truncated',
        `${what} needs ${n} bytes at ${this.pos}, only ${this.data.length - this.pos} left`,
      );
    }
    const p = this.pos;
    this.pos += n;
    return p;
  }
  protected u8(): number {
    return this.data[this.need(1, 'opcode argument')];
  }
  protected u16(): number {
    return this.view.getUint16(this.need(2, 'uint16'), true);
  }
  protected u32(): number {
    return this.view.getUint32(this.need(4, 'uint32'), true);
  }
  protected u64(what: string): number {
    const p = this.need(8, what);
    const v = this.view.getUint32(p, true) + this.view.getUint32(p + 4, true) * 2 ** 32;
    if (v > this.data.length) {
      throw new CheckpointError('pickle-truncated', `${what} length ${v} is beyond the pickle`);
    }
    return v;
  }
  protected bytes(n: number, what: string): Uint8Array {
    const p = this.need(n, what);
    return this.data.subarray(p, p + n);
  }
  protected utf8(n: number, what: string): string {
    const p = this.need(n, what);
    return decodeUtf8(this.data, p, p + n);
  }
  protected latin1(n: number, what: string): string {
    const p = this.need(n, what);
    return decodeLatin1(this.data, p, p + n);
  }
  protected line(): string {
    const end = this.data.indexOf(0x0a, this.pos);
    if (end < 0) {
      throw new CheckpointError('pickle-truncated', `text argument at ${this.pos} has no newline`);
    }
    const s = decodeLatin1(this.data, this.pos, end);
    this.pos = end + 1;
    return s;
  }

  protected push(v: PickleValue): void {
    this.stack.push(v);
  }
  protected pop(): PickleValue {
    if (this.stack.length === 0) {
      throw new CheckpointError('pickle-stack-underflow', `stack empty at ${this.pos - 1}`);
    }
    return this.stack.pop() as PickleValue;
  }
  protected top(): PickleValue {
    if (this.stack.length === 0) {
      throw new CheckpointError('pickle-stack-underflow', `stack empty at ${this.pos - 1}`);
    }
    return this.stack[this.stack.length - 1];
  }
  protected mark(): void {
    if (this.metastack.length >= this.limits.maxMarks) {
      throw new CheckpointError('pickle-too-deep', `more than ${this.limits.maxMarks} nested MARKs`);
    }
    this.metastack.push(this.stack);
    this.stack = [];
  }
  protected popMark(): PickleValue[] {
    const frame = this.stack;
    const prev = this.metastack.pop();
    if (!prev) {
      throw new CheckpointError('pickle-mark-missing', `no MARK to pop at ${this.pos - 1}`);
    }
    this.stack = prev;
    return frame;
  }
  protected count(n: number): void {
    this.items += n;
    if (this.items > this.limits.maxItems) {
      throw new CheckpointError('pickle-too-large', `more than ${this.limits.maxItems} container items`);
    }
  }
  protected put(index: number): void {
    if (index > this.data.length + 1024) {
      throw new CheckpointError(
        'pickle-memo-index',
        `memo index ${index} is implausible for a ${this.data.length}-byte pickle`,
      );
    }
    if (!this.memo.has(index) && this.memo.size >= this.limits.maxMemo) {
      throw new CheckpointError('pickle-too-large', `more than ${this.limits.maxMemo} memo entries`);
    }
    this.memo.set(index, this.top());
  }
  protected get(index: number): void {
    const v = this.memo.get(index);
    if (v === undefined) {
      throw new CheckpointError('pickle-memo-missing', `memo index ${index} was never stored`);
    }
    this.push(v);
  }
  protected global(module: string, name: string): void {
    // One node per distinct global: torch pickles name the same few classes thousands of times.
    const key = `${module}.${name}`;
    let g = this.globalNodes.get(key);
    if (!g) {
      g = { kind: 'global', module, name };
      this.globalNodes.set(key, g);
      this.globals.add(key);
    }
    this.push(g);
  }

  protected setItems(target: PickleValue, kv: PickleValue[]): void {
    if (kv.length % 2 !== 0) {
      throw new CheckpointError('pickle-bad-value', 'SETITEMS with an odd number of items');
    }
    this.count(kv.length / 2);
    if (isNode(target, 'dict')) {
      let index = this.dictIndex.get(target);
      if (!index) {
        this.dictIndex.set(target, (index = new Map()));
      }
      for (let i = 0; i < kv.length; i += 2) {
        const k = kv[i];
        const at = isSimple(k) ? index.get(k) : undefined;
        if (at !== undefined) {
          target.entries[at][1] = kv[i + 1];
        } else {
          if (isSimple(k)) {
            index.set(k, target.entries.length);
          }
          target.entries.push([k, kv[i + 1]]);
        }
      }
    } else if (isNode(target, 'object')) {
      const out = (target.dictItems ??= []);
      for (let i = 0; i < kv.length; i += 2) {
        out.push([kv[i], kv[i + 1]]);
      }
    } else {
      throw new CheckpointError('pickle-bad-value', 'SETITEM(S) on something that is not a dict');
    }
  }
  protected append(target: PickleValue, xs: PickleValue[]): void {
    this.count(xs.length);
    if (isNode(target, 'list')) {
      for (const x of xs) {
        target.items.push(x);
      }
    } else if (isNode(target, 'object')) {
      for (const x of xs) {
        (target.listItems ??= []).push(x);
      }
    } else {
      throw new CheckpointError('pickle-bad-value', 'APPEND(S) on something that is not a list');
    }
  }
  protected build(): void {
    const state = this.pop();
    const target = this.top();
    if (isNode(target, 'object') || isNode(target, 'dict')) {
      target.state = state;
    }
  }
  protected tuple(xs: PickleValue[]): PickleValue {
    this.count(xs.length);
    return { kind: 'tuple', items: xs };
  }
}
