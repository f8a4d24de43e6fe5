// Fast decoding of the many short ASCII strings in pickles and ZIP directories: TextDecoder (and the subarray
// view it needs) costs far more than a loop for a 10-byte name.

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

function ascii(b: Uint8Array, start: number, end: number): string | undefined {
  if (end - start > 64) {
    return undefined;
  }
  let s = '';
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c >= 0x80) {
      return undefined;
    }
    s += String.fromCharCode(c);
  }
  return s;
}

/** UTF-8 text of `b[start, end)`. */
export function decodeUtf8(b: Uint8Array, start = 0, end = b.length): string {
  return ascii(b, start, end) ?? utf8.decode(b.subarray(start, end));
}

/** Latin-1 text of `b[start, end)`. */
export function decodeLatin1(b: Uint8Array, start = 0, end = b.length): string {
  return ascii(b, start, end) ?? latin1.decode(b.subarray(start, end));
}
