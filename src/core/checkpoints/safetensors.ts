// safetensors: u64 LE header length, then a JSON header {name: {dtype, shape, data_offsets}, __metadata__}.
// Only the header bytes are read; offsets are validated against the file size.
import { CheckpointError } from './errors';
import { elementBytes, numelOf, safetensorsDtype } from './dtypes';
import type { RandomAccess } from './randomAccess';

/** The reference implementation refuses headers above 100 MB. */
export const MAX_SAFETENSORS_HEADER = 100_000_000;

export interface SafetensorsEntry {
  name: string;
  dtype: string;
  shape: number[];
  numel: number;
  /** Absolute byte range in the file. */
  begin: number;
  end: number;
}

export interface SafetensorsHeader {
  headerLength: number;
  entries: SafetensorsEntry[];
  metadata?: Record<string, string>;
}

/** True when the first 9 bytes look like a safetensors header (length fits the file, JSON starts with `{`). */
export function looksLikeSafetensors(head: Uint8Array, fileSize: number): boolean {
  if (head.length < 9) {
    return false;
  }
  const n = readU64(head);
  return n >= 2 && n + 8 <= fileSize && head[8] === 0x7b;
}

function readU64(b: Uint8Array): number {
  const view = new DataView(b.buffer, b.byteOffset, 8);
  const lo = view.getUint32(0, true);
  const hi = view.getUint32(4, true);
  return hi * 2 ** 32 + lo;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isDim(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

export async function readSafetensorsHeader(file: RandomAccess): Promise<SafetensorsHeader> {
  if (file.size < 8) {
    throw new CheckpointError('truncated', `file is ${file.size} bytes, shorter than the 8-byte header length`);
  }
  const headerLength = readU64(await file.read(0, 8));
  if (headerLength > file.size - 8) {
    throw new CheckpointError(
      'safetensors-header-too-large',
      `header length ${headerLength} is beyond the file (${file.size} bytes)`,
    );
  }
  if (headerLength > MAX_SAFETENSORS_HEADER) {
    throw new CheckpointError(
      'safetensors-header-too-large',
      `header length ${headerLength} exceeds ${MAX_SAFETENSORS_HEADER}`,
    );
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(await file.read(8, headerLength));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CheckpointError('safetensors-bad-json', `header is not JSON: ${(err as Error).message}`);
  }
  if (!isObject(json)) {
    throw new CheckpointError('safetensors-bad-json', 'header is not a JSON object');
  }
  return parseEntries(json, headerLength, file.size);
}

function parseEntries(json: Record<string, unknown>, headerLength: number, fileSize: number): SafetensorsHeader {
  const dataStart = 8 + headerLength;
  const dataSize = fileSize - dataStart;
  const entries: SafetensorsEntry[] = [];
  let metadata: Record<string, string> | undefined;
  for (const [name, value] of Object.entries(json)) {
    if (name === '__metadata__') {
      if (isObject(value)) {
        metadata = {};
        for (const [k, v] of Object.entries(value)) {
          metadata[k] = typeof v === 'string' ? v : JSON.stringify(v);
        }
      }
      continue;
    }
    if (!isObject(value)) {
      throw new CheckpointError('safetensors-bad-entry', `tensor "${name}" is not an object`);
    }
    const { dtype, shape, data_offsets: offsets } = value;
    if (typeof dtype !== 'string' || !Array.isArray(shape) || !shape.every(isDim)) {
      throw new CheckpointError('safetensors-bad-entry', `tensor "${name}" has no valid dtype/shape`);
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !isDim(offsets[0]) || !isDim(offsets[1])) {
      throw new CheckpointError('safetensors-bad-entry', `tensor "${name}" has no valid data_offsets`);
    }
    const [b, e] = offsets as [number, number];
    if (e < b || e > dataSize) {
      throw new CheckpointError(
        'safetensors-offsets-out-of-range',
        `tensor "${name}" data_offsets [${b}, ${e}] are outside the ${dataSize}-byte data area`,
      );
    }
    const dims = shape as number[];
    const numel = numelOf(dims);
    const torchDtype = safetensorsDtype(dtype);
    const elem = elementBytes(torchDtype);
    if (elem > 0 && numel * elem !== e - b) {
      throw new CheckpointError(
        'safetensors-bad-entry',
        `tensor "${name}" needs ${numel * elem} bytes but data_offsets span ${e - b}`,
      );
    }
    entries.push({ name, dtype: torchDtype, shape: dims, numel, begin: dataStart + b, end: dataStart + e });
  }
  checkOverlaps(entries);
  return { headerLength, entries, metadata };
}

function checkOverlaps(entries: SafetensorsEntry[]): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (cur.begin < prev.end) {
      throw new CheckpointError(
        'safetensors-offsets-overlap',
        `tensors "${prev.name}" and "${cur.name}" overlap in the data area`,
      );
    }
  }
}
