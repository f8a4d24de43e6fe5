// A small ZIP writer for tests: stored or deflated entries, optional ZIP64 records, torch-style 64-byte data
// alignment, and "virtual" entries whose bytes are never materialized (a layout can be written sparsely).
import { deflateRawSync } from 'node:zlib';

export interface ZipInput {
  name: string;
  /** Real bytes; omit and set `size` for a virtual (zero) entry. */
  data?: Uint8Array;
  size?: number;
  deflate?: boolean;
}

export interface ZipOptions {
  zip64?: boolean;
  comment?: string;
  /** Pad local headers so data starts on a multiple of this (torch uses 64). */
  align?: number;
}

export interface ZipLayout {
  size: number;
  chunks: Array<{ offset: number; bytes: Uint8Array }>;
}

const enc = new TextEncoder();

class Bytes {
  readonly out: number[] = [];
  u16(n: number): this {
    this.out.push(n & 0xff, (n >> 8) & 0xff);
    return this;
  }
  u32(n: number): this {
    this.out.push(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
    return this;
  }
  u64(n: number): this {
    return this.u32(n % 2 ** 32).u32(Math.floor(n / 2 ** 32));
  }
  add(b: Uint8Array | number[]): this {
    for (const x of b) {
      this.out.push(x);
    }
    return this;
  }
  get length(): number {
    return this.out.length;
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

export function zipLayout(inputs: ZipInput[], opts: ZipOptions = {}): ZipLayout {
  const chunks: ZipLayout['chunks'] = [];
  const central = new Bytes();
  const z64 = !!opts.zip64;
  let pos = 0;
  for (const input of inputs) {
    const name = enc.encode(input.name);
    const payload = input.data && input.deflate ? new Uint8Array(deflateRawSync(input.data)) : input.data;
    const size = input.data?.length ?? input.size ?? 0;
    const csize = payload?.length ?? size;
    const method = input.data && input.deflate ? 8 : 0;
    const localOffset = pos;
    const localExtra = new Bytes();
    if (z64) {
      localExtra.u16(1).u16(16).u64(size).u64(csize);
    }
    if (opts.align) {
      const unpadded = localOffset + 30 + name.length + localExtra.length + 4;
      const pad = (opts.align - (unpadded % opts.align)) % opts.align;
      localExtra.u16(0x4246).u16(pad).add(new Array<number>(pad).fill(0x5a));
    }
    const local = new Bytes()
      .u32(0x04034b50)
      .u16(z64 ? 45 : 20)
      .u16(0)
      .u16(method)
      .u16(0)
      .u16(0)
      .u32(0)
      .u32(z64 ? 0xffffffff : csize)
      .u32(z64 ? 0xffffffff : size)
      .u16(name.length)
      .u16(localExtra.length)
      .add(name)
      .add(localExtra.out);
    chunks.push({ offset: pos, bytes: local.bytes() });
    pos += local.length;
    if (payload) {
      chunks.push({ offset: pos, bytes: payload });
    }
    pos += csize;
    const extra = new Bytes();
    if (z64) {
      extra.u16(1).u16(24).u64(size).u64(csize).u64(localOffset);
    }
    central
      .u32(0x02014b50)
      .u16(z64 ? 45 : 20)
      .u16(z64 ? 45 : 20)
      .u16(0)
      .u16(method)
      .u16(0)
      .u16(0)
      .u32(0)
      .u32(z64 ? 0xffffffff : csize)
      .u32(z64 ? 0xffffffff : size)
      .u16(name.length)
      .u16(extra.length)
      .u16(0)
      .u16(0)
      .u16(0)
      .u32(0)
      .u32(z64 ? 0xffffffff : localOffset)
      .add(name)
      .add(extra.out);
  }
  const cdOffset = pos;
  chunks.push({ offset: pos, bytes: central.bytes() });
  pos += central.length;
  const tail = new Bytes();
  if (z64) {
    const recOffset = pos;
    tail
      .u32(0x06064b50)
      .u64(44)
      .u16(45)
      .u16(45)
      .u32(0)
      .u32(0)
      .u64(inputs.length)
      .u64(inputs.length)
      .u64(central.length)
      .u64(cdOffset);
    tail.u32(0x07064b50).u32(0).u64(recOffset).u32(1);
  }
  const comment = enc.encode(opts.comment ?? '');
  tail
    .u32(0x06054b50)
    .u16(0)
    .u16(0)
    .u16(z64 ? 0xffff : inputs.length)
    .u16(z64 ? 0xffff : inputs.length)
    .u32(z64 ? 0xffffffff : central.length)
    .u32(z64 ? 0xffffffff : cdOffset)
    .u16(comment.length)
    .add(comment);
  chunks.push({ offset: pos, bytes: tail.bytes() });
  pos += tail.length;
  return { size: pos, chunks };
}

/** The whole ZIP in memory (virtual entries become zeros). */
export function zipBytes(inputs: ZipInput[], opts: ZipOptions = {}): Uint8Array {
  const layout = zipLayout(inputs, opts);
  const out = new Uint8Array(layout.size);
  for (const c of layout.chunks) {
    out.set(c.bytes, c.offset);
  }
  return out;
}

/** A torch.save zip: `<prefix>/data.pkl`, metadata entries, and one virtual `data/<key>` entry per storage. */
export function torchZipInputs(prefix: string, pickle: Uint8Array, storages: Record<string, number>): ZipInput[] {
  const inputs: ZipInput[] = [
    { name: `${prefix}/data.pkl`, data: pickle },
    { name: `${prefix}/.format_version`, data: enc.encode('1') },
    { name: `${prefix}/.storage_alignment`, data: enc.encode('64') },
    { name: `${prefix}/byteorder`, data: enc.encode('little') },
  ];
  for (const [key, size] of Object.entries(storages)) {
    inputs.push({ name: `${prefix}/data/${key}`, size });
  }
  inputs.push({ name: `${prefix}/version`, data: enc.encode('3\n') });
  inputs.push({ name: `${prefix}/.data/serialization_id`, data: enc.encode('1234567890') });
  return inputs;
}
