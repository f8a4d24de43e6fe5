// TensorProto decoding: the rank-0 numeric value TensorBoard's scalars plugin shows, and the string
// elements (byte ranges) images and text summaries carry. Field numbers: formats.md §1.3.
import { bfloat16ToNumber, halfToNumber, MalformedProto, type WireReader } from './wire';

export const DT_FLOAT = 1;
export const DT_DOUBLE = 2;
export const DT_INT32 = 3;
export const DT_UINT8 = 4;
export const DT_INT16 = 5;
export const DT_INT8 = 6;
export const DT_STRING = 7;
export const DT_INT64 = 9;
export const DT_BOOL = 10;
export const DT_BFLOAT16 = 14;
export const DT_UINT16 = 17;
export const DT_HALF = 19;
export const DT_UINT32 = 22;
export const DT_UINT64 = 23;

/** What one TensorProto holds, as far as Runboard needs it. Reused between calls (no allocation). */
export class TensorView {
  dtype = 0;
  rank = 0;
  contentStart = -1;
  contentEnd = -1;
  /** First element of the typed repeated fields and how many there were. */
  firstNumber = NaN;
  numberCount = 0;
  /** [start, end) pairs of string_val elements, relative to the reader's buffer. */
  strings: number[] = [];

  reset(): void {
    this.dtype = 0;
    this.rank = 0;
    this.contentStart = -1;
    this.contentEnd = -1;
    this.firstNumber = NaN;
    this.numberCount = 0;
    this.strings.length = 0;
  }
}

/** Decodes the TensorProto in r.buf[r.pos, end) into `out`. */
export function readTensor(r: WireReader, end: number, out: TensorView): void {
  out.reset();
  while (r.pos < end) {
    const key = r.varint(end);
    const field = key >>> 3;
    const wt = key & 7;
    switch (field) {
      case 1:
        out.dtype = r.varint(end);
        break;
      case 2:
        if (wt !== 2) {
          throw new MalformedProto('tensor_shape wire type');
        }
        out.rank = countDims(r, r.delimitedEnd(end));
        break;
      case 4: {
        if (wt !== 2) {
          throw new MalformedProto('tensor_content wire type');
        }
        const stop = r.delimitedEnd(end);
        out.contentStart = r.pos;
        out.contentEnd = stop;
        r.pos = stop;
        break;
      }
      case 5:
      case 9:
        readRepeated(r, wt, end, out, 5);
        break;
      case 6:
      case 12:
        readRepeated(r, wt, end, out, 1);
        break;
      case 7:
      case 10:
      case 11:
      case 13:
      case 16:
      case 17:
        readRepeated(r, wt, end, out, field === 7 ? -32 : field === 10 ? -64 : 0);
        break;
      case 8: {
        if (wt !== 2) {
          throw new MalformedProto('string_val wire type');
        }
        const stop = r.delimitedEnd(end);
        out.strings.push(r.pos, stop);
        r.pos = stop;
        break;
      }
      default:
        r.skip(wt, end);
    }
  }
}

function countDims(r: WireReader, end: number): number {
  let rank = 0;
  while (r.pos < end) {
    const key = r.varint(end);
    if (key >>> 3 === 2) {
      rank++;
    }
    r.skip(key & 7, end);
  }
  return rank;
}

/**
 * Reads a packed or unpacked repeated numeric field. `kind`: 5 = fixed32 float, 1 = fixed64 double,
 * -32 = int32 varint, -64 = int64 varint, 0 = unsigned varint. Only the first element is kept.
 */
function readRepeated(r: WireReader, wt: number, end: number, out: TensorView, kind: number): void {
  if (wt === 2) {
    const stop = r.delimitedEnd(end);
    while (r.pos < stop) {
      readOne(r, stop, out, kind);
    }
    r.pos = stop;
  } else {
    readOne(r, end, out, kind);
  }
}

function readOne(r: WireReader, end: number, out: TensorView, kind: number): void {
  let v: number;
  if (kind === 5) {
    v = r.fixed32Float(end);
  } else if (kind === 1) {
    v = r.fixed64Double(end);
  } else if (kind === -32) {
    v = r.int32(end);
  } else if (kind === -64) {
    v = r.int64(end);
  } else {
    v = r.varint(end);
  }
  if (out.numberCount === 0) {
    out.firstNumber = v;
  }
  out.numberCount++;
}

/** The value of a rank-0 numeric tensor, or undefined when the tensor is not one. */
export function tensorScalar(r: WireReader, t: TensorView): number | undefined {
  if (t.rank !== 0) {
    return undefined;
  }
  if (t.numberCount === 1) {
    return convertRepeated(t.dtype, t.firstNumber);
  }
  if (t.numberCount > 1 || t.contentStart < 0) {
    return undefined;
  }
  return fromContent(r, t.dtype, t.contentStart, t.contentEnd - t.contentStart);
}

function convertRepeated(dtype: number, v: number): number | undefined {
  switch (dtype) {
    case DT_FLOAT:
    case DT_DOUBLE:
    case DT_INT32:
    case DT_INT16:
    case DT_INT8:
    case DT_UINT8:
    case DT_UINT16:
    case DT_INT64:
    case DT_UINT32:
    case DT_UINT64:
    case DT_BOOL:
      return v;
    case DT_HALF:
      return halfToNumber(v & 0xffff);
    case DT_BFLOAT16:
      return bfloat16ToNumber(v & 0xffff);
    default:
      return undefined;
  }
}

function fromContent(r: WireReader, dtype: number, p: number, n: number): number | undefined {
  const dv = r.dv;
  switch (dtype) {
    case DT_FLOAT:
      return n === 4 ? dv.getFloat32(p, true) : undefined;
    case DT_DOUBLE:
      return n === 8 ? dv.getFloat64(p, true) : undefined;
    case DT_INT32:
      return n === 4 ? dv.getInt32(p, true) : undefined;
    case DT_UINT32:
      return n === 4 ? dv.getUint32(p, true) : undefined;
    case DT_INT16:
      return n === 2 ? dv.getInt16(p, true) : undefined;
    case DT_UINT16:
      return n === 2 ? dv.getUint16(p, true) : undefined;
    case DT_INT8:
      return n === 1 ? dv.getInt8(p) : undefined;
    case DT_UINT8:
    case DT_BOOL:
      return n === 1 ? dv.getUint8(p) : undefined;
    case DT_INT64:
      return n === 8 ? Number(dv.getBigInt64(p, true)) : undefined;
    case DT_UINT64:
      return n === 8 ? Number(dv.getBigUint64(p, true)) : undefined;
    case DT_HALF:
      return n === 2 ? halfToNumber(dv.getUint16(p, true)) : undefined;
    case DT_BFLOAT16:
      return n === 2 ? bfloat16ToNumber(dv.getUint16(p, true)) : undefined;
    default:
      return undefined;
  }
}
