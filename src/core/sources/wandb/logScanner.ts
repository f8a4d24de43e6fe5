// Incremental scanner of W&B's LevelDB-log-style transaction log (`run-<id>.wandb`), formats.md §2.2:
// a 7-byte `:W&B` header, then 32 KiB blocks of chunks {crc32 u32 LE, length u16 LE, type u8, payload}.
// Bytes are fed as they are appended; a partial chunk or multi-chunk record is kept until the rest arrives.
// A bad chunk is reported and the scanner skips to the next block, like wandb's own Go reader.
import { crc32 } from '../../util/crc32';

export const BLOCK_SIZE = 32768;
export const CHUNK_HEADER = 7;
export const FILE_HEADER = 7;
export const CHUNK_FULL = 1;
export const CHUNK_FIRST = 2;
export const CHUNK_MIDDLE = 3;
export const CHUNK_LAST = 4;

export interface ScanError {
  code: string;
  message: string;
}

export interface ScanSink {
  /**
   * One complete record: its payload is bytes[start, end), only valid during the call (a range, not a
   * view: a view per record was a measurable share of the read time). `offset` is its file offset.
   */
  record(bytes: Buffer, start: number, end: number, offset: number): void;
  error(error: ScanError): void;
}

export class LogScanner {
  // A Buffer, so record payloads are Buffers too and the protobuf reader's string decoding needs no view.
  private buf: Buffer = Buffer.alloc(0);
  /** File offset of buf[0]. */
  private bufStart = 0;
  /** File offset of the next chunk header. */
  private off = 0;
  private headerChecked = false;
  /** Set on a bad header: the file is not read further. */
  private dead = false;
  private parts: Uint8Array[] | undefined;
  private partsStart = 0;
  /** After a skip to the next block, MIDDLE/LAST chunks of the broken record are dropped quietly. */
  private recovering = false;

  /** True when bytes or a record part wait for more data (a partial write, or a truncated file). */
  get hasPartial(): boolean {
    if (this.dead) {
      return false;
    }
    return (
      this.parts !== undefined ||
      this.bufStart + this.buf.length > this.off ||
      (!this.headerChecked && this.buf.length > 0)
    );
  }

  /** File offset up to which every byte was consumed. */
  get position(): number {
    return this.off;
  }

  reset(): void {
    this.buf = Buffer.alloc(0);
    this.bufStart = 0;
    this.off = 0;
    this.headerChecked = false;
    this.dead = false;
    this.parts = undefined;
    this.recovering = false;
  }

  /** Feeds bytes that start where the previous ones ended. */
  feed(bytes: Uint8Array, sink: ScanSink): void {
    if (this.dead) {
      return;
    }
    const incoming = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (this.buf.length === 0) {
      this.buf = incoming;
    } else if (incoming.length > 0) {
      this.buf = Buffer.concat([this.buf, incoming]);
    }
    this.scan(sink);
    // Keep only what was not consumed (the scan may have skipped past the end: padding of a block).
    const end = this.bufStart + this.buf.length;
    if (this.off >= end) {
      this.buf = Buffer.alloc(0);
      this.bufStart = end;
    } else if (this.off > this.bufStart) {
      // A copy, so the (possibly large) bytes already consumed can be freed.
      this.buf = Buffer.from(this.buf.subarray(this.off - this.bufStart));
      this.bufStart = this.off;
    }
  }

  private scan(sink: ScanSink): void {
    const buf = this.buf;
    const end = this.bufStart + buf.length;
    if (!this.headerChecked) {
      if (end < FILE_HEADER) {
        return;
      }
      if (!this.checkHeader(sink)) {
        return;
      }
    }
    for (;;) {
      const blockLeft = BLOCK_SIZE - (this.off % BLOCK_SIZE);
      if (blockLeft < CHUNK_HEADER) {
        this.off += blockLeft; // zero padding at the end of a block
        continue;
      }
      if (end - this.off < CHUNK_HEADER) {
        return;
      }
      const i = this.off - this.bufStart;
      const checksum = (buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24)) >>> 0;
      const length = buf[i + 4] | (buf[i + 5] << 8);
      const type = buf[i + 6];
      if (checksum === 0 && length === 0 && type === 0) {
        this.off += blockLeft; // a zeroed rest of block (wandb's Go reader skips it too)
        continue;
      }
      if (CHUNK_HEADER + length > blockLeft) {
        this.fail(
          sink,
          'chunk-too-long',
          `chunk at byte ${this.off} claims ${length} bytes, more than the ${blockLeft - CHUNK_HEADER} left in its 32 KiB block`,
        );
        this.off += blockLeft;
        continue;
      }
      if (end - this.off < CHUNK_HEADER + length) {
        return;
      }
      const start = i + CHUNK_HEADER;
      // The checksum covers the type byte and the payload, which follow each other in the buffer.
      if (crc32(buf, 0, i + 6, start + length) !== checksum) {
        this.fail(sink, 'crc-mismatch', `chunk at byte ${this.off} fails its CRC-32 check; skipped to the next block`);
        this.off += blockLeft;
        continue;
      }
      const at = this.off;
      this.off += CHUNK_HEADER + length;
      this.chunk(type, buf, start, start + length, at, blockLeft, sink);
    }
  }

  private chunk(
    type: number,
    buf: Buffer,
    start: number,
    end: number,
    at: number,
    blockLeft: number,
    sink: ScanSink,
  ): void {
    switch (type) {
      case CHUNK_FULL:
        this.dropPartial(sink, at);
        this.recovering = false;
        sink.record(buf, start, end, at);
        return;
      case CHUNK_FIRST:
        this.dropPartial(sink, at);
        this.recovering = false;
        this.parts = [Uint8Array.prototype.slice.call(buf, start, end)];
        this.partsStart = at;
        return;
      case CHUNK_MIDDLE:
      case CHUNK_LAST:
        if (!this.parts) {
          if (!this.recovering) {
            sink.error({
              code: 'orphan-chunk',
              message: `chunk at byte ${at} continues a record whose start is missing; dropped`,
            });
          }
          return;
        }
        this.parts.push(Uint8Array.prototype.slice.call(buf, start, end));
        if (type === CHUNK_LAST) {
          const record = concat(this.parts);
          this.parts = undefined;
          sink.record(record, 0, record.length, this.partsStart);
        }
        return;
      default:
        this.fail(sink, 'bad-chunk-type', `chunk at byte ${at} has unknown type ${type}; skipped to the next block`);
        this.off = at + blockLeft;
    }
  }

  private dropPartial(sink: ScanSink, at: number): void {
    if (this.parts) {
      sink.error({
        code: 'incomplete-record',
        message: `record starting at byte ${this.partsStart} has no LAST chunk before byte ${at}; dropped`,
      });
      this.parts = undefined;
    }
  }

  private fail(sink: ScanSink, code: string, message: string): void {
    sink.error({ code, message });
    this.parts = undefined;
    this.recovering = true;
  }

  private checkHeader(sink: ScanSink): boolean {
    const b = this.buf;
    const magicOk = b[0] === 0x3a && b[1] === 0x57 && b[2] === 0x26 && b[3] === 0x42 && b[4] === 0xe1 && b[5] === 0xbe;
    if (!magicOk) {
      sink.error({ code: 'bad-magic', message: 'file does not start with the W&B header `:W&B` + 0xBEE1; not read' });
      this.dead = true;
      return false;
    }
    if (b[6] !== 0) {
      sink.error({
        code: 'unsupported-version',
        message: `W&B log version ${b[6]} is not supported (only 0); not read`,
      });
      this.dead = true;
      return false;
    }
    this.headerChecked = true;
    this.off = FILE_HEADER;
    return true;
  }
}

function concat(parts: Uint8Array[]): Buffer {
  let size = 0;
  for (const p of parts) {
    size += p.length;
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
