// Summary.Image (legacy `image` value: PyTorch, TF1): height=1, width=2, colorspace=3, encoded=4.
import type { WireReader } from './wire';

/** Where the encoded bytes of a legacy image are in the reader's buffer, with its size when stated. */
export interface LegacyImage {
  start: number;
  end: number;
  width?: number;
  height?: number;
}

/** The Summary.Image in r.buf[start, end); undefined when it holds no encoded bytes. */
export function readLegacyImage(r: WireReader, start: number, end: number): LegacyImage | undefined {
  let height: number | undefined;
  let width: number | undefined;
  let encStart = -1;
  let encEnd = -1;
  r.pos = start;
  while (r.pos < end) {
    const k = r.varint(end);
    const field = k >>> 3;
    if (field === 1 && (k & 7) === 0) {
      height = r.varint(end);
    } else if (field === 2 && (k & 7) === 0) {
      width = r.varint(end);
    } else if (field === 4 && (k & 7) === 2) {
      encEnd = r.delimitedEnd(end);
      encStart = r.pos;
      r.pos = encEnd;
    } else {
      r.skip(k & 7, end);
    }
  }
  return encStart >= 0 && encEnd > encStart ? { start: encStart, end: encEnd, width, height } : undefined;
}
