// MLflow metric files: one line per logged value, `<timestamp ms> <value> <step>\n` (legacy files: no
// step, which MLflow reads as 0). Values are Python `str(float)`: `0.1`, `1e-05`, `nan`, `inf`, `-inf`.
// The file only grows; a last line without its newline is kept until the newline arrives.
import type { PointBatch } from '../../runs/model';
import { pythonSpecialFloat } from '../../util/csvNumber';

export interface BadLine {
  lineNo: number;
  text: string;
}

/** Columns grown in place (the hot loop appends millions of points). */
class BatchBuilder {
  steps: Float64Array;
  values: Float64Array;
  wallTimes: Float64Array;
  length = 0;

  constructor(capacity: number) {
    this.steps = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
    this.wallTimes = new Float64Array(capacity);
  }

  push(step: number, value: number, wallTime: number): void {
    if (this.length === this.steps.length) {
      this.grow();
    }
    const i = this.length++;
    this.steps[i] = step;
    this.values[i] = value;
    this.wallTimes[i] = wallTime;
  }

  batch(): PointBatch {
    return {
      steps: this.steps.subarray(0, this.length),
      values: this.values.subarray(0, this.length),
      wallTimes: this.wallTimes.subarray(0, this.length),
    };
  }

  private grow(): void {
    const size = Math.max(16, this.steps.length * 2);
    const steps = new Float64Array(size);
    const values = new Float64Array(size);
    const wallTimes = new Float64Array(size);
    steps.set(this.steps);
    values.set(this.values);
    wallTimes.set(this.wallTimes);
    this.steps = steps;
    this.values = values;
    this.wallTimes = wallTimes;
  }
}

/** Parses one metric file's appended bytes, keeping a partial last line between calls. */
export class MetricLineParser {
  private pending: Uint8Array | undefined;
  private lineNo = 1;

  /** Points of the complete lines in `bytes` (plus the kept partial line); bad lines are reported. */
  push(bytes: Uint8Array, onBad: (bad: BadLine) => void): PointBatch {
    let data = bytes;
    if (this.pending) {
      data = new Uint8Array(this.pending.length + bytes.length);
      data.set(this.pending, 0);
      data.set(bytes, this.pending.length);
      this.pending = undefined;
    }
    const end = data.lastIndexOf(0x0a);
    if (end < data.length - 1) {
      this.pending = data.slice(end + 1);
    }
    const out = new BatchBuilder(Math.max(16, Math.ceil(end / 24)));
    if (end < 0) {
      return out.batch();
    }
    // The same bytes as text (latin1: index i of the text is byte i), for the tokens the byte parser
    // leaves to Number(); one decode of the chunk is far cheaper than one small Buffer per token.
    const text = latin1(data, 0, end);
    let pos = 0;
    while (pos <= end) {
      const nl = data.indexOf(0x0a, pos);
      let lineEnd = nl;
      if (lineEnd > pos && data[lineEnd - 1] === 0x0d) {
        lineEnd--;
      }
      if (
        lineEnd > pos &&
        !parseUsualLine(data, text, pos, lineEnd, out) &&
        !parseLine(data, text, pos, lineEnd, out)
      ) {
        onBad({ lineNo: this.lineNo, text: text.slice(pos, Math.min(lineEnd, pos + 80)) });
      }
      this.lineNo++;
      pos = nl + 1;
    }
    return out.batch();
  }

  /** The kept partial line, as text (tests). */
  get partial(): string {
    return this.pending ? latin1(this.pending, 0, this.pending.length) : '';
  }

  reset(): void {
    this.pending = undefined;
    this.lineNo = 1;
  }
}

function latin1(data: Uint8Array, start: number, end: number): string {
  return Buffer.from(data.buffer, data.byteOffset + start, end - start).toString('latin1');
}

/**
 * One pass over the usual line, `<digits> <decimal> <digits>`: false (nothing pushed) for anything
 * else, which parseLine then handles. The value's fast path is fastDecimal's; a mantissa too long for
 * it goes through Number() on the token.
 */
function parseUsualLine(data: Uint8Array, text: string, start: number, end: number, out: BatchBuilder): boolean {
  let i = start;
  let timestamp = 0;
  for (let c = data[i]; i < end && c >= 0x30 && c <= 0x39; c = data[++i]) {
    timestamp = timestamp * 10 + (c - 0x30);
  }
  if (i === start || i >= end || data[i] !== 0x20 || timestamp > MAX_EXACT) {
    return false;
  }
  const valueStart = ++i;
  let negative = false;
  if (data[i] === 0x2d) {
    negative = true;
    i++;
  }
  let mantissa = 0;
  let exponent = 0;
  let digits = 0;
  let exact = true;
  for (; i < end; i++) {
    const c = data[i];
    if (c < 0x30 || c > 0x39) {
      break;
    }
    mantissa = mantissa * 10 + (c - 0x30);
    digits++;
  }
  if (data[i] === 0x2e) {
    for (i++; i < end; i++) {
      const c = data[i];
      if (c < 0x30 || c > 0x39) {
        break;
      }
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      exponent--;
    }
  }
  if (digits === 0) {
    return false;
  }
  if (data[i] === 0x65 || data[i] === 0x45) {
    exact = false; // exponents: leave to the general path
    while (i < end && data[i] !== 0x20) {
      i++;
    }
  }
  if (i < end && data[i] !== 0x20) {
    return false;
  }
  const valueEnd = i;
  let value: number;
  if (exact && mantissa <= MAX_EXACT && exponent >= -22) {
    value = exponent === 0 ? mantissa : mantissa / POW10[-exponent];
    if (negative) {
      value = -value;
    }
  } else {
    value = Number(text.slice(valueStart, valueEnd));
    if (Number.isNaN(value)) {
      return false;
    }
  }
  let step = 0;
  if (i < end) {
    const stepStart = ++i;
    for (let c = data[i]; i < end && c >= 0x30 && c <= 0x39; c = data[++i]) {
      step = step * 10 + (c - 0x30);
    }
    if (i !== end || i === stepStart || step > MAX_EXACT) {
      return false;
    }
  }
  out.push(step, value, timestamp / 1000);
  return true;
}

/** `<ts> <value> [<step>]` in data[start, end) → one point; false when the line is not that. */
function parseLine(data: Uint8Array, text: string, start: number, end: number, out: BatchBuilder): boolean {
  const tsEnd = tokenEnd(data, start, end);
  if (tsEnd >= end || tsEnd === start) {
    return false;
  }
  const timestamp = numberAt(data, text, start, tsEnd, false);
  const valueStart = tsEnd + 1;
  const valueEnd = tokenEnd(data, valueStart, end);
  const value = numberAt(data, text, valueStart, valueEnd, true);
  let step = 0;
  if (valueEnd < end) {
    const stepStart = valueEnd + 1;
    const stepEnd = tokenEnd(data, stepStart, end);
    if (stepEnd !== end) {
      return false;
    }
    step = numberAt(data, text, stepStart, stepEnd, false) ?? NaN;
  }
  if (timestamp === undefined || !Number.isFinite(timestamp) || value === undefined || !Number.isFinite(step)) {
    return false;
  }
  out.push(step, value, timestamp / 1000);
  return true;
}

function numberAt(
  data: Uint8Array,
  text: string,
  start: number,
  end: number,
  pythonFloat: boolean,
): number | undefined {
  const fast = fastDecimal(data, start, end);
  if (fast !== undefined) {
    return fast;
  }
  const token = text.slice(start, end);
  return pythonFloat ? parseValue(token) : parseNumber(token);
}

function parseNumber(s: string): number | undefined {
  const n = s.length === 0 ? NaN : Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** A value as MLflow reads it back (Python float()); undefined when the text is not a number. */
export function parseValue(s: string): number | undefined {
  if (s.length === 0) {
    return undefined;
  }
  const n = Number(s);
  return Number.isNaN(n) ? pythonSpecialFloat(s) : n;
}

// Decimal numbers read straight from ASCII bytes (Number() on a sliced string costs several times more).
// Exact: the fast path is Clinger's — a mantissa of at most 2^53 scaled by at most 10^22 is one
// correctly rounded IEEE operation; anything else (17-digit mantissas, big exponents, `nan`, `inf`) goes
// through Number() on the token text. Kept in this module: a call across transpiled modules goes
// through an export getter, which shows in this loop.

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const MAX_EXACT = 2 ** 53;

/** End (exclusive) of the token starting at `start`: the next space, `\r` or `end`. */
function tokenEnd(data: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const c = data[i];
    if (c === 0x20 || c === 0x0d) {
      break;
    }
    i++;
  }
  return i;
}

/** The number spelled by data[start, end); undefined when the fast path does not apply. */
export function fastDecimal(data: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  let negative = false;
  if (i < end && (data[i] === 0x2d || data[i] === 0x2b)) {
    negative = data[i] === 0x2d;
    i++;
  }
  let mantissa = 0;
  let exponent = 0;
  let digits = 0;
  let fraction = false;
  for (; i < end; i++) {
    const c = data[i];
    if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      if (fraction) {
        exponent--;
      }
      if (mantissa > MAX_EXACT) {
        return undefined;
      }
    } else if (c === 0x2e && !fraction) {
      fraction = true;
    } else if (c === 0x65 || c === 0x45) {
      const e = readExponent(data, i + 1, end);
      if (e === undefined) {
        return undefined;
      }
      exponent += e;
      i = end;
      break;
    } else {
      return undefined;
    }
  }
  if (digits === 0) {
    return undefined;
  }
  let value: number;
  if (exponent === 0) {
    value = mantissa;
  } else if (exponent < 0 && exponent >= -22) {
    value = mantissa / POW10[-exponent];
  } else if (exponent > 0 && exponent <= 22) {
    value = mantissa * POW10[exponent];
  } else if (mantissa === 0) {
    value = 0;
  } else {
    return undefined;
  }
  return negative ? -value : value;
}

function readExponent(data: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  let negative = false;
  if (i < end && (data[i] === 0x2d || data[i] === 0x2b)) {
    negative = data[i] === 0x2d;
    i++;
  }
  if (i >= end) {
    return undefined;
  }
  let e = 0;
  for (; i < end; i++) {
    const c = data[i];
    if (c < 0x30 || c > 0x39 || e > 1000) {
      return undefined;
    }
    e = e * 10 + (c - 0x30);
  }
  return negative ? -e : e;
}
