// Positional reads over a file (or a buffer in tests), so parsers only touch the bytes they need.
import fs from 'node:fs/promises';
import { CheckpointError } from './errors';

export interface RandomAccess {
  readonly size: number;
  /** Reads exactly `length` bytes at `offset`; throws a named `truncated` error past the end. */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

function checkRange(size: number, offset: number, length: number, what: string): void {
  if (
    !Number.isSafeInteger(offset) ||
    !Number.isSafeInteger(length) ||
    offset < 0 ||
    length < 0 ||
    offset + length > size
  ) {
    throw new CheckpointError(
      'truncated',
      `${what}: read of ${length} bytes at ${offset} is beyond the file end (${size})`,
    );
  }
}

export function bufferAccess(bytes: Uint8Array): RandomAccess {
  return {
    size: bytes.length,
    read: (offset, length) => {
      checkRange(bytes.length, offset, length, 'buffer');
      return Promise.resolve(bytes.subarray(offset, offset + length));
    },
    close: () => Promise.resolve(),
  };
}

export async function openFileAccess(path: string): Promise<RandomAccess> {
  const handle = await fs.open(path, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      async read(offset, length) {
        checkRange(size, offset, length, path);
        const buf = Buffer.alloc(length);
        let done = 0;
        while (done < length) {
          const { bytesRead } = await handle.read(buf, done, length - done, offset + done);
          if (bytesRead === 0) {
            throw new CheckpointError('truncated', `${path}: file shrank while reading`);
          }
          done += bytesRead;
        }
        return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
      },
      close: () => handle.close(),
    };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
