// Decoders for pickle arguments: protocol 0 text lines (INT, LONG, FLOAT, STRING, UNICODE) and LONG1/LONG4 bytes.

/** `I` line: `01`/`00` are the protocol 0 booleans. */
export function parseIntLine(s: string): number | bigint | boolean | undefined {
  if (s === '01') {
    return true;
  }
  if (s === '00') {
    return false;
  }
  return parseLongLine(s);
}

/** Python's own default limit on int ↔ str conversion; decimal → BigInt is quadratic beyond it. */
const MAX_DIGITS = 4300;

export function parseLongLine(s: string): number | bigint | undefined {
  const t = s.endsWith('L') ? s.slice(0, -1) : s;
  if (t.length > MAX_DIGITS + 1 || !/^[+-]?\d+$/.test(t)) {
    return undefined;
  }
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : BigInt(t);
}

export function parseFloatLine(s: string): number | undefined {
  const t = s.trim().toLowerCase();
  if (t === 'nan') {
    return NaN;
  }
  if (t === 'inf') {
    return Infinity;
  }
  if (t === '-inf') {
    return -Infinity;
  }
  const n = Number(t);
  return t !== '' && !Number.isNaN(n) ? n : undefined;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

/** `S` line: a Python `repr()` of a str, quotes included. */
export function parseStringLine(s: string): string | undefined {
  const q = s[0];
  if ((q !== "'" && q !== '"') || s.length < 2 || s[s.length - 1] !== q) {
    return undefined;
  }
  const body = s.slice(1, -1);
  return body.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_m, e: string) =>
    e.length === 3 ? String.fromCharCode(parseInt(e.slice(1), 16)) : (ESCAPES[e] ?? `\\${e}`),
  );
}

/** `V` line: raw-unicode-escape (latin-1 bytes with `\uXXXX` / `\UXXXXXXXX`). */
export function parseUnicodeLine(s: string): string {
  return s.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_m, a: string | undefined, b: string | undefined) => {
    const cp = parseInt(a ?? b ?? '0', 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
  });
}

/** Little-endian two's complement → number when safe, else bigint. */
export function decodeLong(b: Uint8Array): number | bigint {
  if (b.length === 0) {
    return 0;
  }
  if (b.length <= 6) {
    let v = 0;
    for (let i = b.length - 1; i >= 0; i--) {
      v = v * 256 + b[i];
    }
    return b[b.length - 1] & 0x80 ? v - 2 ** (8 * b.length) : v;
  }
  // Hex string → BigInt is linear in the length; shifting byte by byte would be quadratic on a huge LONG4.
  let hex = '';
  for (let i = b.length - 1; i >= 0; i--) {
    hex += b[i].toString(16).padStart(2, '0');
  }
  let v = BigInt(`0x${hex}`);
  if (b[b.length - 1] & 0x80) {
    v -= 1n << BigInt(8 * b.length);
  }
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}
