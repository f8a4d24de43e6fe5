// Minimal protobuf wire reading over a Uint8Array, hand-written for the event hot loop.
// Every read checks bounds against an explicit end and throws MalformedProto when the bytes lie.

export class MalformedProto extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedProto';
  }
}

const TWO_32 = 4294967296;

export class WireReader {
  pos = 0;
  readonly dv: DataView;

  constructor(readonly buf: Uint8Array) {
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** Unsigned varint (up to 64 bits) as a Number; exact up to 2^53. */
  varint(end: number): number {
    const buf = this.buf;
    let p = this.pos;
    if (p >= end) {
      throw new MalformedProto('varint past end');
    }
    let b = buf[p++];
    if (b < 0x80) {
      this.pos = p;
      return b;
    }
    let value = b & 0x7f;
    let mul = 128;
    for (let i = 1; i < 10; i++) {
      if (p >= end) {
        throw new MalformedProto('varint past end');
      }
      b = buf[p++];
      value += (b & 0x7f) * mul;
      if (b < 0x80) {
        this.pos = p;
        return value;
      }
      mul *= 128;
    }
    throw new MalformedProto('varint longer than 10 bytes');
  }

  /** int64 varint as a Number, exact for |v| < 2^53 including negatives (two's complement, 10 bytes). */
  int64(end: number): number {
    const buf = this.buf;
    let p = this.pos;
    // Fast path: steps below 2^21 (three bytes or fewer) are by far the most common.
    if (p + 3 <= end) {
      const b0 = buf[p];
      if (b0 < 0x80) {
        this.pos = p + 1;
        return b0;
      }
      const b1 = buf[p + 1];
      if (b1 < 0x80) {
        this.pos = p + 2;
        return (b0 & 0x7f) | (b1 << 7);
      }
      const b2 = buf[p + 2];
      if (b2 < 0x80) {
        this.pos = p + 3;
        return (b0 & 0x7f) | ((b1 & 0x7f) << 7) | (b2 << 14);
      }
    }
    let lo = 0;
    let hi = 0;
    let b = 0;
    for (let i = 0; i < 4; i++) {
      if (p >= end) {
        throw new MalformedProto('varint past end');
      }
      b = buf[p++];
      lo = (lo | ((b & 0x7f) << (i * 7))) >>> 0;
      if (b < 0x80) {
        return this.finish64(p, lo, hi);
      }
    }
    if (p >= end) {
      throw new MalformedProto('varint past end');
    }
    b = buf[p++];
    lo = (lo | ((b & 0x7f) << 28)) >>> 0;
    hi = (b & 0x7f) >>> 4;
    if (b < 0x80) {
      return this.finish64(p, lo, hi);
    }
    for (let i = 0; i < 5; i++) {
      if (p >= end) {
        throw new MalformedProto('varint past end');
      }
      b = buf[p++];
      hi = (hi | ((b & 0x7f) << (i * 7 + 3))) >>> 0;
      if (b < 0x80) {
        return this.finish64(p, lo, hi);
      }
    }
    throw new MalformedProto('varint longer than 10 bytes');
  }

  private finish64(p: number, lo: number, hi: number): number {
    this.pos = p;
    if (hi & 0x80000000) {
      return -((~hi >>> 0) * TWO_32 + (~lo >>> 0) + 1);
    }
    return hi * TWO_32 + lo;
  }

  /** int32 varint (negatives are written as 10-byte varints). */
  int32(end: number): number {
    return this.int64(end);
  }

  /** Reads a length prefix and returns the end of the delimited bytes. */
  delimitedEnd(end: number): number {
    const p = this.pos;
    if (p < end && this.buf[p] < 0x80) {
      const stop = p + 1 + this.buf[p];
      if (stop > end) {
        throw new MalformedProto('length-delimited field past end');
      }
      this.pos = p + 1;
      return stop;
    }
    const len = this.varint(end);
    const stop = this.pos + len;
    if (stop > end) {
      throw new MalformedProto('length-delimited field past end');
    }
    return stop;
  }

  fixed32Float(end: number): number {
    const p = this.pos;
    if (p + 4 > end) {
      throw new MalformedProto('float past end');
    }
    this.pos = p + 4;
    return this.dv.getFloat32(p, true);
  }

  fixed64Double(end: number): number {
    const p = this.pos;
    if (p + 8 > end) {
      throw new MalformedProto('double past end');
    }
    this.pos = p + 8;
    return this.dv.getFloat64(p, true);
  }

  /** Skips one field's payload of the given wire type. */
  skip(wireType: number, end: number): void {
    switch (wireType) {
      case 0:
        this.varint(end);
        return;
      case 1:
        this.pos += 8;
        break;
      case 2:
        this.pos = this.delimitedEnd(end);
        return;
      case 5:
        this.pos += 4;
        break;
      default:
        // Groups (3/4) are not used by any TensorBoard message: treat as corruption.
        throw new MalformedProto(`unsupported wire type ${wireType}`);
    }
    if (this.pos > end) {
      throw new MalformedProto('fixed field past end');
    }
  }

  utf8(start: number, end: number): string {
    return decoder.decode(this.buf.subarray(start, end));
  }
}

const decoder = new TextDecoder('utf-8');

/** IEEE half (fp16) bits → Number. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) {
    return sign * frac * 2 ** -24;
  }
  if (exp === 0x1f) {
    return frac ? NaN : sign * Infinity;
  }
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** bfloat16 bits (top half of a float32) → Number. */
export function bfloat16ToNumber(bits: number): number {
  u32[0] = (bits & 0xffff) << 16;
  return f32[0];
}
