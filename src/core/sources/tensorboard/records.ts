// TFRecord framing (formats.md §1.2): u64 length, masked CRC-32C of the length, data, masked CRC of
// the data. With `verify` both CRCs are checked on every record. Without it (the fast default) a
// record that parses is trusted; the CRCs are checked when the event fails to parse, and the length
// CRC also before waiting on a partial record or rejecting an absurd length — so a corrupt length
// is always named (`bad-length-crc`) rather than read as "pending forever".
import { maskedCrc32c, maskedCrc32c8 } from '../../util/crc32c';

export const HEADER_BYTES = 12;
export const FOOTER_BYTES = 4;
/** No sane event is larger than this (TensorBoard's own writers stay far below). */
export const MAX_RECORD_BYTES = 1024 * 1024 * 1024;

export interface RecordProblem {
  code: 'bad-length-crc' | 'crc-mismatch' | 'record-too-large' | 'bad-event';
  message: string;
  /** Offset of the record in the buffer. */
  at: number;
  /** Fatal problems stop the file: nothing after them can be trusted. */
  fatal: boolean;
}

export interface ScanResult {
  /** Bytes of whole records handled (the rest is a partial record, kept for the next read). */
  consumed: number;
  /** Total size of the partial record at `consumed`, when its header was readable. */
  pendingRecordBytes?: number;
  problems: RecordProblem[];
}

/** Called with each record's data range; returns false when the data is not a valid Event. */
export type RecordHandler = (dataStart: number, dataEnd: number) => boolean;

export function scanRecords(buf: Uint8Array, verify: boolean, onRecord: RecordHandler, maxProblems = 20): ScanResult {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const n = buf.length;
  const problems: RecordProblem[] = [];
  let pos = 0;
  while (n - pos >= HEADER_BYTES) {
    // The length CRC is checked whenever the length is about to matter beyond a clean parse: with
    // `verify`, before waiting on a partial record, for an absurd length, and when the parse fails.
    if (verify && !lengthCrcOk(buf, dv, pos)) {
      return fail(problems, lengthProblem(pos), pos);
    }
    const lo = dv.getUint32(pos, true);
    const hi = dv.getUint32(pos + 4, true);
    if (hi !== 0 || lo > MAX_RECORD_BYTES) {
      if (!lengthCrcOk(buf, dv, pos)) {
        return fail(problems, lengthProblem(pos), pos);
      }
      const size = hi * 4294967296 + lo;
      const message = `record length ${size} bytes is beyond any sane bound`;
      return fail(problems, { code: 'record-too-large', message, at: pos, fatal: true }, pos);
    }
    const dataStart = pos + HEADER_BYTES;
    const dataEnd = dataStart + lo;
    const recordEnd = dataEnd + FOOTER_BYTES;
    if (recordEnd > n) {
      if (!lengthCrcOk(buf, dv, pos)) {
        return fail(problems, lengthProblem(pos), pos);
      }
      return { consumed: pos, pendingRecordBytes: recordEnd - pos, problems };
    }
    if (verify && !dataCrcOk(buf, dv, dataStart, dataEnd)) {
      return fail(problems, crcProblem(pos), pos);
    }
    if (!onRecord(dataStart, dataEnd)) {
      if (!verify && !lengthCrcOk(buf, dv, pos)) {
        return fail(problems, lengthProblem(pos), pos);
      }
      if (!verify && !dataCrcOk(buf, dv, dataStart, dataEnd)) {
        return fail(problems, crcProblem(pos), pos);
      }
      // The checksums vouch for these bytes: the writer wrote something that is not an Event. Skip it.
      if (problems.length < maxProblems) {
        problems.push({
          code: 'bad-event',
          message: 'a record with a valid checksum is not a readable Event; skipped',
          at: pos,
          fatal: false,
        });
      }
    }
    pos = recordEnd;
  }
  return { consumed: pos, problems };
}

function fail(problems: RecordProblem[], problem: RecordProblem, pos: number): ScanResult {
  problems.push(problem);
  return { consumed: pos, problems };
}

function lengthCrcOk(buf: Uint8Array, dv: DataView, pos: number): boolean {
  return maskedCrc32c8(buf, pos) === dv.getUint32(pos + 8, true);
}

function lengthProblem(at: number): RecordProblem {
  return { code: 'bad-length-crc', message: 'length checksum mismatch: the record header is corrupt', at, fatal: true };
}

function dataCrcOk(buf: Uint8Array, dv: DataView, start: number, end: number): boolean {
  return maskedCrc32c(buf, start, end) === dv.getUint32(end, true);
}

function crcProblem(at: number): RecordProblem {
  return { code: 'crc-mismatch', message: 'data checksum mismatch: the record is corrupt', at, fatal: true };
}
