// A tiny hand-written protobuf wire reader over a byte range: only what the W&B Record decoder needs.
// Every read is bounds-checked against the range; a malformed message throws ProtoError (caught by the caller).

export class ProtoError extends Error {}

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

/** Node's native UTF-8 slice: much faster than TextDecoder for the many short strings of a record. */
interface Utf8Slicer {
  utf8Slice(start: number, end: number): string;
}
const hasUtf8Slice = typeof (Buffer.prototype as unknown as Partial<Utf8Slicer>).utf8Slice === 'function';

function nodeBuffer(buf: Uint8Array): Buffer {
  return Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
}

export class ProtoReader {
  pos: number;
  /** Low and high 32 bits of the last varint read by varint64(). */
  private lo = 0;
  private hi = 0;

  private readonly node: Buffer;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    public end = buf.length,
    node?: Buffer,
  ) {
    this.pos = start;
    this.node = node ?? nodeBuffer(buf);
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** Reads a field tag; returns field number * 8 + wire type as the raw tag. */
  tag(): number {
    const t = this.uint32();
    if (t >>> 3 === 0) {
      throw new ProtoError(`field number 0 at byte ${this.pos}`);
    }
    return t;
  }

  /** A varint truncated to its low 32 bits (unsigned). */
  uint32(): number {
    // Tags and lengths are mostly one byte.
    if (this.pos < this.end) {
      const b = this.buf[this.pos];
      if (b < 0x80) {
        this.pos++;
        return b;
      }
    }
    this.varint64();
    return this.lo >>> 0;
  }

  int32(): number {
    this.varint64();
    return this.lo | 0;
  }

  /** A signed int64 as a Number (exact below 2^53). */
  int64(): number {
    this.varint64();
    if (this.hi & 0x80000000) {
      // Two's complement negative.
      const lo = ~this.lo >>> 0;
      const hi = ~this.hi >>> 0;
      return -(hi * 4294967296 + lo + 1);
    }
    return (this.hi >>> 0) * 4294967296 + (this.lo >>> 0);
  }

  bool(): boolean {
    this.varint64();
    return this.lo !== 0 || this.hi !== 0;
  }

  double(): number {
    if (this.pos + 8 > this.end) {
      throw new ProtoError('double runs past the end');
    }
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8);
    this.pos += 8;
    return view.getFloat64(0, true);
  }

  /** Start and end of a length-delimited field's payload; the reader moves past it. */
  lengthDelimited(): [number, number] {
    const len = this.uint32();
    const start = this.pos;
    const end = start + len;
    if (len > this.end - start) {
      throw new ProtoError(`length ${len} at byte ${start} runs past the message`);
    }
    this.pos = end;
    return [start, end];
  }

  string(): string {
    const start = this.fieldStart();
    const end = this.pos;
    if (hasUtf8Slice) {
      return (this.node as unknown as Utf8Slicer).utf8Slice(start, end);
    }
    return this.node.toString('utf8', start, end);
  }

  /** Reads a length prefix, checks it, moves past the field and returns where its payload starts. */
  private fieldStart(): number {
    const len = this.uint32();
    const start = this.pos;
    if (len > this.end - start) {
      throw new ProtoError(`length ${len} at byte ${start} runs past the message`);
    }
    this.pos = start + len;
    return start;
  }

  /**
   * Narrows this reader to a length-delimited field (no allocation, unlike sub()); returns the outer
   * end, to hand back to leave() once the field is read.
   */
  enter(): number {
    const start = this.fieldStart();
    const outer = this.end;
    this.end = this.pos;
    this.pos = start;
    return outer;
  }

  /** Back to the enclosing message, after the field entered with enter(). */
  leave(outer: number): void {
    this.pos = this.end;
    this.end = outer;
  }

  /** A sub-reader over a length-delimited field. */
  sub(): ProtoReader {
    const [start, end] = this.lengthDelimited();
    return new ProtoReader(this.buf, start, end, this.node);
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.varint64();
        return;
      case WIRE_I64:
        this.advance(8);
        return;
      case WIRE_LEN:
        this.lengthDelimited();
        return;
      case WIRE_I32:
        this.advance(4);
        return;
      default:
        // Groups (3/4) are not used by wandb_internal.proto; anything else is garbage.
        throw new ProtoError(`unsupported wire type ${wireType} at byte ${this.pos}`);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.end) {
      throw new ProtoError('fixed-size field runs past the end');
    }
    this.pos += n;
  }

  private varint64(): void {
    const buf = this.buf;
    let lo = 0;
    let hi = 0;
    let shift = 0;
    let pos = this.pos;
    for (let i = 0; i < 10; i++) {
      if (pos >= this.end) {
        throw new ProtoError('varint runs past the end');
      }
      const b = buf[pos++];
      if (i < 4) {
        lo |= (b & 0x7f) << shift;
      } else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >>> 4;
      } else {
        hi |= (b & 0x7f) << (shift - 32);
      }
      shift += 7;
      if ((b & 0x80) === 0) {
        this.lo = lo;
        this.hi = hi;
        this.pos = pos;
        return;
      }
    }
    throw new ProtoError(`varint longer than 10 bytes at byte ${this.pos}`);
  }
}
