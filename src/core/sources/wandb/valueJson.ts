// Parses W&B `value_json` text. wandb-core writes NaN and ±Infinity as bare `NaN`, `Infinity`,
// `-Infinity` tokens (not JSON), so those are accepted, inside objects and arrays too.

export type JsonResult = { ok: true; value: unknown } | { ok: false };

const SENTINEL = '\u0000rb:';

/** A value_json that is a number (or a NaN/±Infinity token), else undefined; allocates nothing. */
export function parseNumberJson(text: string): number | undefined {
  const c = text.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 45) {
    if (isPlainNumber(text)) {
      const n = Number(text);
      if (!Number.isNaN(n)) {
        return n;
      }
    }
    return text === '-Infinity' ? -Infinity : undefined;
  }
  if (text === 'NaN') {
    return NaN;
  }
  if (text === 'Infinity') {
    return Infinity;
  }
  return undefined;
}

/** Parses one value_json; numbers take a fast path (most history items are plain numbers). */
export function parseValueJson(text: string): JsonResult {
  const c = text.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 45) {
    // Number() also takes forms JSON does not (`0x10`, `Infinity`): only plain digits/sign/dot/exponent pass.
    if (isPlainNumber(text)) {
      const n = Number(text);
      if (!Number.isNaN(n)) {
        return { ok: true, value: n };
      }
    }
    if (text === '-Infinity') {
      return { ok: true, value: -Infinity };
    }
  } else if (text === 'NaN') {
    return { ok: true, value: NaN };
  } else if (text === 'Infinity') {
    return { ok: true, value: Infinity };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return parseWithTokens(text);
  }
}

function isPlainNumber(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // digits . - + e E
    if (!((c >= 48 && c <= 57) || c === 46 || c === 45 || c === 43 || c === 101 || c === 69)) {
      return false;
    }
  }
  return true;
}

/** Replaces bare NaN/Infinity tokens outside strings by sentinel strings, then revives them. */
function parseWithTokens(text: string): JsonResult {
  if (!/NaN|Infinity/.test(text)) {
    return { ok: false };
  }
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') {
        i++;
      } else if (c === '"') {
        inString = false;
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    let token = '';
    if (text.startsWith('-Infinity', i)) {
      token = '-Infinity';
    } else if (text.startsWith('Infinity', i)) {
      token = 'Infinity';
    } else if (text.startsWith('NaN', i)) {
      token = 'NaN';
    }
    if (token) {
      out += text.slice(last, i) + JSON.stringify(SENTINEL + token);
      i += token.length - 1;
      last = i + 1;
    }
  }
  out += text.slice(last);
  try {
    const value: unknown = JSON.parse(out, (_key, v: unknown) => {
      if (typeof v === 'string' && v.startsWith(SENTINEL)) {
        return Number(v.slice(SENTINEL.length));
      }
      return v;
    });
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}
