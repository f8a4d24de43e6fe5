// Fast path for the commonest `.wandb` record, a HistoryRecord of scalars (wandb-core's rows): reads the
// Record bytes directly, names interned, numbers parsed from the value_json bytes, nothing allocated per
// row. Whatever it does not handle exactly as the general path (records.ts + history.ts) would — another
// record type, nested dicts, media, non-numeric values, anything malformed — makes it return undefined
// before a point is added, and the caller decodes the record the general way.
import { parseDecimalBytes } from '../../util/decimal';
import type { HistorySink } from './history';
import { NameCache, sameBytes } from './nameCache';
import { parseNumberJson } from './valueJson';

const enum Tag {
  Item = (1 << 3) | 2,
  Step = (2 << 3) | 2,
  StepNum = 1 << 3,
  Key = (1 << 3) | 2,
  NestedKey = (2 << 3) | 2,
  ValueJson = (16 << 3) | 2,
}
const RECORD_HISTORY = 2;
/** Record's oneof record_type: length-delimited fields 2..27 (formats.md §2.3). */
const FIRST_TYPE = 2;
const LAST_TYPE = 27;
const UNDERSCORE = 95;
const STEP_NAME = Buffer.from('_step');
const TIMESTAMP_NAME = Buffer.from('_timestamp');

export class HistoryFastPath {
  private readonly names = new NameCache();
  private readonly rowNames: string[] = [];
  private readonly rowValues: number[] = [];
  /** Read position in the record being decoded; -1 once something was not understood. */
  private pos = 0;

  /** Applies the Record in buf[start, end) if it is a plain history row; returns its step, else undefined. */
  apply(buf: Buffer, start: number, end: number, fallbackStep: number, sink: HistorySink): number | undefined {
    let types = 0;
    let body = -1;
    let bodyEnd = -1;
    this.pos = start;
    while (this.pos < end) {
      const tag = this.varint32(buf, end);
      if (tag < 8) {
        return undefined; // unreadable, or field number 0
      }
      const field = tag >>> 3;
      if ((tag & 7) === 2 && field >= FIRST_TYPE && field <= LAST_TYPE) {
        types++;
        body = this.lengthPrefix(buf, end);
        if (body < 0 || field !== RECORD_HISTORY) {
          return undefined;
        }
        bodyEnd = this.pos;
      } else if (!this.skip(buf, end, tag & 7)) {
        return undefined;
      }
    }
    return types === 1 ? this.history(buf, body, bodyEnd, fallbackStep, sink) : undefined;
  }

  private history(
    buf: Buffer,
    start: number,
    end: number,
    fallbackStep: number,
    sink: HistorySink,
  ): number | undefined {
    const rowNames = this.rowNames;
    const rowValues = this.rowValues;
    rowNames.length = 0;
    rowValues.length = 0;
    let step = NaN;
    let hasStep = false;
    let stepValue = NaN;
    let wallTime = NaN;
    let position = 0;
    this.pos = start;
    while (this.pos < end) {
      const tag = this.varint32(buf, end);
      if (tag === Tag.Item) {
        const itemStart = this.lengthPrefix(buf, end);
        if (itemStart < 0) {
          return undefined;
        }
        const itemEnd = this.pos;
        // The item's fields: name and value_json ranges (the last of each wins, as in the general path).
        // Tags and lengths are almost always one byte (value_json's tag two): read inline.
        let keyStart = itemEnd;
        let keyEnd = itemEnd;
        let nested = 0;
        let valueStart = itemEnd;
        let valueEnd = itemEnd;
        let pos = itemStart;
        while (pos < itemEnd) {
          let t = buf[pos];
          if (t < 0x80) {
            pos++;
          } else if (t === 0x82 && pos + 1 < itemEnd && buf[pos + 1] === 0x01) {
            t = Tag.ValueJson;
            pos += 2;
          } else {
            this.pos = pos;
            t = this.varint32(buf, itemEnd);
            pos = this.pos;
          }
          if (t === Tag.Key || t === Tag.NestedKey || t === Tag.ValueJson) {
            let len = pos < itemEnd ? buf[pos] : 0x80;
            if (len < 0x80) {
              pos++;
            } else {
              this.pos = pos;
              len = this.varint32(buf, itemEnd);
              pos = this.pos;
            }
            if (len < 0 || len > itemEnd - pos || (t === Tag.NestedKey && ++nested > 1)) {
              return undefined; // malformed, or a nested dict / media leaf
            }
            if (t === Tag.ValueJson) {
              valueStart = pos;
              valueEnd = pos + len;
            } else if (t === Tag.NestedKey || nested === 0) {
              keyStart = pos;
              keyEnd = pos + len;
            }
            pos += len;
          } else {
            this.pos = pos;
            if (t < 8 || !this.skip(buf, itemEnd, t & 7)) {
              return undefined;
            }
            pos = this.pos;
          }
        }
        this.pos = itemEnd;
        if (keyStart === keyEnd) {
          continue; // no name: skipped
        }
        if (buf[keyStart] === UNDERSCORE) {
          if (sameBytes(STEP_NAME, buf, keyStart, keyEnd)) {
            stepValue = numberAt(buf, valueStart, valueEnd) ?? NaN;
          } else if (sameBytes(TIMESTAMP_NAME, buf, keyStart, keyEnd)) {
            wallTime = numberAt(buf, valueStart, valueEnd) ?? NaN;
          }
          continue;
        }
        const value = numberAt(buf, valueStart, valueEnd);
        if (value === undefined) {
          return undefined; // text, an object, or not JSON: the general path knows what to do
        }
        rowNames.push(this.names.get(buf, keyStart, keyEnd, position++));
        rowValues.push(value);
      } else if (tag === Tag.Step) {
        const s = this.lengthPrefix(buf, end);
        const num = s < 0 ? -1 : this.stepNum(buf, s, this.pos);
        if (num < 0) {
          return undefined;
        }
        step = num;
        hasStep = true;
      } else if (tag < 8 || !this.skip(buf, end, tag & 7)) {
        return undefined;
      }
    }
    if (!hasStep) {
      step = Number.isNaN(stepValue) ? fallbackStep : stepValue;
    }
    if (!Number.isNaN(wallTime)) {
      sink.wallTime = wallTime;
    }
    for (let i = 0; i < rowNames.length; i++) {
      sink.points.add(rowNames[i], step, rowValues[i], wallTime);
    }
    return step;
  }

  /** HistoryStep.num in buf[start, end) (0 when absent); -1 when the general path must decode it. */
  private stepNum(buf: Buffer, start: number, end: number): number {
    const after = this.pos;
    let num = 0;
    this.pos = start;
    while (this.pos < end) {
      const tag = this.varint32(buf, end);
      if (tag === Tag.StepNum) {
        num = this.varint32(buf, end); // steps past 2^32 (or negative) take the general path
        if (num < 0) {
          return -1;
        }
      } else if (tag < 8 || !this.skip(buf, end, tag & 7)) {
        return -1;
      }
    }
    this.pos = after;
    return num;
  }

  /** A varint of at most 32 bits; -1 (position unchanged) when longer, unterminated or past `end`. */
  private varint32(buf: Buffer, end: number): number {
    let pos = this.pos;
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 5 && pos < end; i++) {
      const b = buf[pos++];
      value += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (value > 0xffffffff) {
          return -1;
        }
        this.pos = pos;
        return value;
      }
      scale *= 128;
    }
    return -1;
  }

  /** Reads a length prefix and moves past the field; returns where its payload starts, -1 when bad. */
  private lengthPrefix(buf: Buffer, end: number): number {
    const len = this.varint32(buf, end);
    const start = this.pos;
    if (len < 0 || len > end - start) {
      return -1;
    }
    this.pos = start + len;
    return start;
  }

  private skip(buf: Buffer, end: number, wire: number): boolean {
    switch (wire) {
      case 0:
        for (let i = 0; i < 10 && this.pos < end; i++) {
          if (buf[this.pos++] < 0x80) {
            return true;
          }
        }
        return false;
      case 1:
      case 5: {
        const n = wire === 1 ? 8 : 4;
        if (this.pos + n > end) {
          return false;
        }
        this.pos += n;
        return true;
      }
      case 2:
        return this.lengthPrefix(buf, end) >= 0;
      default:
        return false;
    }
  }
}

/** The value_json in buf[start, end) as the general path's parseNumberJson reads it. */
function numberAt(buf: Buffer, start: number, end: number): number | undefined {
  const c = buf[start];
  if (start < end && ((c >= 48 && c <= 57) || c === 45)) {
    const n = parseDecimalBytes(buf, start, end);
    if (n !== undefined) {
      return n;
    }
  }
  return parseNumberJson(buf.toString('utf8', start, end));
}
