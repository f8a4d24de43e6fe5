// JSON as Python's `json` module writes it: `allow_nan=True` (the default) emits bare `NaN`, `Infinity`
// and `-Infinity`, which JSON.parse rejects. The fast path is plain JSON.parse; only text that fails is
// scanned once more, replacing those tokens (outside strings) by sentinel strings revived as numbers.

const NAN = '\u0000NaN';
const POS_INF = '\u0000Infinity';
const NEG_INF = '\u0000-Infinity';

/** Parses JSON that may hold Python's non-finite number tokens. Throws a SyntaxError like JSON.parse. */
export function parsePythonJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const patched = patchNonFinite(text);
    if (patched === undefined) {
      throw err;
    }
    return JSON.parse(patched, reviveNonFinite);
  }
}

function reviveNonFinite(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.charCodeAt(0) === 0) {
    if (value === NAN) {
      return NaN;
    }
    if (value === POS_INF) {
      return Infinity;
    }
    if (value === NEG_INF) {
      return -Infinity;
    }
  }
  return value;
}

/** The text with bare NaN/Infinity/-Infinity replaced by sentinel strings; undefined if there were none. */
export function patchNonFinite(text: string): string | undefined {
  let out = '';
  let last = 0;
  let inString = false;
  let found = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) {
        i++;
      } else if (c === 0x22 /* " */) {
        inString = false;
      }
      continue;
    }
    if (c === 0x22) {
      inString = true;
      continue;
    }
    let token: string | undefined;
    let length = 0;
    if (c === 0x4e /* N */ && text.startsWith('NaN', i)) {
      token = NAN;
      length = 3;
    } else if (c === 0x49 /* I */ && text.startsWith('Infinity', i)) {
      token = POS_INF;
      length = 8;
    } else if (c === 0x2d /* - */ && text.startsWith('-Infinity', i)) {
      token = NEG_INF;
      length = 9;
    }
    if (token !== undefined) {
      out += text.slice(last, i) + JSON.stringify(token);
      i += length - 1;
      last = i + 1;
      found = true;
    }
  }
  return found ? out + text.slice(last) : undefined;
}

/** Whether JSON text that failed to parse looks cut short (a file caught mid-write): brackets left open. */
export function looksTruncated(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) {
        i++;
      } else if (c === 0x22) {
        inString = false;
      }
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return inString || depth > 0 || text.trim().length === 0;
}
