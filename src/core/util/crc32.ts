// IEEE CRC-32 (zlib's, polynomial 0xEDB88320), as W&B's `.wandb` chunk checksums use. Table-driven JS,
// with Node's native zlib.crc32 for longer ranges where this Node has it (v20.15+, v22.2+).
import zlib from 'node:zlib';

type NativeCrc = (data: Uint8Array, value?: number) => number;
const native: NativeCrc | undefined = (zlib as unknown as { crc32?: NativeCrc }).crc32;
/** Below this length the JS loop beats the native call's overhead. */
const NATIVE_MIN = 128;

const TABLE = makeTable();

function makeTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
}

/**
 * CRC-32 of `bytes[start, end)`, continuing from `seed` (the CRC of the bytes before, as zlib's
 * `crc32(data, seed)`); returns an unsigned 32-bit value.
 */
export function crc32(bytes: Uint8Array, seed = 0, start = 0, end = bytes.length): number {
  if (native && end - start >= NATIVE_MIN) {
    return native(bytes.subarray(start, end), seed) >>> 0;
  }
  return crc32js(bytes, seed, start, end);
}

/** The portable implementation (also what tests check the native one against). */
export function crc32js(bytes: Uint8Array, seed = 0, start = 0, end = bytes.length): number {
  let c = ~seed;
  for (let i = start; i < end; i++) {
    c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  }
  return ~c >>> 0;
}

/** CRC-32 of one byte, continuing from `seed`. */
export function crc32Byte(byte: number, seed = 0): number {
  const c = ~seed;
  return ~(TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)) >>> 0;
}
