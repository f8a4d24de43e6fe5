// Writes `.wandb` bytes for tests: the `:W&B` header, 32 KiB blocks, FULL/FIRST/MIDDLE/LAST chunks with
// IEEE CRC-32 over type+payload, and hand-encoded `wandb_internal.Record` protobufs.
import zlib from 'node:zlib';
import { crc32 } from '../../../../src/core/util/crc32';

export const BLOCK = 32768;
export const HEADER = Uint8Array.from([0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00]);

// ---- protobuf encoding ----

export function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) {
      byte |= 0x80;
    }
    out.push(byte);
  } while (v !== 0n);
  return out;
}

export function fieldVarint(field: number, value: number | bigint | boolean): number[] {
  return [...varint(field * 8), ...varint(typeof value === 'boolean' ? (value ? 1 : 0) : value)];
}

export function fieldBytes(field: number, bytes: Uint8Array | number[]): number[] {
  return [...varint(field * 8 + 2), ...varint(bytes.length), ...bytes];
}

export function fieldString(field: number, text: string): number[] {
  return fieldBytes(field, [...Buffer.from(text, 'utf8')]);
}

export interface Item {
  key?: string;
  nested?: string[];
  json: string;
}

function item(it: Item): number[] {
  const out: number[] = [];
  if (it.key !== undefined) {
    out.push(...fieldString(1, it.key));
  }
  for (const k of it.nested ?? []) {
    out.push(...fieldString(2, k));
  }
  out.push(...fieldString(16, it.json));
  return out;
}

function timestamp(seconds: number): number[] {
  const s = Math.floor(seconds);
  const nanos = Math.round((seconds - s) * 1e9);
  return [...fieldVarint(1, s), ...(nanos ? fieldVarint(2, nanos) : [])];
}

function record(field: number, body: number[], num?: number): Uint8Array {
  return Uint8Array.from([...(num !== undefined ? fieldVarint(1, num) : []), ...fieldBytes(field, body)]);
}

/** A HistoryRecord; `step` undefined leaves history.step out. */
export function historyRecord(items: Item[], step?: number): Uint8Array {
  const body: number[] = [];
  for (const it of items) {
    body.push(...fieldBytes(1, item(it)));
  }
  if (step !== undefined) {
    body.push(...fieldBytes(2, step === 0 ? [] : fieldVarint(1, step)));
  }
  return record(2, body);
}

/** wandb-core's shape: one nested_key item per metric plus `_step`/`_timestamp`. */
export function coreHistory(step: number, metrics: Record<string, string | number>, timestampS?: number): Uint8Array {
  const items: Item[] = [{ nested: ['_step'], json: String(step) }];
  for (const [k, v] of Object.entries(metrics)) {
    items.push({ nested: [k], json: String(v) });
  }
  if (timestampS !== undefined) {
    items.push({ nested: ['_timestamp'], json: String(timestampS) });
  }
  return historyRecord(items, step);
}

function update(items: Item[]): number[] {
  const body: number[] = [];
  for (const it of items) {
    body.push(...fieldBytes(1, item(it)));
  }
  return body;
}

export function summaryRecord(items: Item[]): Uint8Array {
  return record(3, update(items));
}

export function configRecord(items: Item[]): Uint8Array {
  return record(5, update(items));
}

export interface RunFields {
  runId?: string;
  project?: string;
  displayName?: string;
  startTime?: number;
  config?: Item[];
}

export function runRecord(run: RunFields): Uint8Array {
  const body: number[] = [];
  if (run.runId) {
    body.push(...fieldString(1, run.runId));
  }
  if (run.project) {
    body.push(...fieldString(3, run.project));
  }
  if (run.config) {
    body.push(...fieldBytes(4, update(run.config)));
  }
  if (run.displayName) {
    body.push(...fieldString(8, run.displayName));
  }
  if (run.startTime !== undefined) {
    body.push(...fieldBytes(17, timestamp(run.startTime)));
  }
  return record(17, body);
}

export function exitRecord(exitCode: number, runtime = 0): Uint8Array {
  return record(18, [...(exitCode ? fieldVarint(1, exitCode) : []), ...(runtime ? fieldVarint(2, runtime) : [])]);
}

export function statsRecord(timestampS: number, stats: Record<string, number>): Uint8Array {
  const body: number[] = [...fieldVarint(1, 0), ...fieldBytes(2, timestamp(timestampS))];
  for (const [k, v] of Object.entries(stats)) {
    body.push(...fieldBytes(3, [...fieldString(1, k), ...fieldString(16, String(v))]));
  }
  return record(7, body);
}

export function filesRecord(paths: string[]): Uint8Array {
  const body: number[] = [];
  for (const p of paths) {
    body.push(...fieldBytes(1, fieldString(1, p)));
  }
  return record(6, body);
}

export function outputRawRecord(line: string): Uint8Array {
  return record(13, [...fieldVarint(1, 1), ...fieldString(3, line)]);
}

/** The header record wandb writes first (field 21), which readers skip. */
export function headerRecord(): Uint8Array {
  return record(21, fieldBytes(1, [...fieldString(1, '0.30.0'), ...fieldVarint(2, 0)]));
}

// ---- LevelDB-log framing ----

/** Checksum as W&B computes it; zlib's when Node has it, so the reader's own CRC code is checked against it. */
export function chunkCrc(type: number, payload: Uint8Array): number {
  const z = zlib as unknown as { crc32?: (data: Uint8Array, seed?: number) => number };
  if (typeof z.crc32 === 'function') {
    return z.crc32(Buffer.concat([Uint8Array.of(type), payload])) >>> 0;
  }
  return crc32(payload, crc32(Uint8Array.of(type)));
}

export class LogWriter {
  private readonly parts: Uint8Array[] = [HEADER];
  private size = HEADER.length;
  /** File offset where each record's first chunk starts. */
  readonly offsets: number[] = [];

  append(payload: Uint8Array): this {
    let left = BLOCK - (this.size % BLOCK);
    if (left < 7) {
      this.push(new Uint8Array(left));
      left = BLOCK;
    }
    this.offsets.push(this.size);
    let at = 0;
    let first = true;
    do {
      left = BLOCK - (this.size % BLOCK);
      if (left < 7) {
        this.push(new Uint8Array(left));
        left = BLOCK;
      }
      const take = Math.min(payload.length - at, left - 7);
      const last = at + take === payload.length;
      const type = first && last ? 1 : first ? 2 : last ? 4 : 3;
      this.chunk(type, payload.subarray(at, at + take));
      at += take;
      first = false;
    } while (at < payload.length);
    return this;
  }

  appendAll(payloads: Uint8Array[]): this {
    for (const p of payloads) {
      this.append(p);
    }
    return this;
  }

  /** A raw chunk, for malformed-input tests. */
  chunk(type: number, payload: Uint8Array, checksum = chunkCrc(type, payload)): this {
    const h = new Uint8Array(7);
    new DataView(h.buffer).setUint32(0, checksum, true);
    new DataView(h.buffer).setUint16(4, payload.length, true);
    h[6] = type;
    this.push(h);
    this.push(payload.slice());
    return this;
  }

  /** Zero bytes up to the next block. */
  padBlock(): this {
    const left = BLOCK - (this.size % BLOCK);
    if (left < BLOCK) {
      this.push(new Uint8Array(left));
    }
    return this;
  }

  get length(): number {
    return this.size;
  }

  bytes(): Uint8Array {
    return Buffer.concat(this.parts);
  }

  private push(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.size += bytes.length;
  }
}

export function wandbLog(payloads: Uint8Array[]): Uint8Array {
  return new LogWriter().appendAll(payloads).bytes();
}
