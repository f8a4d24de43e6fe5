// Incremental reading of an append-only file: each read() returns only the bytes appended since the
// last one, and says when the file was truncated or rewritten (then it starts over from byte 0).
import fs from 'node:fs/promises';

export interface TailChunk {
  /** Bytes appended since the last read (all bytes after a reset). */
  bytes: Uint8Array;
  /** Byte offset of `bytes[0]` in the file. */
  offset: number;
  /** True when the file shrank, was replaced, or its first bytes changed: the caller must start over. */
  reset: boolean;
}

const FINGERPRINT_BYTES = 64;
/** Upper bound of one read, so a huge file is consumed in slices and memory stays bounded. */
export const MAX_TAIL_CHUNK = 64 * 1024 * 1024;

export class FileTail {
  private offset = 0;
  private ino = -1;
  private fingerprint: Uint8Array = new Uint8Array(0);

  constructor(readonly path: string) {}

  /** Bytes consumed so far. */
  get position(): number {
    return this.offset;
  }

  /** Reads the appended bytes (at most MAX_TAIL_CHUNK per call). Throws only on I/O errors. */
  async read(maxBytes = MAX_TAIL_CHUNK): Promise<TailChunk> {
    const handle = await fs.open(this.path, 'r');
    try {
      const stat = await handle.stat();
      const reset = this.offset > 0 && (await this.wasReplaced(handle, stat.size, stat.ino));
      if (reset) {
        this.offset = 0;
        this.fingerprint = new Uint8Array(0);
      }
      this.ino = stat.ino;
      const available = Math.max(0, stat.size - this.offset);
      const length = Math.min(available, maxBytes);
      const bytes = new Uint8Array(length);
      let got = 0;
      while (got < length) {
        const { bytesRead } = await handle.read(bytes, got, length - got, this.offset + got);
        if (bytesRead === 0) {
          break;
        }
        got += bytesRead;
      }
      const start = this.offset;
      this.offset += got;
      if (this.fingerprint.length < FINGERPRINT_BYTES && start < FINGERPRINT_BYTES) {
        const keep = Math.min(FINGERPRINT_BYTES, this.offset);
        const fp = new Uint8Array(keep);
        fp.set(this.fingerprint.subarray(0, start), 0);
        fp.set(bytes.subarray(0, keep - start), start);
        this.fingerprint = fp;
      }
      return { bytes: got === length ? bytes : bytes.subarray(0, got), offset: start, reset };
    } finally {
      await handle.close();
    }
  }

  /** Moves the read position back, e.g. to re-read a partial record once more bytes arrived. */
  rewindTo(offset: number): void {
    this.offset = Math.max(0, Math.min(offset, this.offset));
  }

  private async wasReplaced(handle: fs.FileHandle, size: number, ino: number): Promise<boolean> {
    if (size < this.offset || (this.ino !== -1 && ino !== this.ino)) {
      return true;
    }
    const fp = this.fingerprint;
    if (fp.length === 0) {
      return false;
    }
    const now = new Uint8Array(fp.length);
    const { bytesRead } = await handle.read(now, 0, fp.length, 0);
    if (bytesRead < fp.length) {
      return true;
    }
    for (let i = 0; i < fp.length; i++) {
      if (now[i] !== fp[i]) {
        return true;
      }
    }
    return false;
  }
}

/**
 * A file that tools rewrite whole (trainer_state.json, meta.yaml, metrics.json): read() returns the
 * whole text when size, mtime or inode changed since the last read, else undefined.
 */
export class FileSnapshot {
  private key = '';

  constructor(
    readonly path: string,
    private readonly maxBytes = 256 * 1024 * 1024,
  ) {}

  async read(): Promise<string | undefined> {
    const stat = await fs.stat(this.path);
    const key = `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
    if (key === this.key) {
      return undefined;
    }
    if (stat.size > this.maxBytes) {
      throw new Error(`${this.path} is ${stat.size} bytes, more than the ${this.maxBytes} Runboard reads whole`);
    }
    const text = await fs.readFile(this.path, 'utf8');
    this.key = key;
    return text;
  }
}
