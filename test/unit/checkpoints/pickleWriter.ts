// A tiny pickle emitter for tests: one method per opcode, plus helpers for torch tensors and plain JS values.

const enc = new TextEncoder();

export class PickleWriter {
  private readonly out: number[] = [];

  raw(...bytes: number[]): this {
    for (const b of bytes) {
      this.out.push(b & 0xff);
    }
    return this;
  }
  private u16(n: number): this {
    return this.raw(n, n >> 8);
  }
  private u32(n: number): this {
    return this.raw(n, n >>> 8, n >>> 16, n >>> 24);
  }
  private u64(n: number): this {
    return this.u32(n % 2 ** 32).u32(Math.floor(n / 2 ** 32));
  }
  private bytesOf(b: Uint8Array): this {
    for (const x of b) {
      this.out.push(x);
    }
    return this;
  }
  private line(s: string): this {
    return this.bytesOf(enc.encode(`${s}\n`));
  }

  proto(n: number): this {
    return this.raw(0x80, n);
  }
  frame(n: number): this {
    return this.raw(0x95).u64(n);
  }
  stop(): this {
    return this.raw(0x2e);
  }
  mark(): this {
    return this.raw(0x28);
  }
  emptyDict(): this {
    return this.raw(0x7d);
  }
  emptyList(): this {
    return this.raw(0x5d);
  }
  emptyTuple(): this {
    return this.raw(0x29);
  }
  emptySet(): this {
    return this.raw(0x8f);
  }
  dict(): this {
    return this.raw(0x64);
  }
  list(): this {
    return this.raw(0x6c);
  }
  tuple(): this {
    return this.raw(0x74);
  }
  tuple1(): this {
    return this.raw(0x85);
  }
  tuple2(): this {
    return this.raw(0x86);
  }
  tuple3(): this {
    return this.raw(0x87);
  }
  frozenset(): this {
    return this.raw(0x91);
  }
  additems(): this {
    return this.raw(0x90);
  }
  setitem(): this {
    return this.raw(0x73);
  }
  setitems(): this {
    return this.raw(0x75);
  }
  append(): this {
    return this.raw(0x61);
  }
  appends(): this {
    return this.raw(0x65);
  }
  pop(): this {
    return this.raw(0x30);
  }
  popMark(): this {
    return this.raw(0x31);
  }
  dup(): this {
    return this.raw(0x32);
  }
  none(): this {
    return this.raw(0x4e);
  }
  newtrue(): this {
    return this.raw(0x88);
  }
  newfalse(): this {
    return this.raw(0x89);
  }
  binint1(n: number): this {
    return this.raw(0x4b, n);
  }
  binint2(n: number): this {
    return this.raw(0x4d).u16(n);
  }
  binint(n: number): this {
    return this.raw(0x4a).u32(n >>> 0);
  }
  long1(bytes: number[]): this {
    return this.raw(0x8a, bytes.length, ...bytes);
  }
  long4(bytes: number[]): this {
    this.raw(0x8b).u32(bytes.length);
    for (const b of bytes) {
      this.out.push(b);
    }
    return this;
  }
  binfloat(x: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, x, false);
    return this.raw(0x47).bytesOf(b);
  }
  shortBinUnicode(s: string): this {
    const b = enc.encode(s);
    return this.raw(0x8c, b.length).bytesOf(b);
  }
  binUnicode(s: string): this {
    const b = enc.encode(s);
    return this.raw(0x58).u32(b.length).bytesOf(b);
  }
  binUnicode8(s: string): this {
    const b = enc.encode(s);
    return this.raw(0x8d).u64(b.length).bytesOf(b);
  }
  shortBinString(s: string): this {
    return this.raw(0x55, s.length).bytesOf(enc.encode(s));
  }
  binString(s: string): this {
    return this.raw(0x54).u32(s.length).bytesOf(enc.encode(s));
  }
  shortBinBytes(b: number[]): this {
    return this.raw(0x43, b.length, ...b);
  }
  binBytes(b: number[]): this {
    return this.raw(0x42)
      .u32(b.length)
      .raw(...b);
  }
  binBytes8(b: number[]): this {
    return this.raw(0x8e)
      .u64(b.length)
      .raw(...b);
  }
  bytearray8(b: number[]): this {
    return this.raw(0x96)
      .u64(b.length)
      .raw(...b);
  }
  nextBuffer(): this {
    return this.raw(0x97);
  }
  readonlyBuffer(): this {
    return this.raw(0x98);
  }
  binput(i: number): this {
    return this.raw(0x71, i);
  }
  longBinput(i: number): this {
    return this.raw(0x72).u32(i);
  }
  memoize(): this {
    return this.raw(0x94);
  }
  binget(i: number): this {
    return this.raw(0x68, i);
  }
  longBinget(i: number): this {
    return this.raw(0x6a).u32(i);
  }
  global(module: string, name: string): this {
    return this.raw(0x63).line(module).line(name);
  }
  stackGlobal(module: string, name: string): this {
    return this.shortBinUnicode(module).shortBinUnicode(name).raw(0x93);
  }
  ext1(code: number): this {
    return this.raw(0x82, code);
  }
  ext2(code: number): this {
    return this.raw(0x83).u16(code);
  }
  ext4(code: number): this {
    return this.raw(0x84).u32(code);
  }
  reduce(): this {
    return this.raw(0x52);
  }
  build(): this {
    return this.raw(0x62);
  }
  newobj(): this {
    return this.raw(0x81);
  }
  newobjEx(): this {
    return this.raw(0x92);
  }
  obj(): this {
    return this.raw(0x6f);
  }
  inst(module: string, name: string): this {
    return this.raw(0x69).line(module).line(name);
  }
  binpersid(): this {
    return this.raw(0x51);
  }
  persid(s: string): this {
    return this.raw(0x50).line(s);
  }
  // protocol 0 text opcodes
  int(s: string): this {
    return this.raw(0x49).line(s);
  }
  long(s: string): this {
    return this.raw(0x4c).line(s);
  }
  float(s: string): this {
    return this.raw(0x46).line(s);
  }
  string(repr: string): this {
    return this.raw(0x53).line(repr);
  }
  unicode(s: string): this {
    return this.raw(0x56).line(s);
  }
  put(i: number): this {
    return this.raw(0x70).line(String(i));
  }
  get(i: number): this {
    return this.raw(0x67).line(String(i));
  }

  get length(): number {
    return this.out.length;
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.out);
  }

  /** A JS value the way protocol 2 pickles it (dicts via SETITEMS, lists via APPENDS). */
  value(v: PlainValue): this {
    if (v === null) {
      return this.none();
    }
    if (typeof v === 'boolean') {
      return v ? this.newtrue() : this.newfalse();
    }
    if (typeof v === 'number') {
      if (Number.isInteger(v) && v >= 0 && v < 256) {
        return this.binint1(v);
      }
      if (Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31) {
        return this.binint(v);
      }
      return this.binfloat(v);
    }
    if (typeof v === 'string') {
      return this.binUnicode(v);
    }
    if (Array.isArray(v)) {
      this.emptyList().mark();
      for (const x of v) {
        this.value(x);
      }
      return this.appends();
    }
    if (isTensorSpec(v)) {
      return this.tensor(v);
    }
    this.emptyDict().mark();
    for (const [k, x] of Object.entries(v)) {
      this.binUnicode(k).value(x);
    }
    return this.setitems();
  }

  /** `torch._utils._rebuild_tensor_v2(persistent storage, offset, shape, stride, False, OrderedDict())`. */
  tensor(t: TensorSpec): this {
    const stride = t.stride ?? contiguousStride(t.shape);
    const numel = t.shape.reduce((a, b) => a * b, 1);
    this.global('torch._utils', '_rebuild_tensor_v2').mark();
    this.mark()
      .binUnicode('storage')
      .global('torch', t.storage ?? 'FloatStorage')
      .binUnicode(t.key)
      .binUnicode('cpu');
    this.value(t.storageNumel ?? numel)
      .tuple()
      .binpersid();
    this.value(t.offset ?? 0);
    this.mark();
    for (const d of t.shape) {
      this.value(d);
    }
    this.tuple().mark();
    for (const d of stride) {
      this.value(d);
    }
    this.tuple().newfalse().global('collections', 'OrderedDict').emptyTuple().reduce();
    return this.tuple().reduce();
  }
}

export interface TensorSpec {
  __tensor: true;
  key: string;
  shape: number[];
  storage?: string;
  stride?: number[];
  offset?: number;
  storageNumel?: number;
}

export type PlainValue = null | boolean | number | string | PlainValue[] | TensorSpec | { [k: string]: PlainValue };

function isTensorSpec(v: object): v is TensorSpec {
  return '__tensor' in v;
}

export function tensor(key: string, shape: number[], storage = 'FloatStorage'): TensorSpec {
  return { __tensor: true, key, shape, storage };
}

function contiguousStride(shape: number[]): number[] {
  const out = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    out[i] = s;
    s *= shape[i];
  }
  return out;
}

/** A whole pickle: PROTO n, the value, STOP. */
export function pickleOf(v: PlainValue, protocol = 2): Uint8Array {
  return new PickleWriter().proto(protocol).value(v).stop().bytes();
}
