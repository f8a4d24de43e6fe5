// Incremental CSV/TSV table reading: feed appended bytes, keep the incomplete last record, parse the header
// once, return complete records. The record scanner (csvRecords.ts) is hand-written: a char scan that keeps
// plain lines as ranges measured several times faster than csv-parse (bench/csv.ts), and it lets a growing
// file's incomplete last record wait for the rest.
import fs from 'node:fs/promises';
import type { RunError } from '../runs/model';
import { scanRecordRanges, scanRecords, scanWhitespaceRecords } from './csvRecords';
import { CsvRows } from './csvRows';
import { FileTail, MAX_TAIL_CHUNK } from './fileTail';

// Re-exported: their users predate the split of this file.
export { parseNumber } from './csvNumber';
export { scanRecords, scanWhitespaceRecords } from './csvRecords';

export interface CsvDialect {
  /** Field separator (default `,`; DVCLive uses `\t`). */
  delimiter?: string;
  /** Fields separated by runs of blanks, no quoting (YOLOv5 `results.txt`). */
  whitespace?: boolean;
  /** No header line: every record is data and the caller names the columns. */
  noHeader?: boolean;
}

export interface CsvChunk {
  /** The file was rewritten, truncated or removed: drop every earlier row of it. */
  reset: boolean;
  /** Trimmed column names, set on the call that read the header (again after a reset). */
  header?: string[];
  /** Complete data records, cells untrimmed. */
  rows: string[][];
  errors: RunError[];
}

/** A CsvChunk whose rows stay compact (ranges of the decoded text, see CsvRows). */
export interface CsvTableChunk extends Omit<CsvChunk, 'rows'> {
  rows: CsvRows;
}

/** One record longer than this (an unterminated quote) is dropped with an error instead of growing forever. */
const MAX_PENDING_CHARS = 16 * 1024 * 1024;
/** Bytes decoded and scanned at a time. */
const DECODE_SLICE = 256 * 1024;
/** A file untouched this long (ms) is taken as finished for its last unterminated line. */
const QUIET_MS = 2000;

/** Reads a growing CSV/TSV file: each read() returns the records appended since the last one. Never throws. */
export class CsvTableTail {
  private tail: FileTail;
  private decoder = newDecoder();
  private pending = '';
  /** The file's text from byte 0 to the end of the header line, to notice a rewrite with a new header. */
  private headerRaw?: string;
  private _header?: string[];
  private rowsSeen = 0;
  /** The last line had no newline and was taken as complete when the file stopped growing. */
  private settledTail = false;
  private readonly reported = new Set<string>();

  constructor(
    readonly path: string,
    private readonly dialect: CsvDialect = {},
  ) {
    this.tail = new FileTail(path);
  }

  get header(): string[] | undefined {
    return this._header;
  }

  /** The records appended since the last read, each as its cells. */
  async read(): Promise<CsvChunk> {
    const { rows, ...rest } = await this.readTable();
    return { ...rest, rows: rows.toArrays() };
  }

  /** The records appended since the last read, kept compact (the fast way to read a big file). */
  async readTable(): Promise<CsvTableChunk> {
    const result: CsvTableChunk = { reset: false, rows: new CsvRows(this.delimiter), errors: [] };
    try {
      await this.readInto(result);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        if (this.tail.position > 0) {
          this.restart(result);
        }
      } else {
        this.report(result, 'read-failed', `cannot read: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return result;
  }

  private async readInto(result: CsvTableChunk): Promise<void> {
    let chunk = await this.tail.read();
    if (chunk.reset) {
      this.restart(result, false); // the tail itself started over and read from byte 0
    } else if (chunk.bytes.length > 0 && chunk.offset > 0 && (await this.rewritten(chunk.bytes[0]))) {
      this.restart(result, true);
      chunk = await this.tail.read();
    }
    if (chunk.bytes.length === 0) {
      this.atEnd(result, true);
      return;
    }
    this.settledTail = false;
    // Decoded in slices: a string of several MB (Node makes those external strings) made the scan
    // erratically 50x slower once cells were converted to numbers (measured in bench/csv.ts).
    const bytes = chunk.bytes;
    for (let at = 0; at < bytes.length; at += DECODE_SLICE) {
      const decoded = this.decoder.decode(bytes.subarray(at, at + DECODE_SLICE), { stream: true });
      if (decoded.includes('\uFFFD')) {
        this.report(result, 'invalid-utf8', 'has bytes that are not valid UTF-8');
      }
      this.consume(this.pending + decoded, result);
    }
    if (chunk.bytes.length < MAX_TAIL_CHUNK && this.needsEndCheck()) {
      this.atEnd(result, await this.isQuiet());
    }
  }

  private needsEndCheck(): boolean {
    return this.pending.length > 0 || (!this.dialect.noHeader && (this._header === undefined || this.rowsSeen === 0));
  }

  /** Not modified for QUIET_MS: its writer is done (or stalled), so an unterminated line is taken as is. */
  private async isQuiet(): Promise<boolean> {
    const st = await fs.stat(this.path);
    return Date.now() - st.mtimeMs > QUIET_MS;
  }

  private consume(text: string, result: CsvTableChunk): void {
    let start = 0;
    if (this._header === undefined) {
      if (this.dialect.noHeader) {
        this.setHeader([], '', result);
      } else {
        const first: string[][] = [];
        start = scanRecords(text, this.delimiter, first, 1);
        if (first.length === 0) {
          this.pending = text; // blank lines only so far: keep them, headerRaw starts at byte 0
          return;
        }
        this.setHeader(first[0], text.slice(0, start), result);
      }
    }
    const rest = start > 0 ? text.slice(start) : text;
    const rows = result.rows;
    const before = rows.length;
    let end: number;
    if (this.dialect.whitespace) {
      const split: string[][] = [];
      end = scanWhitespaceRecords(rest, split);
      for (const row of split) {
        rows.addCells(row);
      }
    } else {
      end = scanRecordRanges(rest, this.delimiter, rows);
    }
    this.pending = rest.slice(end);
    if (this.pending.length > MAX_PENDING_CHARS) {
      this.report(
        result,
        'record-too-long',
        `has a record longer than ${MAX_PENDING_CHARS} characters (unclosed quote?)`,
      );
      this.pending = '';
    }
    this.checkRagged(result, before);
  }

  private setHeader(cells: string[], raw: string, result: CsvTableChunk): void {
    const header = cells.map((c) => c.trim());
    if (header.length > 0) {
      header[0] = header[0].replace(/^\uFEFF/, '').trim();
    }
    this._header = header;
    this.headerRaw = this.dialect.noHeader ? undefined : raw;
    result.header = header;
  }

  private checkRagged(result: CsvTableChunk, from: number): void {
    const rows = result.rows;
    const width = this._header?.length ?? 0;
    let bad = 0;
    let firstBad = -1;
    for (let i = from; i < rows.length; i++) {
      if (width > 0 && rows.cellCount(i) !== width) {
        if (bad++ === 0) {
          firstBad = this.rowsSeen + (i - from) + 1;
        }
      }
    }
    this.rowsSeen += rows.length - from;
    if (bad > 0) {
      result.errors.push({
        code: 'ragged-row',
        message: `${bad} row(s) have a different number of cells than the ${width} header columns (first: data row ${firstBad})`,
        file: this.path,
      });
    }
  }

  /**
   * At the end of the file. When it is quiet (no new bytes on this poll, or not modified for a while), a last
   * line without newline is taken as complete, and header-only / blank files are named.
   */
  private atEnd(result: CsvTableChunk, quiet: boolean): void {
    if (!quiet) {
      return;
    }
    if (this.pending.trim().length > 0) {
      const text = this.pending + '\n';
      const probe: string[][] = [];
      const end = this.dialect.whitespace
        ? scanWhitespaceRecords(text, probe)
        : scanRecords(text, this.delimiter, probe);
      if (end === text.length) {
        this.consume(text, result);
        this.settledTail = true;
      }
    }
    if (this.tail.position === 0 || this.dialect.noHeader) {
      return;
    }
    if (this._header === undefined) {
      this.report(result, 'no-header', 'has no header line (only blank lines)');
    } else if (this.rowsSeen === 0) {
      this.report(result, 'header-only', 'has a header but no data rows');
    }
  }

  private async rewritten(firstNewByte: number): Promise<boolean> {
    // A last line taken as complete went on after all: its row was wrong.
    if (this.settledTail && firstNewByte !== 10 && firstNewByte !== 13) {
      return true;
    }
    // Lightning rewrites metrics.csv in place with a longer header: same inode, grown size.
    return this.headerRaw !== undefined && !(await this.headerUnchanged());
  }

  private async headerUnchanged(): Promise<boolean> {
    const raw = this.headerRaw ?? '';
    const length = Buffer.byteLength(raw);
    const handle = await fs.open(this.path, 'r');
    try {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buf, 0, length, 0);
      return bytesRead === length && newDecoder().decode(buf) === raw;
    } finally {
      await handle.close();
    }
  }

  private restart(result: CsvTableChunk, newTail = true): void {
    result.reset = true;
    result.rows.clear();
    result.header = undefined;
    if (newTail) {
      this.tail = new FileTail(this.path);
    }
    this.decoder = newDecoder();
    this.pending = '';
    this.headerRaw = undefined;
    this._header = undefined;
    this.rowsSeen = 0;
    this.settledTail = false;
    this.reported.clear();
  }

  private report(result: CsvTableChunk, code: string, message: string): void {
    if (this.reported.has(code)) {
      return;
    }
    this.reported.add(code);
    result.errors.push({ code, message: `${this.path} ${message}`, file: this.path });
  }

  private get delimiter(): string {
    return this.dialect.delimiter ?? ',';
  }
}

function newDecoder(): InstanceType<typeof TextDecoder> {
  // ignoreBOM keeps a BOM in the text, so the header text matches the file's bytes (stripped from the name).
  return new TextDecoder('utf-8', { ignoreBOM: true });
}
