// Exact decimal-text → double conversion without building a string, for the hot loops of the readers
// (W&B value_json bytes, CSV cells). Each parser returns exactly what Number(text) returns, or undefined
// when the text is not a plain decimal it can convert exactly (the caller then takes its slow path).
//
// Digits are gathered into an integer M (up to 17 significant digits, the most a shortest round-trip
// repr has) and a power of ten E. M < 2^53 with |E| <= 22 is exact in one IEEE operation (Clinger's
// fast path). A 16–17 digit M is split into two exact doubles and divided by 10^k in double-double
// arithmetic (error < 2^-100 relative); the result is kept only when rounding it cannot be affected by
// that error, i.e. when it is not within 2^-79 of a midpoint between two doubles.

const MAX_DIGITS = 17;
const TWO_53 = 9007199254740992;
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
];
/** Veltkamp splitting constant 2^27 + 1 (Dekker's exact product). */
const SPLIT = 134217729;
/** The high and low halves (Veltkamp) of each power of ten, for exact products with it. */
const POW10_HI = POW10.map((p) => {
  const t = SPLIT * p;
  return t - (t - p);
});
const POW10_LO = POW10.map((p, k) => p - POW10_HI[k]);
/** 2^-79: twice the bound used for the double-double error, relative to the result. */
const MARGIN = 1.6543612251060553e-24;

/**
 * A decimal given as digit groups: M = hi * 10^loDigits + lo (hi holds at most 8 digits, lo at most 9),
 * times 10^exp10. Returns the correctly rounded double, or undefined when that is not certain.
 */
export function decimalToDouble(
  hi: number,
  lo: number,
  loDigits: number,
  exp10: number,
  neg: boolean,
): number | undefined {
  const big = hi * POW10[loDigits]; // exact: hi < 10^8 and 10^loDigits = 2^loDigits * 5^loDigits
  const mh = big + lo;
  const ml = big - mh + lo; // exact error of that sum (|big| >= |lo| whenever lo has a partner)
  let v: number | undefined;
  if (mh === 0) {
    v = 0;
  } else if (ml === 0 && mh <= TWO_53 && exp10 >= -22 && exp10 <= 22) {
    v = exp10 < 0 ? mh / POW10[-exp10] : mh * POW10[exp10];
  } else if (exp10 === 0) {
    v = mh; // mh is M rounded once
  } else if (exp10 < 0 && exp10 >= -22) {
    v = divideExact(mh, ml, -exp10);
  }
  return v === undefined ? undefined : neg ? -v : v;
}

/** (mh + ml) / 10^k correctly rounded, or undefined when too close to a rounding boundary. */
function divideExact(mh: number, ml: number, k: number): number | undefined {
  const p = POW10[k];
  const q1 = mh / p;
  // Exact product q1 * p = ph + pl (Dekker).
  const ph = q1 * p;
  const t = SPLIT * q1;
  const qh = t - (t - q1);
  const qlo = q1 - qh;
  const pHi = POW10_HI[k];
  const pLo = POW10_LO[k];
  const pl = qh * pHi - ph + qh * pLo + qlo * pHi + qlo * pLo;
  // Remainder (mh + ml) - q1 * p; mh - ph is exact (Sterbenz), the rest is tiny.
  const r = mh - ph - pl + ml;
  const q2 = r / p;
  const s = q1 + q2;
  const e = q2 - (s - q1);
  const margin = Math.abs(s) * MARGIN;
  const down = s + (e - margin);
  return down === s + (e + margin) ? down : undefined;
}

/**
 * `[+-]?digits[.digits][(e|E)[+-]?digits]` in src[start, end) → its value (what Number() gives), else
 * undefined. `allowPlus` accepts a leading `+` (Number does, JSON does not).
 */
export function parseDecimalBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  allowPlus = false,
): number | undefined {
  return parseDecimal(bytes, start, end, allowPlus);
}

/** parseDecimalBytes over text[start, end) (same grammar, same results). */
export function parseDecimalText(text: string, start: number, end: number, allowPlus = false): number | undefined {
  return parseDecimal(text, start, end, allowPlus);
}

/** Char code i of bytes or (ASCII-range) text; V8 inlines the check. */
function code(src: Uint8Array | string, i: number): number {
  return typeof src === 'string' ? src.charCodeAt(i) : src[i];
}

function parseDecimal(src: Uint8Array | string, start: number, end: number, allowPlus: boolean): number | undefined {
  let i = start;
  let neg = false;
  let c = code(src, i);
  if (i < end && (c === 45 || (allowPlus && c === 43))) {
    neg = c === 45;
    i++;
  }
  // M = hi * 10^loDigits + lo: the first 8 significant digits in hi, up to 9 more in lo.
  let hi = 0;
  let lo = 0;
  let loDigits = 0;
  let digits = 0;
  let shift = 0;
  let any = false;
  let fraction = false;
  for (; i < end; i++) {
    c = code(src, i);
    if (c >= 48 && c <= 57) {
      any = true;
      if (digits < 8) {
        if (digits > 0 || c > 48) {
          hi = hi * 10 + (c - 48);
          digits++;
        }
      } else if (digits < MAX_DIGITS) {
        lo = lo * 10 + (c - 48);
        loDigits++;
        digits++;
      } else {
        return undefined;
      }
      if (fraction) {
        shift--;
      }
    } else if (c === 46 && !fraction) {
      fraction = true;
    } else {
      break;
    }
  }
  if (!any) {
    return undefined;
  }
  let exp = 0;
  if (i < end) {
    c = code(src, i);
    if (c !== 101 && c !== 69) {
      return undefined;
    }
    i++;
    let expNeg = false;
    c = code(src, i);
    if (i < end && (c === 45 || c === 43)) {
      expNeg = c === 45;
      i++;
    }
    if (i >= end || end - i > 4) {
      return undefined;
    }
    for (; i < end; i++) {
      c = code(src, i);
      if (c < 48 || c > 57) {
        return undefined;
      }
      exp = exp * 10 + (c - 48);
    }
    if (expNeg) {
      exp = -exp;
    }
  }
  return decimalToDouble(hi, lo, loDigits, shift + exp, neg);
}
