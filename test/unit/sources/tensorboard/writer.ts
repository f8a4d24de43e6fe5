// A tiny TFRecord/Event writer for tests: protobuf encoding by hand, field numbers from formats.md §1.3.
import { maskedCrc32c } from '../../../../src/core/util/crc32c';
import { join } from '../../../support/fuzz';

export class Pb {
  private readonly bytes: number[] = [];

  varint(value: number | bigint): this {
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.bytes.push(Number(v));
    return this;
  }
  key(field: number, wireType: number): this {
    return this.varint((field << 3) | wireType);
  }
  uint(field: number, value: number | bigint): this {
    return this.key(field, 0).varint(value);
  }
  double(field: number, value: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, value, true);
    this.key(field, 1).bytes.push(...b);
    return this;
  }
  float(field: number, value: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.key(field, 5).bytes.push(...b);
    return this;
  }
  raw(field: number, data: Uint8Array): this {
    this.key(field, 2)
      .varint(data.length)
      .bytes.push(...data);
    return this;
  }
  string(field: number, text: string): this {
    return this.raw(field, new TextEncoder().encode(text));
  }
  message(field: number, msg: Pb): this {
    return this.raw(field, msg.finish());
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** Frames `data` as one TFRecord: u64 length, masked CRC of it, data, masked CRC of the data. */
export function record(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length + 4);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, data.length, true);
  dv.setUint32(8, maskedCrc32c(out, 0, 8), true);
  out.set(data, 12);
  dv.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}

export interface EventSpec {
  wallTime?: number;
  step?: number | bigint;
  fileVersion?: string;
  values?: Pb[];
}

export function event(spec: EventSpec): Uint8Array {
  const e = new Pb();
  if (spec.wallTime !== undefined) {
    e.double(1, spec.wallTime);
  }
  if (spec.step !== undefined) {
    e.uint(2, spec.step);
  }
  if (spec.fileVersion !== undefined) {
    e.string(3, spec.fileVersion);
  }
  if (spec.values) {
    const summary = new Pb();
    for (const v of spec.values) {
      summary.message(1, v);
    }
    e.message(5, summary);
  }
  return e.finish();
}

export function metadata(plugin: string, content?: Uint8Array, dataClass?: number): Pb {
  const pluginData = new Pb().string(1, plugin);
  if (content) {
    pluginData.raw(2, content);
  }
  const m = new Pb().message(1, pluginData);
  if (dataClass !== undefined) {
    m.uint(4, dataClass);
  }
  return m;
}

export function simpleValue(tag: string, value: number): Pb {
  return new Pb().string(1, tag).float(2, value);
}

export function tensorValue(tag: string, tensor: Pb, meta?: Pb): Pb {
  const v = new Pb().string(1, tag).message(8, tensor);
  if (meta) {
    v.message(9, meta);
  }
  return v;
}

/** A TensorProto: dtype, optional dims, plus whatever fields the caller adds. */
export function tensor(dtype: number, dims: number[] = []): Pb {
  const t = new Pb().uint(1, dtype);
  if (dims.length > 0) {
    const shape = new Pb();
    for (const d of dims) {
      shape.message(2, new Pb().uint(1, d));
    }
    t.message(2, shape);
  }
  return t;
}

export function le(kind: 'f32' | 'f64' | 'i64' | 'u16', value: number | bigint): Uint8Array {
  const b = new Uint8Array(kind === 'u16' ? 2 : kind === 'f32' ? 4 : 8);
  const dv = new DataView(b.buffer);
  if (kind === 'f32') {
    dv.setFloat32(0, Number(value), true);
  } else if (kind === 'f64') {
    dv.setFloat64(0, Number(value), true);
  } else if (kind === 'u16') {
    dv.setUint16(0, Number(value), true);
  } else {
    dv.setBigInt64(0, BigInt(value), true);
  }
  return b;
}

/** A PNG-looking payload (magic + filler); the reader only points at it. */
export function fakePng(size = 40): Uint8Array {
  const b = new Uint8Array(size).fill(7);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return b;
}

export function legacyImageValue(tag: string, png: Uint8Array, width: number, height: number): Pb {
  const image = new Pb().uint(1, height).uint(2, width).uint(3, 3).raw(4, png);
  return new Pb().string(1, tag).message(4, image);
}

/** PyTorch add_hparams / Lightning: `_hparams_/session_start_info` with a map of values. */
export function hparamsValue(hparams: Record<string, number | string | boolean>): Pb {
  const start = new Pb();
  for (const [k, v] of Object.entries(hparams)) {
    const value = new Pb();
    if (typeof v === 'number') {
      value.double(2, v);
    } else if (typeof v === 'string') {
      value.string(3, v);
    } else {
      value.uint(4, v ? 1 : 0);
    }
    start.message(1, new Pb().string(1, k).message(2, value));
  }
  const content = new Pb().uint(1, 0).message(3, start).finish();
  return new Pb().string(1, '_hparams_/session_start_info').message(9, metadata('hparams', content));
}

/** A file: the `brain.Event:2` header event, then one record per event. */
export function eventFile(events: Uint8Array[], wallTime = 1700000000): Uint8Array {
  return join(record(event({ wallTime, fileVersion: 'brain.Event:2' })), ...events.map(record));
}

export function scalarEvents(tag: string, values: number[], firstStep = 0, wallTime = 1700000000): Uint8Array[] {
  return values.map((v, i) => event({ wallTime: wallTime + i, step: firstStep + i, values: [simpleValue(tag, v)] }));
}

/** A legacy HistogramProto (PyTorch/tensorboardX/TF1): right edges in `limits`, one count per bucket. */
export interface HistoSpec {
  min: number;
  max: number;
  num?: number;
  sum?: number;
  sumSquares?: number;
  limits: number[];
  counts: number[];
}

/**
 * `Summary.Value{tag, histo}`; `packed` (the default, as protobuf writes proto3) or one field per element.
 * Zero min/max are left out, as proto3 does.
 */
export function histoValue(tag: string, spec: HistoSpec, packed = true): Pb {
  const h = new Pb();
  for (const [field, v] of [
    [1, spec.min],
    [2, spec.max],
    [3, spec.num ?? spec.counts.reduce((a, b) => a + b, 0)],
    [4, spec.sum ?? 0],
    [5, spec.sumSquares ?? 0],
  ] as const) {
    if (v !== 0) {
      h.double(field, v);
    }
  }
  for (const [field, list] of [
    [6, spec.limits],
    [7, spec.counts],
  ] as const) {
    if (packed) {
      h.raw(field, join(...list.map((v) => le('f64', v))));
    } else {
      for (const v of list) {
        h.double(field, v);
      }
    }
  }
  return new Pb().string(1, tag).message(5, h);
}

/**
 * A TF2 `tf.summary.histogram` value: a [k, 3] tensor of (left, right, count) rows, float64 (as TF2
 * writes) or float32, in tensor_content or the repeated double_val/float_val; metadata `histograms`
 * when `withMetadata` (TF2 puts it on a tag's first value only).
 */
export function histogramTensorValue(
  tag: string,
  rows: Array<[number, number, number]>,
  options: { dtype?: 'f64' | 'f32'; content?: boolean; withMetadata?: boolean } = {},
): Pb {
  const { dtype = 'f64', content = true, withMetadata = true } = options;
  const t = tensor(dtype === 'f64' ? 2 : 1, [rows.length, 3]);
  const flat = rows.flat();
  if (content) {
    t.raw(4, join(...flat.map((v) => le(dtype, v))));
  } else {
    t.raw(dtype === 'f64' ? 6 : 5, join(...flat.map((v) => le(dtype, v))));
  }
  return tensorValue(tag, t, withMetadata ? metadata('histograms', undefined, 2) : undefined);
}
