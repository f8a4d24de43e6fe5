// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) and the LevelDB/TFRecord "masked" variant.
// Slicing-by-8 tables: TensorBoard `--verify`-style checking of every record stays cheap.

const POLY = 0x82f63b78;
const TABLES: Uint32Array[] = buildTables();
const [T0, T1, T2, T3, T4, T5, T6, T7] = TABLES;

function buildTables(): Uint32Array[] {
  const t0 = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    }
    t0[n] = c >>> 0;
  }
  const tables = [t0];
  for (let s = 1; s < 8; s++) {
    const prev = tables[s - 1];
    const t = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      t[n] = ((prev[n] >>> 8) ^ t0[prev[n] & 0xff]) >>> 0;
    }
    tables.push(t);
  }
  return tables;
}

/** CRC-32C of bytes[start, end); unsigned. */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t0 = T0;
  let crc = 0xffffffff;
  let i = start;
  while (end - i >= 8) {
    const a = (crc ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24))) >>> 0;
    crc =
      T7[a & 0xff] ^
      T6[(a >>> 8) & 0xff] ^
      T5[(a >>> 16) & 0xff] ^
      T4[a >>> 24] ^
      T3[bytes[i + 4]] ^
      T2[bytes[i + 5]] ^
      T1[bytes[i + 6]] ^
      T0[bytes[i + 7]];
    i += 8;
  }
  while (i < end) {
    crc = t0[(crc ^ bytes[i++]) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Masked CRC-32C of exactly 8 bytes at `p` (a TFRecord length field): straight-line, no loop. */
export function maskedCrc32c8(bytes: Uint8Array, p: number): number {
  const a = (0xffffffff ^ (bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24))) >>> 0;
  const crc =
    T7[a & 0xff] ^
    T6[(a >>> 8) & 0xff] ^
    T5[(a >>> 16) & 0xff] ^
    T4[a >>> 24] ^
    T3[bytes[p + 4]] ^
    T2[bytes[p + 5]] ^
    T1[bytes[p + 6]] ^
    T0[bytes[p + 7]];
  return maskCrc((crc ^ 0xffffffff) >>> 0);
}

const MASK_DELTA = 0xa282ead8;

/** TFRecord / LevelDB masking: rotate right by 15 bits, add 0xa282ead8 (mod 2^32). */
export function maskCrc(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

export function maskedCrc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return maskCrc(crc32c(bytes, start, end));
}
