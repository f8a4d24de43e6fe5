// Minimal read-only ZIP reader: finds the central directory (ZIP64 too) and reads only the entries asked for.
// torch.save writes stored (uncompressed) entries; deflated ones are inflated only when read, with a size cap.
import { inflateRawSync } from 'node:zlib';
import { CheckpointError } from './errors';
import type { RandomAccess } from './randomAccess';
import { decodeUtf8 } from './text';

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
/** EOCD is 22 bytes plus a comment of at most 65535 bytes. */
const EOCD_SEARCH = 0xffff + 22;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  byName: Map<string, ZipEntry>;
}

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
}
function u64(b: Uint8Array, o: number): number {
  const v = u32(b, o) + u32(b, o + 4) * 2 ** 32;
  if (!Number.isSafeInteger(v)) {
    throw new CheckpointError('zip-bad-entry', `64-bit value at ${o} is too large`);
  }
  return v;
}

export async function readZipDirectory(file: RandomAccess): Promise<ZipDirectory> {
  if (file.size < 22) {
    throw new CheckpointError('zip-truncated', `file is ${file.size} bytes, too small for a ZIP`);
  }
  const head = await file.read(0, 4);
  if (u32(head, 0) !== LOCAL_SIG && u32(head, 0) !== EOCD_SIG) {
    throw new CheckpointError('zip-bad-magic', 'file does not start with a ZIP local header (PK\\x03\\x04)');
  }
  // torch writes no archive comment, so the EOCD is usually the last 22 bytes: try that (with room for the ZIP64
  // locator before it) and only then scan the last 64 KiB + 22 bytes, which on a small file would be all of it.
  let { tail, eocd } = await findEocd(file, Math.min(file.size, 22 + 20), true);
  if (eocd < 0) {
    ({ tail, eocd } = await findEocd(file, Math.min(file.size, EOCD_SEARCH), false));
  }
  if (eocd < 0) {
    throw new CheckpointError('zip-truncated', 'no end-of-central-directory record: the ZIP is truncated or not a ZIP');
  }
  let count = u16(tail, eocd + 10);
  let cdSize = u32(tail, eocd + 12);
  let cdOffset = u32(tail, eocd + 16);
  const locator = eocd - 20;
  if (locator >= 0 && u32(tail, locator) === ZIP64_LOCATOR_SIG) {
    const recOffset = u64(tail, locator + 8);
    if (recOffset + 56 > file.size) {
      throw new CheckpointError('zip-truncated', 'ZIP64 end record is beyond the file end');
    }
    const rec = await file.read(recOffset, 56);
    if (u32(rec, 0) !== ZIP64_EOCD_SIG) {
      throw new CheckpointError('zip-bad-entry', 'ZIP64 locator points to no ZIP64 end record');
    }
    count = u64(rec, 32);
    cdSize = u64(rec, 40);
    cdOffset = u64(rec, 48);
  }
  if (cdOffset + cdSize > file.size) {
    throw new CheckpointError(
      'zip-truncated',
      `central directory [${cdOffset}, +${cdSize}] is beyond the file end (${file.size})`,
    );
  }
  if (count * 46 > cdSize) {
    throw new CheckpointError('zip-bad-entry', `${count} entries cannot fit a ${cdSize}-byte directory`);
  }
  return parseCentral(await file.read(cdOffset, cdSize), count, file.size);
}

async function findEocd(
  file: RandomAccess,
  len: number,
  lastOnly: boolean,
): Promise<{ tail: Uint8Array; eocd: number }> {
  const tail = await file.read(file.size - len, len);
  const stop = lastOnly ? tail.length - 22 : 0;
  for (let i = tail.length - 22; i >= stop; i--) {
    // The comment length must reach exactly to the end of the file.
    if (
      tail[i] === 0x50 &&
      tail[i + 1] === 0x4b &&
      u32(tail, i) === EOCD_SIG &&
      i + 22 + u16(tail, i + 20) === tail.length
    ) {
      return { tail, eocd: i };
    }
  }
  return { tail, eocd: -1 };
}

function parseCentral(cd: Uint8Array, count: number, fileSize: number): ZipDirectory {
  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || u32(cd, p) !== CENTRAL_SIG) {
      throw new CheckpointError('zip-bad-entry', `central directory entry ${i} is malformed`);
    }
    const method = u16(cd, p + 10);
    let compressedSize = u32(cd, p + 20);
    let size = u32(cd, p + 24);
    const nameLen = u16(cd, p + 28);
    const extraLen = u16(cd, p + 30);
    const commentLen = u16(cd, p + 32);
    let localHeaderOffset = u32(cd, p + 42);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > cd.length) {
      throw new CheckpointError('zip-bad-entry', `central directory entry ${i} overruns the directory`);
    }
    const name = decodeUtf8(cd, p + 46, p + 46 + nameLen);
    // ZIP64 extra field (id 1): only the fields whose 32-bit value is 0xFFFFFFFF are present, in this order.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = u16(cd, x);
      const len = u16(cd, x + 2);
      if (id === 1) {
        let q = x + 4;
        const take = (): number => {
          if (q + 8 > x + 4 + len) {
            throw new CheckpointError('zip-bad-entry', `ZIP64 extra field of "${name}" is short`);
          }
          const v = u64(cd, q);
          q += 8;
          return v;
        };
        if (size === 0xffffffff) {
          size = take();
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = take();
        }
        if (localHeaderOffset === 0xffffffff) {
          localHeaderOffset = take();
        }
      }
      x += 4 + len;
    }
    if (localHeaderOffset + 30 > fileSize || localHeaderOffset + compressedSize > fileSize) {
      throw new CheckpointError('zip-truncated', `entry "${name}" lies beyond the file end`);
    }
    const entry = { name, method, compressedSize, size, localHeaderOffset };
    entries.push(entry);
    byName.set(name, entry);
    p = end;
  }
  return { entries, byName };
}

/** Absolute offset of an entry's data (after its local header, whose extra field differs from the central one). */
export async function entryDataOffset(file: RandomAccess, entry: ZipEntry): Promise<number> {
  const local = await file.read(entry.localHeaderOffset, 30);
  if (u32(local, 0) !== LOCAL_SIG) {
    throw new CheckpointError('zip-bad-entry', `no local header for "${entry.name}"`);
  }
  const offset = entry.localHeaderOffset + 30 + u16(local, 26) + u16(local, 28);
  if (offset + entry.compressedSize > file.size) {
    throw new CheckpointError('zip-truncated', `data of "${entry.name}" runs past the file end`);
  }
  return offset;
}

/** Reads one (small) entry. `maxBytes` caps the uncompressed size so a lying header cannot exhaust memory. */
export async function readZipEntry(file: RandomAccess, entry: ZipEntry, maxBytes: number): Promise<Uint8Array> {
  if (entry.size > maxBytes) {
    throw new CheckpointError(
      'zip-bad-entry',
      `entry "${entry.name}" is ${entry.size} bytes, above the ${maxBytes}-byte limit`,
    );
  }
  const offset = await entryDataOffset(file, entry);
  const raw = await file.read(offset, entry.compressedSize);
  if (entry.method === 0) {
    return raw;
  }
  if (entry.method === 8) {
    try {
      return inflateRawSync(raw, { maxOutputLength: Math.max(1, maxBytes) });
    } catch (err) {
      throw new CheckpointError('zip-bad-entry', `entry "${entry.name}" does not inflate: ${(err as Error).message}`);
    }
  }
  throw new CheckpointError(
    'zip-unsupported-compression',
    `entry "${entry.name}" uses compression method ${entry.method}`,
  );
}
